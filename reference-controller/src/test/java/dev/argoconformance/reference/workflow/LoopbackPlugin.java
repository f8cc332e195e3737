package dev.argoconformance.reference.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.Backoff;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.testing.PluginServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;

/**
 * An executor plugin sidecar on 127.0.0.1 (port 0), a {@link PluginServer}, which serves requests concurrently. It checks
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
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final Behaviour behaviour;
    private final PluginServer server;

    LoopbackPlugin(String name, Behaviour behaviour) {
        this.name = name;
        this.behaviour = behaviour;
        this.server = new PluginServer(this::handle);
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
        return new ExecutorPlugin(PluginClient.builder(name, baseUrl(), TOKEN)
                .backoff(Backoff.NONE)
                .build());
    }

    URI baseUrl() {
        return server.uri();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    int maxInFlight() {
        return server.maxInFlight();
    }

    private MockResponse handle(PluginServer.Call call) {
        if (!("Bearer " + TOKEN).equals(call.headers().get("Authorization"))) {
            return send("HTTP/1.1 403 Forbidden", "");
        }
        if (!call.path().equals("/api/v1/template.execute")) {
            return send("HTTP/1.1 404 Not Found", "");
        }
        JsonNode body = call.json();
        String reply;
        try {
            reply = behaviour.reply(body, numbers.incrementAndGet());
        } catch (Exception e) {
            reply = node("Failed", "test plugin " + name + " broke: " + e);
        }
        calls.add(new Call(body, call.arrivedNanos(), System.nanoTime()));
        return send("HTTP/1.1 200 OK", reply);
    }

    private static MockResponse send(String statusLine, String body) {
        return new MockResponse.Builder()
                .status(statusLine)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
