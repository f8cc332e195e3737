package dev.argoconformance.reference.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * The one fake plugin of the reference controller's tests: a real HTTP server (OkHttp's MockWebServer) on 127.0.0.1,
 * port 0, serving connections concurrently. A {@link Handler} makes each reply; every request is recorded with when it
 * arrived, and the server counts how many it holds at once. Each test's plugin (executor, generator, controller, the
 * seed's hello) is a handler; a plugin that must break HTTP framing is {@link RawPlugin}'s job.
 */
public final class PluginServer implements AutoCloseable {

    /** How long {@link #take} waits for a request. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    /**
     * One request as the plugin saw it; {@code method} is the part after {@code /api/v1/}, or empty; {@code inFlight}
     * the calls the server held when it arrived, this one included.
     */
    public record Call(
            RecordedRequest request,
            String path,
            String method,
            Headers headers,
            String body,
            int number,
            long arrivedNanos,
            int inFlight) {
        public JsonNode json() {
            return body.isBlank() ? null : Json.read(body);
        }
    }

    /** Makes the reply to one call; {@code call.number()} counts this server's calls from 1. */
    @FunctionalInterface
    public interface Handler {
        MockResponse reply(Call call) throws Exception;
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public PluginServer(Handler handler) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                long arrived = System.nanoTime();
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    String path = request.getUrl().encodedPath();
                    String body =
                            request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
                    Call call = new Call(
                            request,
                            path,
                            path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : "",
                            request.getHeaders(),
                            body,
                            numbers.incrementAndGet(),
                            arrived,
                            now);
                    calls.add(call);
                    return handler.reply(call);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    return status(500, "the test's plugin broke: " + e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** {@code code} with MockWebServer's generic reason phrase ("Client Error"). */
    public static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    /** A status line of its own: {@code HTTP/1.1 403 Forbidden}. */
    public static MockResponse status(String statusLine, String body) {
        return new MockResponse.Builder().status(statusLine).body(body).build();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls to one method ({@code /api/v1/<method>}). */
    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    /** The most calls it held at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The next request in arrival order; fails after {@link #WAIT}. */
    public RecordedRequest take() {
        try {
            RecordedRequest request = server.takeRequest(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(request)
                    .as("a request reached the plugin within %s", WAIT)
                    .isNotNull();
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
