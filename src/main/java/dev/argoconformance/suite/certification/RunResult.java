package dev.argoconformance.suite.certification;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A finished certification: every requirement's result and the verdict they add up to. {@code leftOut}
 * names the requirements the profile or tags left out, as the verdict counted them (an unrequested
 * cluster tier is not among them).
 */
public record RunResult(
        String runId,
        Instant startedAt,
        Instant endedAt,
        List<RequirementResult> results,
        Set<String> leftOut,
        Verdict verdict,
        Path bundle) {

    public RunResult {
        results = List.copyOf(results);
        leftOut = Set.copyOf(leftOut);
    }

    public long count(Level level, Status status) {
        return results.stream()
                .filter(r -> r.requirement().level() == level && r.status() == status)
                .count();
    }

    public List<RequirementResult> withStatus(Status status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }
}
