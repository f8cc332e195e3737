package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The version tags of features/reference: each parses, names a release between executor plugins' first (v3.3.0)
 * and the newest the spec was read at (v4.1.2), and says what argo-history-and-controller-plugins.md §2.1 says.
 */
class ArgoVersionTagsTest {

    @Test
    void everyReferenceScenarioTagParsesAndNamesARealRelease() {
        Map<String, Optional<Releases>> tags = VersionTags.ofReferenceScenarios();

        assertThat(tags).as("reference scenarios found on the classpath").hasSizeGreaterThan(50);
        assertThat(tags.keySet()).as("every reference scenario has an ID").doesNotContainNull();
        tags.forEach((id, releases) -> releases.ifPresent(r -> {
            for (ArgoVersion v : concat(r.backports(), r.from())) {
                assertThat(v)
                        .as("%s names %s", id, v)
                        .isBetween(ArgoVersion.FIRST_EXECUTOR_PLUGINS, ArgoVersion.NEWEST_READ);
            }
        }));
    }

    @Test
    void theTagsSayWhatTheHistorySays() {
        assertThat(VersionTags.of("REF-REQUEST-01").spelled())
                .as("Bearer token and Content-Type, #8147")
                .isEqualTo("3.3.1");
        assertThat(VersionTags.of("REF-REQUEUE-01").spelled())
                .as("requeue re-calls, #8194")
                .isEqualTo("3.3.5");
        assertThat(VersionTags.of("REF-RETRY-01").spelled())
                .as("503 retried, #9665")
                .isEqualTo("3.4.1");
        assertThat(VersionTags.of("REF-CONN-02").spelled())
                .as("EOF retried, #9665")
                .isEqualTo("3.4.1");
        assertThat(VersionTags.of("REF-REQUEST-02").spelled())
                .as("namespace and uid, #9784")
                .isEqualTo("3.4.2");
        assertThat(VersionTags.of("REF-REQUEUE-03").spelled())
                .as("Succeeded requeue ignored, #10681")
                .isEqualTo("3.4.7");
        assertThat(VersionTags.of("REF-BODY-03").spelled())
                .as("truncated body retried, #16484")
                .isEqualTo("3.7.17/4.0.8/4.1.0");
        assertThat(VersionTags.of("REF-WF-03").spelled())
                .as("a plugin step's result, #9967")
                .isEqualTo("3.3.10/3.4.4");
        assertThat(VersionTags.of("REF-PENDING-02").spelled())
                .as("pendingTimeout, #12762")
                .isEqualTo("4.1.0");
        assertThat(VersionTags.of("REF-404-01").spelled())
                .as("untagged: every release with executor plugins")
                .isEqualTo("3.3.0");
    }

    @Test
    void everyRelianceNamesATaggedReferenceScenario() {
        Map<String, Optional<Releases>> tags = VersionTags.ofReferenceScenarios();
        for (Reliance r : Reliance.values()) {
            assertThat(tags.get(r.scenario()))
                    .as("%s's scenario %s and its tag", r, r.scenario())
                    .isNotNull()
                    .isPresent();
        }
    }

    @Test
    void aTagThatIsNotAVersionSaysWhyInOneSentence() {
        assertThatThrownBy(() -> Releases.parseTag("@argo>=3.4"))
                .hasMessage(
                        "the tag @argo>=3.4: \"3.4\" is not a release version: expected major.minor.patch, such as 3.4.1");
        assertThatThrownBy(() -> Releases.parseTag("@argo>=v3.4.1"))
                .hasMessageContaining("\"v3.4.1\" is not a release version");
        assertThatThrownBy(() -> Releases.parseTag("@argo>=4.1.0/3.7.17"))
                .hasMessage(
                        "the tag @argo>=4.1.0/3.7.17: backports must be on older release lines than 3.7.17, one a line, oldest first: [4.1.0]");
        assertThatThrownBy(() -> Releases.parseTag("@argo>=3.7.17/3.7.18/4.1.0"))
                .hasMessageContaining("one a line");
    }

    @Test
    void aBackportedFixHoldsFromTheBackportOnItsLineOnly() {
        Releases truncated = Releases.parseTag("@argo>=3.7.17/4.0.8/4.1.0");

        assertThat(truncated.holdsFor(ArgoVersion.parse("3.7.16"))).isFalse();
        assertThat(truncated.holdsFor(ArgoVersion.parse("3.7.17"))).isTrue();
        assertThat(truncated.holdsFor(ArgoVersion.parse("4.0.0")))
                .as("4.0.0 came after 3.7.17 but without the fix")
                .isFalse();
        assertThat(truncated.holdsFor(ArgoVersion.parse("4.0.8"))).isTrue();
        assertThat(truncated.holdsFor(ArgoVersion.parse("4.1.0"))).isTrue();
        assertThat(truncated.describe()).isEqualTo(">= 4.1.0, and 3.7.17+ on 3.7, 4.0.8+ on 4.0");
    }

    @Test
    void twoBehavioursHoldWhereBothDo() {
        Releases retries = Releases.parseTag("@argo>=3.4.1");
        Releases truncated = Releases.parseTag("@argo>=3.7.17/4.0.8/4.1.0");
        Releases outputs = Releases.parseTag("@argo>=3.3.10/3.4.4");

        assertThat(retries.and(truncated)).isEqualTo(truncated);
        assertThat(truncated.and(retries)).isEqualTo(truncated);
        assertThat(outputs.and(Releases.parseTag("@argo>=3.3.5"))).isEqualTo(outputs);
        assertThat(outputs.and(retries)).as("3.3.10 has no 503 retries").isEqualTo(Releases.parseTag("@argo>=3.4.4"));
        assertThat(outputs.and(truncated).describe()).isEqualTo(">= 4.1.0, and 3.7.17+ on 3.7, 4.0.8+ on 4.0");
        for (String v : List.of(
                "3.3.9", "3.3.10", "3.4.3", "3.4.4", "3.6.0", "3.7.16", "3.7.17", "4.0.7", "4.0.8", "4.1.0", "4.2.3")) {
            ArgoVersion version = ArgoVersion.parse(v);
            assertThat(outputs.and(truncated).holdsFor(version))
                    .as("at %s", v)
                    .isEqualTo(outputs.holdsFor(version) && truncated.holdsFor(version));
        }
    }

    private static List<ArgoVersion> concat(List<ArgoVersion> backports, ArgoVersion from) {
        return java.util.stream.Stream.concat(backports.stream(), java.util.stream.Stream.of(from))
                .toList();
    }
}
