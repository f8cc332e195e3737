package dev.argoconformance.suite.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.Outputs;
import dev.argoconformance.reference.protocol.Parameter;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one side made of one template, in terms both sides share, so they can be compared field by
 * field: how the task ended, the node's phase, message and outputs, how many calls and requeues it
 * took, the error of each failed attempt, and the TCP connections opened for it. Texts are
 * normalized where the two runs legitimately differ: the workflow's name and UID (each side runs its
 * own workflow) and a connection's local port.
 *
 * @param trace one line per attempt, for a reader of a difference
 */
public record Outcome(
        String side,
        Ending ending,
        String phase,
        String message,
        JsonNode outputs,
        int calls,
        int requeues,
        List<String> errors,
        int connectionsOpened,
        List<String> trace) {

    public Outcome {
        errors = List.copyOf(errors);
        trace = List.copyOf(trace);
    }

    /** How the task ended, in the harness's words. */
    public enum Ending {
        FINAL("final"),
        NOT_CALLED_AGAIN("never called again, node not fulfilled"),
        FULFILLED_REQUEUE_PENDING("fulfilled, requeue pending"),
        REQUEUE_PENDING_AT_BOUND("requeue pending at the time bound"),
        UNFINISHED_AT_BOUND("unfinished at the time bound");

        private final String text;

        Ending(String text) {
            this.text = text;
        }

        /** The run was cut by a clock, so its counts depend on timing by one call or requeue. */
        public boolean atBound() {
            return this == REQUEUE_PENDING_AT_BOUND || this == UNFINISHED_AT_BOUND;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** none, or requeued: whether the plugin made the agent call again later. */
    public String requeueClass() {
        return requeues == 0 ? "none" : "requeued";
    }

    /** The error text of the last failed attempt, {@code ""} when none failed. */
    public String finalError() {
        return errors.isEmpty() ? "" : errors.get(errors.size() - 1);
    }

    /** The Argo side, from the harness's line for the task. */
    static Outcome argo(ArgoRun.Result r, WorkflowMetadata workflow) {
        Ending ending = switch (r.outcome()) {
            case "final" -> Ending.FINAL;
            case "never called again, node not fulfilled" -> Ending.NOT_CALLED_AGAIN;
            case "fulfilled, requeue pending" -> Ending.FULFILLED_REQUEUE_PENDING;
            default ->
                r.outcome().startsWith("requeue pending")
                        ? Ending.REQUEUE_PENDING_AT_BOUND
                        : Ending.UNFINISHED_AT_BOUND;
        };
        List<String> errors = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        int n = 0;
        for (ArgoRun.Attempt a : r.attempts()) {
            n++;
            if (!a.error().isEmpty()) {
                errors.add(normalize(a.error(), workflow));
            }
            String answer = a.status() > 0 ? a.statusLine().replaceFirst("^HTTP/1\\.[01] ", "") : "no response";
            trace.add(n + ": " + (a.finished() ? answer : "in flight when the run stopped")
                    + (a.error().isEmpty() ? "" : " -> " + normalize(a.error(), workflow))
                    + (Boolean.TRUE.equals(a.newConnection()) ? " (new connection)" : ""));
        }
        return new Outcome(
                "Argo",
                ending,
                r.phase(),
                normalize(r.message(), workflow),
                canonical(r.outputs()),
                r.finishedAttempts().size(),
                r.requeues(),
                errors,
                r.connectionsOpened(),
                trace);
    }

    /** The reference side, from its dispatches, the calls its client recorded and its attempts' errors. */
    static Outcome reference(ReferenceSide.Run run, WorkflowMetadata workflow) {
        Ending ending;
        if (run.unfinished()) {
            ending = Ending.UNFINISHED_AT_BOUND;
        } else if (run.outOfTime()) {
            ending = Ending.REQUEUE_PENDING_AT_BOUND;
        } else {
            TaskOutcome last = run.dispatches().get(run.dispatches().size() - 1);
            ending = !fulfilled(last.result().phase())
                    ? Ending.NOT_CALLED_AGAIN
                    : last.willRequeue() ? Ending.FULFILLED_REQUEUE_PENDING : Ending.FINAL;
        }
        String phase = "";
        String message = "";
        Outputs outputs = Outputs.NONE;
        if (!run.dispatches().isEmpty()) {
            TaskOutcome last = run.dispatches().get(run.dispatches().size() - 1);
            phase = last.result().phase();
            message = last.result().message();
            outputs = last.result().outputs();
        }
        int requeues =
                (int) run.dispatches().stream().filter(TaskOutcome::willRequeue).count();
        List<String> errors =
                run.attemptErrors().stream().map(e -> normalize(e, workflow)).toList();
        List<String> trace = new ArrayList<>();
        int n = 0;
        for (ReferenceSide.Attempt a : run.attempts()) {
            n++;
            RecordedCall c = a.call();
            String answer = c == null ? "no exchange" : c.hasResponse() ? c.statusLine() : "no response";
            trace.add(n + ": " + answer + (a.error() == null ? "" : " -> " + normalize(a.error(), workflow)));
        }
        if (run.unfinished()) {
            trace.add("(a call in flight when the run stopped)");
        }
        return new Outcome(
                "reference",
                ending,
                phase,
                normalize(message, workflow),
                canonical(outputs),
                (int) run.attempts().stream().filter(a -> a.call() != null).count(),
                requeues,
                errors,
                run.connectionsOpened(),
                trace);
    }

    /** Argo's NodePhase.Fulfilled: Succeeded, Failed, Error, Skipped, Omitted. */
    static boolean fulfilled(String phase) {
        return switch (phase) {
            case "Succeeded", "Failed", "Error", "Skipped", "Omitted" -> true;
            default -> false;
        };
    }

    private static final Pattern LOCAL_END =
            Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+\\]):\\d+->");

    /** The parts of a text that differ between two correct runs: the workflow's name and UID, the local port of a connection. */
    static String normalize(String text, WorkflowMetadata workflow) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String out = text;
        if (workflow != null) {
            if (!workflow.uid().isEmpty()) {
                out = out.replace(workflow.uid(), "<workflow uid>");
            }
            if (!workflow.name().isEmpty()) {
                out = out.replace(workflow.name(), "<workflow name>");
            }
        }
        return LOCAL_END.matcher(out).replaceAll("<local>->");
    }

    /** Go's wfv1.Outputs as both sides keep it: parameters by name and value, result, exitCode, artifacts. */
    static JsonNode canonical(JsonNode outputs) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (outputs == null || !outputs.isObject()) {
            return out;
        }
        ArrayNode params = Json.MAPPER.createArrayNode();
        for (JsonNode p : outputs.path("parameters")) {
            ObjectNode param = params.addObject();
            param.put("name", p.path("name").asText());
            if (p.hasNonNull("value")) {
                param.put("value", p.get("value").asText());
            }
        }
        if (!params.isEmpty()) {
            out.set("parameters", params);
        }
        if (outputs.path("artifacts").isArray() && !outputs.path("artifacts").isEmpty()) {
            out.set("artifacts", outputs.get("artifacts"));
        }
        if (outputs.hasNonNull("result")) {
            out.put("result", outputs.get("result").asText());
        }
        if (outputs.hasNonNull("exitCode")) {
            out.put("exitCode", outputs.get("exitCode").asText());
        }
        return out;
    }

    static JsonNode canonical(Outputs outputs) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode params = node.putArray("parameters");
        for (Parameter p : outputs.parameters()) {
            ObjectNode param = params.addObject();
            param.put("name", p.name());
            if (p.value() != null) {
                param.put("value", p.value());
            }
        }
        if (outputs.artifacts() != null && !outputs.artifacts().isNull()) {
            node.set("artifacts", outputs.artifacts());
        }
        if (outputs.result() != null) {
            node.put("result", outputs.result());
        }
        if (outputs.exitCode() != null) {
            node.put("exitCode", outputs.exitCode());
        }
        return canonical(node);
    }
}
