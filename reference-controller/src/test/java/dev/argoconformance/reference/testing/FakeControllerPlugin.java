package dev.argoconformance.reference.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;

/**
 * A controller plugin sidecar on 127.0.0.1, port 0 (a {@link PluginServer}): each method at {@code /api/v1/<method>} plays
 * its script of replies, repeating the last one; a method without a script, and every other path, gets a 404 with an
 * empty body, as the seed's plugins answer what they do not implement. Every request is recorded.
 */
public final class FakeControllerPlugin implements AutoCloseable {

    private final Map<String, ConcurrentLinkedDeque<Function<JsonNode, MockResponse>>> scripts =
            new ConcurrentHashMap<>();
    private final PluginServer server = new PluginServer(call -> {
        ConcurrentLinkedDeque<Function<JsonNode, MockResponse>> script = scripts.get(call.method());
        if (script == null || script.isEmpty()) {
            return status(404, "");
        }
        Function<JsonNode, MockResponse> next = script.size() > 1 ? script.pollFirst() : script.peekFirst();
        return next.apply(call.json());
    });

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
        return new MockResponse.Builder()
                .code(200)
                .body(body)
                .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    public URI uri() {
        return server.uri();
    }

    public List<PluginServer.Call> calls() {
        return server.calls();
    }

    public List<PluginServer.Call> calls(String method) {
        return server.calls(method);
    }

    public int count(String method) {
        return calls(method).size();
    }

    @Override
    public void close() {
        server.close();
    }
}
