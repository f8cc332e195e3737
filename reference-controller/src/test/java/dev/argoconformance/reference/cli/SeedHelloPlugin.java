package dev.argoconformance.reference.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Seed 001's hello plugin on 127.0.0.1 (port 0), as its server.py behaves: 403 unless
 * {@code Authorization: Bearer <token>}; 404 for paths other than {@code /api/v1/template.execute}; for templates
 * with {@code plugin.hello}, the reply given (the seed's: Succeeded, "Hello template!", foo=bar); {@code {}} for others.
 */
final class SeedHelloPlugin implements AutoCloseable {

    static final String SEED_REPLY =
            "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"Hello template!\",\"outputs\":{\"parameters\":[{\"name\":\"foo\",\"value\":\"bar\"}]}}}";

    private final String token;
    private final String helloReply;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    SeedHelloPlugin(String token) throws IOException {
        this(token, SEED_REPLY);
    }

    SeedHelloPlugin(String token, String helloReply) throws IOException {
        this.token = token;
        this.helloReply = helloReply;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Authorization header of every call, in order. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            if (!("Bearer " + token).equals(authorization)) {
                send(exchange, 403, "");
            } else if (!exchange.getRequestURI().getPath().equals("/api/v1/template.execute")) {
                send(exchange, 404, "");
            } else {
                JsonNode args = Json.read(new String(body, StandardCharsets.UTF_8));
                send(exchange, 200, args.path("template").path("plugin").has("hello") ? helloReply : "{}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
