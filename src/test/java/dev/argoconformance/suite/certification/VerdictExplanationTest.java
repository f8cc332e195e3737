package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's sentence under the verdict counts what the verdict counted, no more. */
class VerdictExplanationTest {

    static final Requirement AUTH =
            new Requirement("EXEC-AUTH-01", Level.MUST, "executor", "auth", "Refuses", "", "x:1");
    static final Requirement PORT =
            new Requirement("EXEC-MANIFEST-04", Level.SHOULD, "executor", "manifest", "Port", "", "x:2");
    static final Requirement CLUSTER =
            new Requirement("EXEC-CLUSTER-01", Level.MUST, "executor", "cluster", "In a cluster", "", "x:3");

    static RequirementResult result(Requirement r, Status status, String reason) {
        return new RequirementResult(r, status, reason, "", Duration.ZERO, List.of(), List.of());
    }

    static String explain(List<RequirementResult> results, Set<String> leftOut) {
        Verdict verdict = Verdict.of(results, leftOut);
        return HtmlReport.explain(
                new RunResult("run", Instant.EPOCH, Instant.EPOCH, results, leftOut, verdict, Path.of(".")));
    }

    @Test
    void anUnrequestedClusterTierIsNotCalledLeftOut() {
        List<RequirementResult> results = List.of(
                result(AUTH, Status.PASSED, ""),
                result(PORT, Status.FAILED, "port 8080"),
                result(CLUSTER, Status.SKIPPED, CertificationPlugin.NOT_SELECTED + ProfileFilter.NO_CLUSTER));

        assertThat(explain(results, Set.of()))
                .isEqualTo("Every @must requirement passed. @should not met: EXEC-MANIFEST-04.");
    }

    @Test
    void whatTheProfileLeftOutIsCounted() {
        List<RequirementResult> results = List.of(
                result(AUTH, Status.PASSED, ""),
                result(PORT, Status.SKIPPED, CertificationPlugin.NOT_SELECTED + "profile core runs every @must"));

        assertThat(explain(results, Set.of(PORT.id())))
                .isEqualTo(
                        "Every @must requirement passed. 1 requirements were left out by the profile or tags; only a full run can be certified.");
    }
}
