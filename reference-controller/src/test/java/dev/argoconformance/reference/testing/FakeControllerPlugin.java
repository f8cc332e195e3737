package dev.argoconformance.reference.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * A controller plugin sidecar on 127.0.0.1, port 0 (MockWebServer): each method at {@code /api/v1/<method>} plays
 * its script of replies, repeating the last one; a method without a script, and every other path, gets a 404 with an
 * empty body, as the seed's plugins answer what they do not implement. Every request is recorded.
 */
public final class FakeControllerPlugin implements AutoCloseable {

    /** One request as the plugin saw it. */
    public record Call(String method, String path, Headers headers, String body) {
        public JsonNode json() {
            return Json.read(body);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, ConcurrentLinkedDeque<Function<JsonNode, MockResponse>>> scripts = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public FakeControllerPlugin() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
                String method = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : "";
                calls.add(new Call(method, path, request.getHeaders(), body));
                ConcurrentLinkedDeque<Function<JsonNode, MockResponse>> script = scripts.get(method);
                if (script == null || script.isEmpty()) {
                    return status(404, "");
                }
                Function<JsonNode, MockResponse> next = script.size() > 1 ? script.pollFirst() : script.peekFirst();
                return next.apply(body.isBlank() ? null : Json.read(body));
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** Replies to {@code method} with these, in order; the last one again and again. */
    public FakeControllerPlugin on(String method, MockResponse... replies) {
        for (MockResponse reply : replies) {
            scripts.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).addLast(args -> reply);
        }
        return this;
    }

    /** Replies 200 to {@code method} with what {@code reply} makes of the request body. */
    public FakeControllerPlugin answer(String method, Function<JsonNode, String> reply) {
        scripts.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).addLast(args -> json(reply.apply(args)));
        return this;
    }

    public static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).body(body).build();
    }

    public static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    /** A 200 whose headers come only after {@code delay}. */
    public static MockResponse slow(Duration delay, String body) {
        return new MockResponse.Builder().code(200).body(body).headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS).build();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public int count(String method) {
        return calls(method).size();
    }

    @Override
    public void close() {
        server.close();
    }
}
