package dev.argoconformance.suite.certification;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown at the end of a Maven-run certification whose verdict is failed or broken-run although no
 * scenario failed outright, so the build fails with the verdict instead of passing on skipped scenarios.
 */
final class VerdictFailure extends AssertionError {

    VerdictFailure(String message) {
        super(message);
    }

    /** The requirements that decided the verdict: the blocked or erroring @musts, a few of them. */
    static String why(List<RequirementResult> results) {
        List<RequirementResult> deciding = results.stream()
                .filter(r -> r.status() == Status.ERROR || (r.requirement().level() == Level.MUST && r.blocked()))
                .toList();
        return deciding.stream()
                        .limit(5)
                        .map(r -> r.requirement().id() + " " + r.reason())
                        .collect(Collectors.joining("; "))
                + (deciding.size() > 5 ? "; and " + (deciding.size() - 5) + " more." : "");
    }
}
