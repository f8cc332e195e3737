package dev.argoconformance.suite.certification;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A finished certification: every requirement's result and the verdict they add up to. */
public record RunResult(String runId, Instant startedAt, Instant endedAt, List<RequirementResult> results,
                        Verdict verdict, Path bundle) {

    public RunResult {
        results = List.copyOf(results);
    }

    public long count(Level level, Status status) {
        return results.stream().filter(r -> r.requirement().level() == level && r.status() == status).count();
    }

    public List<RequirementResult> withStatus(Status status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }
}
