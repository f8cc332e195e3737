package dev.argoconformance.reference.goruntime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host rule of Go's redirects, case by case as Go's own TestShouldCopyHeaderOnRedirect lists them. */
class GoHttpClientTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "foo.com, foo.com, true",
        "foo.com, sub.foo.com, true",
        "foo.com, a.b.foo.com, true",
        "foo.com, notfoo.com, false",
        "foo.com, bar.com, false",
        "sub.foo.com, foo.com, false",
        "127.0.0.1, localhost, false",
        "foo.com, '::1%.foo.com', false",
    })
    void keepsSensitiveHeadersForTheSameHostNameOrASubdomain(String initial, String next, boolean kept) {
        assertThat(GoHttpClient.isDomainOrSubdomain(next, initial)).isEqualTo(kept);
    }
}
