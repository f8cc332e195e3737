package dev.argoconformance.suite.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.RecordedCall.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hostile-input catalogue: labelled, replayable from its seed, and every case past the token check. */
class HostileInputsTest {

    private static final String PATH = "/api/v1/template.execute";
    private static final byte[] VALID =
            "{\"workflow\":{\"metadata\":{\"name\":\"wf\"}},\"template\":{\"name\":\"main\",\"plugin\":{\"hello\":{}}}}"
                    .getBytes(StandardCharsets.UTF_8);

    private final List<HostileInputs.Case> cases = HostileInputs.catalogue(PATH, "tok", VALID, 42);
    private final Map<String, HostileInputs.Case> byLabel =
            cases.stream().collect(Collectors.toMap(HostileInputs.Case::label, Function.identity()));

    @Test
    void everyCaseHasItsOwnLabel() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(byLabel).as("labels are unique").hasSameSizeAs(cases);
    }

    @Test
    void everyCaseCarriesTheRightTokenSoItReachesTheParsingCode() {
        assertThat(cases)
                .allSatisfy(
                        c -> assertThat(c.headers()).as(c.label()).contains(new Header("Authorization", "Bearer tok")));
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherRandomBytes() {
        List<HostileInputs.Case> again = HostileInputs.catalogue(PATH, "tok", VALID, 42);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(again.get(i).body())
                    .as(cases.get(i).label())
                    .isEqualTo(cases.get(i).body());
        }
        byte[] random = byLabel.get("4 MiB of random bytes").body();
        assertThat(random).hasSize(4 * 1024 * 1024);
        byte[] other = HostileInputs.catalogue(PATH, "tok", VALID, 43).stream()
                .filter(c -> c.label().equals("4 MiB of random bytes"))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(other).isNotEqualTo(random);
    }

    @Test
    void onlyAMethodServedNowhereMayBeAnswered501() {
        assertThat(cases)
                .filteredOn(c -> c.allowed5xx() != 0)
                .extracting(HostileInputs.Case::method)
                .containsExactlyInAnyOrder("GET", "PATCH");
        assertThat(cases)
                .filteredOn(c -> c.allowed5xx() != 0)
                .allSatisfy(c -> assertThat(c.allowed5xx()).isEqualTo(501));
    }

    @Test
    void framingCasesSayWhatTheirLabelsSay() {
        assertThat(header(byLabel.get("Content-Length longer than the body"), "Content-Length"))
                .isEqualTo(String.valueOf(VALID.length + 100));
        assertThat(byLabel.get("Content-Length longer than the body").halfClose())
                .as("the plugin then sees the end of the body")
                .isTrue();
        assertThat(header(byLabel.get("negative Content-Length"), "Content-Length"))
                .isEqualTo("-1");
        assertThat(header(byLabel.get("non-numeric Content-Length"), "Content-Length"))
                .isEqualTo("lots");
        assertThat(new String(byLabel.get("chunked body").body(), StandardCharsets.UTF_8))
                .isEqualTo(Integer.toHexString(VALID.length) + "\r\n" + new String(VALID, StandardCharsets.UTF_8)
                        + "\r\n0\r\n\r\n");
        assertThat(byLabel.get("no Content-Type").headers())
                .extracting(Header::name)
                .doesNotContain("Content-Type");
        assertThat(byLabel.get("truncated valid body").body()).hasSize(VALID.length / 2);
        assertThat(byLabel.get("empty body").body()).isEmpty();
        assertThat(byLabel.get("UTF-8 byte order mark").body()).startsWith(0xEF, 0xBB, 0xBF);
    }

    private static String header(HostileInputs.Case c, String name) {
        return c.headers().stream()
                .filter(h -> h.name().equals(name))
                .map(Header::value)
                .findFirst()
                .orElseThrow();
    }
}
