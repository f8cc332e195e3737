package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.RecordedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule of docs/decisions/0008: executor plugins from v3.3.0, narrowed by what the run saw them rely on; none
 * for a failed verdict; Argo CD from v2.8.0 for generators; no release for controller plugins. The exchanges are
 * RecordedCalls as the reference client writes them.
 */
class ArgoCompatibilityTest {

    private static final String REQUEST =
            "{\"workflow\":{\"metadata\":{\"name\":\"w\",\"namespace\":\"argo\",\"uid\":\"0f5c1f0e-8f4e-4b7e-9a56-2d7c5b1c2a11\"}},\"template\":{}}";

    private static RecordedCall call(int attempt, int status, String body, String error) {
        return new RecordedCall(
                "hello",
                attempt,
                "POST",
                "http://localhost:4355/api/v1/template.execute",
                List.of(),
                REQUEST,
                status,
                status == 200 ? "OK" : status == 503 ? "Service Unavailable" : "",
                List.of(),
                body,
                error,
                Instant.EPOCH,
                Duration.ZERO);
    }

    private static RequirementResult passed(String id, RecordedCall... calls) {
        return result(id, Status.PASSED, calls);
    }

    private static RequirementResult result(String id, Status status, RecordedCall... calls) {
        return new RequirementResult(
                new Requirement(id, Level.MUST, "executor", FeatureCatalogue.area(id), id, "", ""),
                status,
                status == Status.PASSED ? "" : "expected: x received: y",
                "",
                Duration.ZERO,
                List.of(calls),
                List.of());
    }

    private static final String HELLO = "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"Hello template!\"}}";

    @Test
    void aPluginThatChecksTheTokenWorksFromV331() {
        ArgoCompatibility c = ArgoCompatibility.of(
                "executor",
                Verdict.CERTIFIED,
                List.of(
                        passed("EXEC-AUTH-01", call(1, 403, "", null)),
                        passed("EXEC-ACCEPT-01", call(1, 200, HELLO, null))),
                Map.of());

        assertThat(c.releases()).hasValue(Releases.parseTag("@argo>=3.3.1"));
        assertThat(c.reliances()).extracting(ArgoCompatibility.Seen::reliance).containsExactly(Reliance.TOKEN);
        assertThat(c.summary())
                .startsWith("compatible with Argo Workflows >= 3.3.1 (it relies on: the agent sends its token");
        assertThat(c.caveats())
                .as("namespace and uid cannot be seen")
                .singleElement()
                .asString()
                .contains("v3.4.2");
    }

    @Test
    void aPluginServedOnlyAfterA503IsRetriedWorksFromV341() {
        ArgoCompatibility c = ArgoCompatibility.of(
                "executor",
                Verdict.CERTIFIED,
                List.of(passed("EXEC-ACCEPT-01", call(1, 503, "busy", "busy"), call(2, 200, HELLO, null))),
                Map.of());

        assertThat(c.releases()).hasValue(Releases.parseTag("@argo>=3.4.1"));
        assertThat(c.reliances()).singleElement().satisfies(s -> {
            assertThat(s.reliance()).isEqualTo(Reliance.RETRIED_503);
            assertThat(s.evidence())
                    .isEqualTo("attempt 1 got 503 Service Unavailable and the next one was served (EXEC-ACCEPT-01)");
        });
    }

    @Test
    void aWarmUpSeenOutsideAnyRequirementCountsToo() {
        ArgoCompatibility c = ArgoCompatibility.of(
                "executor",
                Verdict.CERTIFIED,
                List.of(),
                Map.of(Reliance.RETRIED_503, "the plugin answered 503 while it warmed up"));

        assertThat(c.releases()).hasValue(Releases.parseTag("@argo>=3.4.1"));
    }

    @Test
    void aTruncatedBodyRetriedNarrowsToTheBackports() {
        ArgoCompatibility c = ArgoCompatibility.of(
                "executor",
                Verdict.CERTIFIED_CORE,
                List.of(passed(
                        "EXEC-ACCEPT-01",
                        call(1, 200, "{\"node\":{\"pha", "unexpected EOF"),
                        call(2, 200, HELLO, null))),
                Map.of());

        assertThat(c.releases()).hasValue(Releases.parseTag("@argo>=3.7.17/4.0.8/4.1.0"));
        assertThat(c.summary())
                .startsWith("compatible with Argo Workflows >= 4.1.0, and 3.7.17+ on 3.7, 4.0.8+ on 4.0");
    }

