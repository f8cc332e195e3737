package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.ExecuteTemplateReply;
import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.protocol.NodePhase;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Why an example did not end as expected, when the reason is another requirement's clause: a 403 to
 * Argo's own token, a reply Argo cannot decode, a requeue Argo cannot parse. The accept checks are
 * then blocked by that requirement instead of failing beside it, so one defect fails one requirement.
 */
final class Diagnosis {

    private Diagnosis() {}

    /** The requirement an example run's trouble belongs to, or empty when it is the accept clause's own. */
    static Optional<String> cause(Exchanges.ExampleRun run) {
        if (run.outOfTime()) {
            return Optional.of("EXEC-REQUEUE-02");
        }
        RecordedCall call = run.lastCall();
        TaskOutcome last = run.last();
        if (call == null) {
            return Optional.empty();
        }
        if (!call.hasResponse()) {
            return Optional.of("EXEC-REPLY-05"); // a drop, a reset or a timeout: every call gets an HTTP response
        }
        if (call.status() == 401 || call.status() == 403) {
            return Optional.of("EXEC-AUTH-08");
        }
        if (call.status() == 404) {
            return Optional.empty(); // declining its own template by 404 is the accept clause's own failure
        }
        if (call.status() != 200) {
            boolean refusedBareTemplate =
                    !run.example().hasExpectations() && call.status() >= 400 && call.status() < 500;
            return refusedBareTemplate
                    ? Optional.empty()
                    : Optional.of("EXEC-REPLY-04"); // without examples a 4xx may be right
        }
        Optional<String> decoding = decodingTrouble(call);
        if (decoding.isPresent()) {
            return decoding;
        }
        String phase = last.result().phase();
        if (!phase.isEmpty() && NodePhase.fromWire(phase).isEmpty()) {
            return Optional.of("EXEC-REPLY-03");
        }
        boolean unfinished = phase.isEmpty()
                || NodePhase.fromWire(phase).map(p -> !p.isFulfilled()).orElse(false);
        if (unfinished && last.accepted().isPresent() && !last.willRequeue()) {
            return Optional.of("EXEC-REQUEUE-03");
        }
        return Optional.empty();
    }

    /** REPLY-01 for an empty body, REQUEUE-01 for a requeue Argo cannot parse, REPLY-02 for any other decode error. */
    static Optional<String> decodingTrouble(RecordedCall call) {
        String body = call.responseBody() == null ? "" : call.responseBody();
        if (body.isBlank()) {
            return Optional.of("EXEC-REPLY-01");
        }
        try {
            ExecuteTemplateReply.decode(body.getBytes(StandardCharsets.UTF_8), ExecuteTemplateReply.EMPTY);
            return Optional.empty();
        } catch (GoJson.DecodeException e) {
            return Optional.of(isRequeueError(body) ? "EXEC-REQUEUE-01" : "EXEC-REPLY-02");
        }
    }

    /** Whether a body that fails to decode fails because of its requeue field alone. */
    static boolean isRequeueError(String body) {
        try {
            JsonNode json = GoJson.readFirstValue(body.getBytes(StandardCharsets.UTF_8));
            if (!json.isObject() || GoJson.field(json, "requeue") == null) {
                return false;
            }
            var without = ((com.fasterxml.jackson.databind.node.ObjectNode) json).deepCopy();
            without.properties().removeIf(e -> e.getKey().equalsIgnoreCase("requeue"));
            ExecuteTemplateReply.decode(
                    without.toString().getBytes(StandardCharsets.UTF_8), ExecuteTemplateReply.EMPTY);
            return true;
        } catch (GoJson.DecodeException e) {
            return false;
        }
    }
}
