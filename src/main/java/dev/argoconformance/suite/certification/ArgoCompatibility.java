package dev.argoconformance.suite.certification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.protocol.GoDuration;
import dev.argoconformance.reference.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run fact "compatible with Argo Workflows >= X" (docs/decisions/0008-argo-version-compatibility.md). An
 * executor plugin is compatible from executor plugins' first release (v3.3.0) on, narrowed by each behaviour of
 * Argo's the run saw it rely on ({@link Reliance}) to the releases that behaviour's reference scenario is tagged with.
 * A run whose verdict is failed or broken-run claims no release: the contract is not met on any.
 *
 * @param product "Argo Workflows" or "Argo CD"
 * @param releases the releases the plugin works with; empty when none can be claimed
 * @param summary one line for the console and the report
 * @param reliances what raised the floor, each with its evidence, in the order of {@link Reliance}
 * @param caveats what the run could not see, and what it would change
 */
record ArgoCompatibility(
        String product, Optional<Releases> releases, String summary, List<Seen> reliances, List<String> caveats) {

    /** One reliance with the releases its scenario holds for, and what in the run showed it. */
    public record Seen(Reliance reliance, Releases releases, String evidence) {}

    public static final String WORKFLOWS = "Argo Workflows";
    public static final String CD = "Argo CD";

    public ArgoCompatibility {
        reliances = List.copyOf(reliances);
        caveats = List.copyOf(caveats);
    }

    /** The fact for a finished run; {@code observed} holds what the run saw outside any requirement (a warm-up's 503s). */
    public static ArgoCompatibility of(
            String kind, Verdict verdict, List<RequirementResult> results, Map<Reliance, String> observed) {
        return switch (kind) {
            case "generator" -> generator(verdict, results);
            case "controller" ->
                new ArgoCompatibility(
                        WORKFLOWS,
                        Optional.empty(),
                        "no released Argo Workflows version runs controller plugins: they never shipped (PR #7255, closed)",
                        List.of(),
                        List.of(
                                "Checked against the closed PR #7255's controller; see docs/decisions/0005-controller-plugins.md."));
            default -> executor(verdict, results, observed);
        };
    }

    private static ArgoCompatibility generator(Verdict verdict, List<RequirementResult> results) {
        if (failed(verdict)) {
            return none(CD, verdict, results);
        }
        Releases all = Releases.from(ArgoVersion.FIRST_PLUGIN_GENERATOR);
        return new ArgoCompatibility(
                CD,
                Optional.of(all),
                "compatible with " + CD + " " + all.describe()
                        + ": the plugin generator's wire contract has not changed since it came in v2.8.0",
                List.of(),
                List.of(
                        "Read at Argo CD v3.5.1; condition messages gained their prefixes in v2.9.0, and argocd-server also calls"
                                + " plugins since v2.13.0 (argocd appset generate), neither of which changes what a plugin is sent."));
    }

    private static ArgoCompatibility executor(
            Verdict verdict, List<RequirementResult> results, Map<Reliance, String> observed) {
        if (failed(verdict)) {
            return none(WORKFLOWS, verdict, results);
        }
        Map<Reliance, String> seen = new LinkedHashMap<>();
        for (Reliance r : Reliance.values()) {
            if (observed.containsKey(r)) {
                seen.put(r, observed.get(r));
            }
        }
        for (RequirementResult result : results) {
            if (result.status() == Status.PASSED) {
                reliancesIn(result, seen);
            }
        }
        Releases releases = Releases.from(ArgoVersion.FIRST_EXECUTOR_PLUGINS);
        List<Seen> reliances = new ArrayList<>();
        for (Reliance r : Reliance.values()) {
            if (seen.containsKey(r)) {
                Releases since = VersionTags.of(r.scenario());
                reliances.add(new Seen(r, since, seen.get(r)));
                releases = releases.and(since);
            }
        }
        List<String> caveats = new ArrayList<>();
        if (!seen.containsKey(Reliance.WORKFLOW_UID)) {
            Releases since = VersionTags.of(Reliance.WORKFLOW_UID.scenario());
            caveats.add(
                    "Whether the plugin reads workflow.metadata.namespace or uid does not show in its replies; before v"
                            + since.from() + " Argo sent only the name, so if it does, it needs " + WORKFLOWS + " "
                            + since.describe() + ".");
        }
        if (verdict == Verdict.INCOMPLETE) {
            caveats.add("The run left requirements unchecked: this is what the checked ones showed.");
        }
        String summary = "compatible with " + WORKFLOWS + " " + releases.describe()
                + (reliances.isEmpty()
                        ? ""
                        : " (it relies on: "
                                + String.join(
                                        "; ",
                                        reliances.stream()
                                                .map(s -> s.reliance().behaviour() + ", since "
                                                        + s.releases().spelled())
                                                .toList())
                                + ")");
        return new ArgoCompatibility(WORKFLOWS, Optional.of(releases), summary, reliances, caveats);
    }

    private static boolean failed(Verdict verdict) {
        return verdict == Verdict.FAILED || verdict == Verdict.BROKEN_RUN;
    }

    private static ArgoCompatibility none(String product, Verdict verdict, List<RequirementResult> results) {
        List<String> failedIds = results.stream()
                .filter(r -> r.status() == Status.FAILED
                        || r.status() == Status.ERROR
                        || (r.blocked() && r.requirement().level() == Level.MUST))
                .map(r -> r.requirement().id())
                .distinct()
                .toList();
        return new ArgoCompatibility(
                product,
                Optional.empty(),
                "no " + product + " version: the verdict is " + verdict.id()
                        + (failedIds.isEmpty() ? "" : " (" + String.join(", ", failedIds) + ")")
                        + ", so the contract is met on none",
                List.of(),
                List.of());
    }

    /** What a passed requirement's exchanges show the plugin relied on. */
    static void reliancesIn(RequirementResult result, Map<Reliance, String> seen) {
        List<RecordedCall> calls = result.calls();
        String where = " (" + result.requirement().id() + ")";
        if (result.requirement().id().equals("EXEC-AUTH-01")) {
            seen.putIfAbsent(Reliance.TOKEN, "the plugin refuses a call without an Authorization header" + where);
        }
        for (int i = 0; i < calls.size(); i++) {
            RecordedCall c = calls.get(i);
            boolean retried = i + 1 < calls.size()
                    && calls.get(i + 1).plugin().equals(c.plugin())
                    && calls.get(i + 1).attempt() == c.attempt() + 1;
            String error = c.error() == null ? "" : c.error();
            if (retried && c.status() == 503) {
                seen.putIfAbsent(
                        Reliance.RETRIED_503,
                        "attempt " + c.attempt() + " got " + c.statusLine() + " and the next one was served" + where);
            } else if (retried && error.contains("unexpected EOF")) {
                seen.putIfAbsent(
                        Reliance.RETRIED_TRUNCATED_BODY,
                        "attempt " + c.attempt() + "'s body ended inside its JSON and the next one was served" + where);
            } else if (retried
                    && !c.hasResponse()
                    && (error.endsWith(": EOF") || error.contains("connection reset by peer"))) {
                seen.putIfAbsent(
                        Reliance.RETRIED_DROPPED_CONNECTION,
                        "attempt " + c.attempt() + " got no response (" + error + ") and the next one was served"
                                + where);
            }
            if (c.status() == 200 && c.responseBody() != null) {
                replyReliances(c, where, seen);
            }
        }
    }

    private static void replyReliances(RecordedCall c, String where, Map<Reliance, String> seen) {
        JsonNode reply;
        try {
            reply = Json.read(c.responseBody());
        } catch (RuntimeException notJson) {
            return;
        }
        String phase = reply.path("node").path("phase").asText("");
        if (reply.path("node").isObject() && requeues(reply.path("requeue"))) {
            if (phase.equals("Succeeded")) {
                seen.putIfAbsent(
                        Reliance.SUCCEEDED_REQUEUE_IGNORED,
                        "a Succeeded reply carries requeue " + reply.path("requeue") + where);
            } else if (phase.isEmpty() || phase.equals("Running") || phase.equals("Pending")) {
                seen.putIfAbsent(
                        Reliance.REQUEUE,
                        "a " + (phase.isEmpty() ? "phase-less" : phase) + " reply asks for requeue "
                                + reply.path("requeue") + where);
            }
        }
        JsonNode outputs = reply.path("node").path("outputs");
        if (outputs.has("result") || outputs.has("exitCode")) {
            seen.putIfAbsent(
                    Reliance.OUTPUT_RESULT,
                    "a reply carries outputs." + (outputs.has("result") ? "result" : "exitCode") + where);
        }
        String uid = requestUid(c);
        if (uid.length() >= 8 && c.responseBody().contains(uid)) {
            seen.putIfAbsent(Reliance.WORKFLOW_UID, "a reply carries the workflow's uid" + where);
        }
    }

    private static boolean requeues(JsonNode requeue) {
        if (!requeue.isTextual()) {
            return false;
        }
        try {
            return GoDuration.parse(requeue.asText()).toNanos() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String requestUid(RecordedCall c) {
        try {
            return Json.read(c.requestBody())
                    .path("workflow")
                    .path("metadata")
                    .path("uid")
                    .asText("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