    @Test
    void requeuesAndAnEchoedUidRaiseTheFloor() {
        ArgoCompatibility c = ArgoCompatibility.of(
                "executor",
                Verdict.CERTIFIED,
                List.of(
                        passed(
                                "EXEC-REQUEUE-02",
                                call(1, 200, "{\"node\":{\"phase\":\"Running\"},\"requeue\":\"2s\"}", null)),
                        passed(
                                "EXEC-ACCEPT-02",
                                call(
                                        1,
                                        200,
                                        "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"job 0f5c1f0e-8f4e-4b7e-9a56-2d7c5b1c2a11\"}}",
                                        null))),
                Map.of());

        assertThat(c.reliances())
                .extracting(ArgoCompatibility.Seen::reliance)
                .containsExactly(Reliance.REQUEUE, Reliance.WORKFLOW_UID);
        assertThat(c.releases()).hasValue(Releases.parseTag("@argo>=3.4.2"));
        assertThat(c.caveats())
                .as("the uid was seen: nothing left to say about it")
                .isEmpty();
    }

    @Test
    void aResultOnTheOldLinesNeedsItsBackport() {
        ArgoCompatibility c = ArgoCompatibility.of(
                "executor",
                Verdict.CERTIFIED,
                List.of(
                        passed(
                                "EXEC-ACCEPT-01",
                                call(
                                        1,
                                        200,
                                        "{\"node\":{\"phase\":\"Succeeded\",\"outputs\":{\"result\":\"42\"}}}",
                                        null)),
                        passed("EXEC-AUTH-01", call(1, 403, "", null))),
                Map.of());

        assertThat(c.reliances())
                .extracting(ArgoCompatibility.Seen::reliance)
                .containsExactly(Reliance.TOKEN, Reliance.OUTPUT_RESULT);
        assertThat(c.releases()).hasValue(Releases.parseTag("@argo>=3.3.10/3.4.4"));
        assertThat(c.summary())
                .startsWith("compatible with Argo Workflows >= 3.4.4, and 3.3.10+ on 3.3 (it relies on:");
    }

    @Test
    void whatOnlyAFailedRequirementShowedRaisesNothing() {
        ArgoCompatibility c = ArgoCompatibility.of(
                "executor",
                Verdict.CERTIFIED_CORE,
                List.of(
                        result(
                                "EXEC-REQUEUE-04",
                                Status.FAILED,
                                call(1, 200, "{\"node\":{\"phase\":\"Succeeded\"},\"requeue\":\"1s\"}", null)),
                        passed("EXEC-ACCEPT-01", call(1, 200, HELLO, null))),
                Map.of());

        assertThat(c.releases()).hasValue(Releases.parseTag("@argo>=3.3.0"));
    }

    @Test
    void aFailedVerdictClaimsNoRelease() {
        ArgoCompatibility c = ArgoCompatibility.of(
                "executor",
                Verdict.FAILED,
                List.of(result("EXEC-AUTH-01", Status.FAILED, call(1, 200, HELLO, null))),
                Map.of());

        assertThat(c.releases()).isEmpty();
        assertThat(c.summary())
                .isEqualTo(
                        "no Argo Workflows version: the verdict is failed (EXEC-AUTH-01), so the contract is met on none");
    }

    @Test
    void generatorsAreArgoCdFromV28AndControllerPluginsNoRelease() {
        assertThat(ArgoCompatibility.of("generator", Verdict.CERTIFIED, List.of(), Map.of())
                        .releases())
                .hasValue(Releases.parseTag("@argo>=2.8.0"));
        assertThat(ArgoCompatibility.of("generator", Verdict.CERTIFIED, List.of(), Map.of())
                        .product())
                .isEqualTo("Argo CD");
        assertThat(ArgoCompatibility.of("controller", Verdict.CERTIFIED, List.of(), Map.of())
                        .releases())
                .isEmpty();
    }
}
