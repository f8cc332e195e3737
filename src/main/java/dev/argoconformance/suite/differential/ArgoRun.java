package dev.argoconformance.suite.differential;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.HarnessException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code argo-agent} printed for one run: its header, one {@link Result} per task and its
 * summary (differential/argo-agent/README.md, "Output"). The raw lines stay available as evidence.
 */
record ArgoRun(JsonNode header, List<Result> results, JsonNode summary, List<String> lines) {

    public ArgoRun {
        results = List.copyOf(results);
        lines = List.copyOf(lines);
    }

    /**
     * One HTTP attempt of Argo's plugin client.
     *
     * @param error the exact error Argo's retry predicate saw, {@code ""} for none
     * @param newConnection whether the attempt got a new TCP connection (null: it never got one)
     */
    public record Attempt(int status, String statusLine, String error, double startMs, Boolean newConnection) {

        /** It got a response or an error before the run stopped (an attempt cut off by the harness's timeout has neither). */
        public boolean finished() {
            return status > 0 || !error.isEmpty();
        }
    }

    /**
     * One task (a template × copy).
     *
     * @param phase the last result the agent patched into the task set ({@code ""} when it patched none)
     * @param outcome {@code final}, {@code never called again, node not fulfilled}, {@code fulfilled, requeue pending},
     *     {@code requeue pending (timeout)}, {@code unfinished (timeout)}, ...
     * @param requeues how many of its results asked for a requeue
     */
    public record Result(
            String template,
            int copy,
            String phase,
            String message,
            JsonNode outputs,
            boolean reported,
            String outcome,
            int processings,
            int requeues,
            List<Attempt> attempts,
            int connectionsOpened,
            JsonNode raw) {

        public Result {
            attempts = List.copyOf(attempts);
        }

        public List<Attempt> finishedAttempts() {
            return attempts.stream().filter(Attempt::finished).toList();
        }
    }

    /** The Argo Workflows version whose code ran ({@code "argo"} in every line). */
    public String argoVersion() {
        return header.path("argo").asText();
    }

    /** The result of the template named {@code name} (its first copy). */
    public Result result(String name) {
        return results.stream()
                .filter(r -> r.template().equals(name))
                .findFirst()
                .orElseThrow(() -> new HarnessException(
                        "argo-agent printed no result for template " + name + ": " + String.join("\n", lines)));
    }

    public int connectionsOpened() {
        return summary.path("connectionsOpened").asInt();
    }

    /** Connections in use or idle when the harness stopped the agent: what Go's pool kept. */
    public int connectionsOpenWhenStopped() {
        return summary.path("connectionsOpenWhenStopped").asInt();
    }

    public int peakConcurrentAttempts() {
        return summary.path("peakConcurrentAttempts").asInt();
    }

    public int attempts() {
        return summary.path("attempts").asInt();
    }

    static ArgoRun parse(String stdout) {
        JsonNode header = null;
        JsonNode summary = null;
        List<Result> results = new ArrayList<>();
        List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
        for (String line : lines) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                throw new HarnessException("argo-agent printed a line that is not JSON: " + line);
            }
            switch (node.path("kind").asText()) {
                case "header" -> header = node;
                case "summary" -> summary = node;
                case "result" -> results.add(result(node));
                default -> throw new HarnessException("argo-agent printed a line of unknown kind: " + line);
            }
        }
        if (header == null || summary == null) {
            throw new HarnessException("argo-agent printed no header or no summary: " + stdout);
        }
        return new ArgoRun(header, results, summary, lines);
    }

    private static Result result(JsonNode node) {
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode a : node.path("attempts")) {
            attempts.add(new Attempt(
                    a.path("status").asInt(0),
                    a.path("statusLine").asText(""),
                    a.path("error").asText(""),
                    a.path("startMs").asDouble(),
                    a.hasNonNull("newConnection") ? a.get("newConnection").asBoolean() : null));
        }
        return new Result(
                node.path("template").asText(),
                node.path("copy").asInt(0),
                node.path("phase").asText(""),
                node.path("message").asText(""),
                node.path("outputs"),
                node.path("reported").asBoolean(),
                node.path("outcome").asText(),
                node.path("processings").asInt(),
                node.path("requeues").path("count").asInt(),
                attempts,
                node.path("connectionsOpened").asInt(),
                node);
    }
}
