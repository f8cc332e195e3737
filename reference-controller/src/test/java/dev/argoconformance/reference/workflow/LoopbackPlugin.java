package dev.argoconformance.reference.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.argoconformance.reference.client.Backoff;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor plugin sidecar on 127.0.0.1 (port 0), a JDK HttpServer that serves requests concurrently. It checks
 * the bearer token (403 otherwise), hands {@code template.execute} bodies to a {@link Behaviour}, and records every
 * call with when it arrived and when it was answered, and how many it held at once.
 */
final class LoopbackPlugin implements AutoCloseable {

    static final String TOKEN = "bcdfghjklmnpqrstvwxz2456789bcdfg";

    /** What the plugin does with one call; {@code number} counts this plugin's calls from 1. */
    @FunctionalInterface
    interface Behaviour {
        String reply(JsonNode body, int number) throws Exception;
    }

    record Call(JsonNode body, long arrivedNanos, long answeredNanos) {
        JsonNode template() {
            return body.path("template");
        }

        /** The {@code plugin.<key>} object of the template. */
        JsonNode plugin(String key) {
            return template().path("plugin").path(key);
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Behaviour behaviour;

    LoopbackPlugin(String name, Behaviour behaviour) throws IOException {
        this.name = name;
        this.behaviour = behaviour;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Succeeded for templates with {@code plugin.<key>}, {@code {}} for the rest: the seed's hello plugin, generalised. */
    static Behaviour accepting(String key, Behaviour mine) {
        return (body, number) -> body.path("template").path("plugin").has(key) ? mine.reply(body, number) : "{}";
    }

    static String node(String phase, String message) {
        ObjectNode reply = Json.object();
        reply.putObject("node").put("phase", phase).put("message", message);
        return Json.write(reply);
    }

    static String node(String phase, String message, Map<String, String> outputs) {
        ObjectNode reply = Json.object();
        ObjectNode node = reply.putObject("node").put("phase", phase).put("message", message);
        ArrayNode parameters = node.putObject("outputs").putArray("parameters");
        outputs.forEach((k, v) -> parameters.addObject().put("name", k).put("value", v));
        return Json.write(reply);
    }

    static String requeue(String phase, String message, String requeue) {
        ObjectNode reply = (ObjectNode) Json.read(node(phase, message));
        reply.put("requeue", requeue);
        return Json.write(reply);
    }

    ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin(PluginClient.builder(name, baseUrl(), TOKEN).backoff(Backoff.NONE).build());
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 403, "");
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/api/v1/template.execute")) {
                send(exchange, 404, "");
                return;
            }
            JsonNode body = Json.read(new String(request, StandardCharsets.UTF_8));
            String reply;
            try {
                reply = behaviour.reply(body, numbers.incrementAndGet());
            } catch (Exception e) {
                reply = node("Failed", "test plugin " + name + " broke: " + e);
            }
            calls.add(new Call(body, arrived, System.nanoTime()));
            send(exchange, 200, reply);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
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
