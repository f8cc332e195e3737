package dev.argoconformance.suite.certification;

import dev.argoconformance.reference.client.RecordedCall;
import java.time.Duration;
import java.util.List;

/** A requirement's verdict with its evidence: the reason, the exchanges and the notes taken while checking it. */
public record RequirementResult(
        Requirement requirement,
        Status status,
        String reason,
        String blockedBy,
        Duration duration,
        List<RecordedCall> calls,
        List<String> notes) {

    public RequirementResult {
        calls = List.copyOf(calls);
        notes = List.copyOf(notes);
        reason = reason == null ? "" : reason;
        blockedBy = blockedBy == null ? "" : blockedBy;
    }

    public boolean blocked() {
        return !blockedBy.isEmpty();
    }
}
