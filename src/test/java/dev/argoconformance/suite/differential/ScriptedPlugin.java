package dev.argoconformance.suite.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor plugin in the test's own JVM (the JDK's HttpServer, HTTP/1.1 keep-alive, one thread per
 * connection) whose answers follow a script: the n-th call of a workflow gets the n-th answer, the
 * last answer repeating. Calls are counted per workflow UID, so both sides of a differential run can
 * call it at the same time and each gets the whole script.
 */
final class ScriptedPlugin implements AutoCloseable {

    static final String TOKEN = "differential-token-7c1e2b5d";

    /** One scripted answer: a status, a body, and how long to take first. */
    record Answer(int status, String body, long delayMillis) {
        static Answer status(int status, String body) {
            return new Answer(status, body, 0);
        }

        static Answer succeeded(String message) {
            return new Answer(
                    200,
                    "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"" + message
                            + "\",\"outputs\":{\"parameters\":[{\"name\":\"foo\",\"value\":\"bar\"}]}}}",
                    0);
        }

        Answer after(long millis) {
            return new Answer(status, body, millis);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-plugin");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicInteger> callsByWorkflow = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    ScriptedPlugin(Answer... script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> answer(exchange, script));
        server.start();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    ReferenceSide.Plugin plugin() {
        return new ReferenceSide.Plugin("scripted", address(), TOKEN);
    }

    int calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange, Answer[] script) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, new Answer(403, "", 0));
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/api/v1/template.execute")) {
                send(exchange, new Answer(404, "", 0));
                return;
            }
            JsonNode args = Json.MAPPER.readTree(request);
            String uid = args.path("workflow").path("metadata").path("uid").asText();
            int n = callsByWorkflow
                    .computeIfAbsent(uid, k -> new AtomicInteger())
                    .incrementAndGet();
            calls.incrementAndGet();
            Answer answer = script[Math.min(n, script.length) - 1];
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
