package dev.argoconformance.reference.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.testing.PluginServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;

/**
 * Seed 001's hello plugin on 127.0.0.1 (port 0, a {@link PluginServer}), as its server.py behaves: 403 unless
 * {@code Authorization: Bearer <token>}; 404 for paths other than {@code /api/v1/template.execute}; for templates
 * with {@code plugin.hello}, the reply given (the seed's: Succeeded, "Hello template!", foo=bar); {@code {}} for others.
 */
final class SeedHelloPlugin implements AutoCloseable {

    static final String SEED_REPLY =
            "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"Hello template!\",\"outputs\":{\"parameters\":[{\"name\":\"foo\",\"value\":\"bar\"}]}}}";

    private final String token;
    private final String helloReply;
    private final PluginServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    SeedHelloPlugin(String token) {
        this(token, SEED_REPLY);
    }

    SeedHelloPlugin(String token, String helloReply) {
        this.token = token;
        this.helloReply = helloReply;
        this.server = new PluginServer(this::handle);
    }

    String url() {
        return server.uri().toString();
    }

    /** The Authorization header of every call, in order. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private MockResponse handle(PluginServer.Call call) {
        String authorization = call.headers().get("Authorization");
        authorizations.add(String.valueOf(authorization));
        if (!("Bearer " + token).equals(authorization)) {
            return PluginServer.status("HTTP/1.1 403 Forbidden", "");
        } else if (!call.path().equals("/api/v1/template.execute")) {
            return PluginServer.status("HTTP/1.1 404 Not Found", "");
        }
        JsonNode args = call.json();
        return PluginServer.status(
                "HTTP/1.1 200 OK", args.path("template").path("plugin").has("hello") ? helloReply : "{}");
    }

    @Override
    public void close() {
        server.close();
    }
}
