package dev.argoconformance.reference.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Quantities print as Kubernetes prints them, because the built ConfigMap carries them. Most cases come from the
 * tables of k8s.io/apimachinery v0.35.4 {@code pkg/api/resource/quantity_test.go} (TestQuantityString's canonical
 * and alternate forms, TestQuantityParseEmit, TestQuantityParse's inputs and invalid inputs); the printed form of a
 * TestQuantityParse value follows from its canonicalisation rules.
 */
class GoQuantityTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        "1Ki, 1Ki",
        "1Mi, 1Mi",
        "1Gi, 1Gi",
        "1024Mi, 1Gi",
        "1000M, 1G",
        ".001Ki, 1024m",
        ".000001Ki, 1024u",
        ".000000001Ki, 1024n",
        ".000000000001Ki, 2n",
        "307200Ki, 300Mi",
        "1025024Mi, 1001Gi",
        "1024Gi, 1Ti",
        "5000m, 5",
        "0.5, 500m",
        "0.001T, 1G",
        "1000u, 1m",
        "1.08, 1080m",
        "1080000000n, 1080m",
        ".001e12, 1e9",
        "0.001e0, 1e-3",
        "1000e-12, 1e-9",
        "00, 0",
        "0.000000000001Ki, 2n",
        "1.2e3, 1200",
        "0.5e-9, 1e-9",
        "0.00000012345, 124n",
    })
    void printsTheCanonicalForm(String in, String expected) {
        assertThat(GoQuantity.parse(in)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0} is kept as written")
    @ValueSource(
            strings = {
                "300Mi",
                "6Ki",
                "1001Gi",
                "5",
                "500m",
                "1G",
                "80m",
                "1080m",
                "300M",
                "1T",
                "1234567M",
                "1234567m",
                "3k",
                "1025",
                "0",
                "1e9",
                "1e-3",
                "1e-9",
                "80e-3",
                "300e6",
                "1e12",
                "1e3",
                "3e3",
                "1n",
                "80n",
                "1080n",
                "1u",
                "80u",
                "1080u",
                "100m",
                "+1"
            })
    void keepsTextThatIsAlreadyCanonical(String in) {
        assertThat(GoQuantity.parse(in)).hasToString(in);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(
            strings = {"1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 ", ""})
    void refusesWhatKubernetesRefuses(String in) {
        assertThatThrownBy(() -> GoQuantity.parse(in))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(
                        "quantities must match .*|unable to parse quantity's suffix|unable to parse numeric part of quantity");
    }
}
