package dev.argoconformance.reference.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Go's {@code time.ParseDuration} and {@code Duration.String()}, which is what a plugin's
 * {@code requeue} goes through (argo-behaviour.md §W1.5). Expected values are worked out from Go's documented
 * grammar {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+}, its unsigned 64-bit accumulator and its error texts.
 */
class GoDurationTest {

    private static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);
    private static final Duration MIN = Duration.ofNanos(Long.MIN_VALUE);

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("300ms", Duration.ofMillis(300)),
                Arguments.of("1.5s", Duration.ofMillis(1500)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("2m", Duration.ofMinutes(2)),
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("-1s", Duration.ofSeconds(-1)),
                Arguments.of("+5s", Duration.ofSeconds(5)),
                Arguments.of("10ns", Duration.ofNanos(10)),
                Arguments.of("10us", Duration.ofNanos(10_000)),
                Arguments.of("10\u00b5s", Duration.ofNanos(10_000)), // U+00B5 micro sign
                Arguments.of("10\u03bcs", Duration.ofNanos(10_000)), // U+03BC Greek small letter mu
                Arguments.of(".5s", Duration.ofMillis(500)),
                Arguments.of("1.s", Duration.ofSeconds(1)),
                Arguments.of("1.5h", Duration.ofMinutes(90)),
                Arguments.of("1.1h", Duration.ofSeconds(3960)),
                Arguments.of("1h1m1s1ms1us1ns", Duration.ofNanos(3_661_001_001_001L)),
                Arguments.of("0.000000001s", Duration.ofNanos(1)),
                // The fraction goes through float64 and is truncated: a tenth digit of a second is lost.
                Arguments.of("1.0000000001s", Duration.ofSeconds(1)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("-0", Duration.ZERO),
                Arguments.of("+0", Duration.ZERO),
                Arguments.of("0s", Duration.ZERO),
                Arguments.of("9223372036854775807ns", MAX),
                Arguments.of("-9223372036854775808ns", MIN),
                Arguments.of("2562047h47m16.854775807s", MAX),
                Arguments.of("-2562047h47m16.854775808s", MIN),
                // Go stops gaining precision once the fraction would pass 1<<63 but keeps what it has.
                Arguments.of("0.9223372036854775809s", Duration.ofNanos(922_337_203)),
                Arguments.of("0.9223372036854775808s", Duration.ofNanos(922_337_203)),
                Arguments.of("1.00000000000000000000000001s", Duration.ofSeconds(1)));
    }

    @ParameterizedTest(name = "\"{0}\" parses to {1}")
    @MethodSource("accepted")
    void parsesWhatGoAccepts(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).as("ParseDuration(%s)", text).isEqualTo(expected);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("", "time: invalid duration \"\""),
                Arguments.of("-", "time: invalid duration \"-\""),
                Arguments.of("+", "time: invalid duration \"+\""),
                Arguments.of("5", "time: missing unit in duration \"5\""),
                Arguments.of("00", "time: missing unit in duration \"00\""),
                Arguments.of("-5", "time: missing unit in duration \"-5\""),
                Arguments.of("1.5.5s", "time: missing unit in duration \"1.5.5s\""),
                Arguments.of("1d", "time: unknown unit \"d\" in duration \"1d\""),
                Arguments.of("1e3s", "time: unknown unit \"e\" in duration \"1e3s\""),
                Arguments.of("2 minutes", "time: unknown unit \" minutes\" in duration \"2 minutes\""),
                Arguments.of("1s 2s", "time: unknown unit \"s \" in duration \"1s 2s\""),
                Arguments.of("1S", "time: unknown unit \"S\" in duration \"1S\""),
                Arguments.of(".s", "time: invalid duration \".s\""),
                Arguments.of("-.s", "time: invalid duration \"-.s\""),
                Arguments.of("s", "time: invalid duration \"s\""),
                Arguments.of(" 1s", "time: invalid duration \" 1s\""),
                Arguments.of("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\""),
                Arguments.of("-9223372036854775809ns", "time: invalid duration \"-9223372036854775809ns\""),
                Arguments.of("99999999999999999999s", "time: invalid duration \"99999999999999999999s\""),
                Arguments.of("2562047h47m16.854775808s", "time: invalid duration \"2562047h47m16.854775808s\""),
                Arguments.of("2562048h", "time: invalid duration \"2562048h\""));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected with {1}")
    @MethodSource("rejected")
    void rejectsWithGosMessage(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .as("ParseDuration(%s)", text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void quotesNonAsciiAndControlBytesTheWayGoDoes() {
        // time.quote writes every byte of a non-ASCII rune as \xNN and escapes quote and backslash.
        assertThatThrownBy(() -> GoDuration.parse("10\u00b5"))
                .hasMessage("time: unknown unit \"\\xc2\\xb5\" in duration \"10\\xc2\\xb5\"");
        assertThatThrownBy(() -> GoDuration.parse("3\u65e5"))
                .hasMessage("time: unknown unit \"\\xe6\\x97\\xa5\" in duration \"3\\xe6\\x97\\xa5\"");
        assertThatThrownBy(() -> GoDuration.parse("1\ts"))
                .hasMessage("time: unknown unit \"\\x09s\" in duration \"1\\x09s\"");
        assertThatThrownBy(() -> GoDuration.parse("1\"s"))
                .hasMessage("time: unknown unit \"\\\"s\" in duration \"1\\\"s\"");
        assertThatThrownBy(() -> GoDuration.parse("1\\s"))
                .hasMessage("time: unknown unit \"\\\\s\" in duration \"1\\\\s\"");
        assertThatThrownBy(() -> GoDuration.parse("5\u007f"))
                .as("DEL is below utf8.RuneSelf and not below space, so Go leaves it as is")
                .hasMessage("time: unknown unit \"\u007f\" in duration \"5\u007f\"");
    }

    static Stream<Arguments> formatted() {
        return Stream.of(
                Arguments.of(Duration.ZERO, "0s"),
                Arguments.of(Duration.ofNanos(1), "1ns"),
                Arguments.of(Duration.ofNanos(999), "999ns"),
                Arguments.of(Duration.ofNanos(1_000), "1\u00b5s"),
                Arguments.of(Duration.ofNanos(1_500), "1.5\u00b5s"),
                Arguments.of(Duration.ofNanos(-1_500), "-1.5\u00b5s"),
                Arguments.of(Duration.ofMillis(300), "300ms"),
                Arguments.of(Duration.ofNanos(1_000_001), "1.000001ms"),
                Arguments.of(Duration.ofMillis(1500), "1.5s"),
                Arguments.of(Duration.ofNanos(1_000_000_001), "1.000000001s"),
                Arguments.of(Duration.ofSeconds(10), "10s"),
                Arguments.of(Duration.ofSeconds(61), "1m1s"),
                Arguments.of(Duration.ofMinutes(2), "2m0s"),
                Arguments.of(Duration.ofHours(1), "1h0m0s"),
                Arguments.of(Duration.ofMinutes(90), "1h30m0s"),
                Arguments.of(Duration.ofSeconds(3601), "1h0m1s"),
                Arguments.of(Duration.ofSeconds(-1), "-1s"),
                Arguments.of(MAX, "2562047h47m16.854775807s"),
                Arguments.of(MIN, "-2562047h47m16.854775808s"));
    }

    @ParameterizedTest(name = "{0} formats as \"{1}\"")
    @MethodSource("formatted")
    void formatsLikeDurationString(Duration duration, String expected) {
        assertThat(GoDuration.format(duration)).as("(%s).String()", duration).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} survives format then parse")
    @MethodSource("formatted")
    void roundTrips(Duration duration, String ignored) {
        assertThat(GoDuration.parse(GoDuration.format(duration))).isEqualTo(duration);
    }

    @Test
    void readsBothMicroSignsButWritesOnlyTheMicroSign() {
        assertThat(GoDuration.format(GoDuration.parse("10\u03bcs")))
                .as("Duration.String() always writes U+00B5")
                .isEqualTo("10\u00b5s");
    }
}
