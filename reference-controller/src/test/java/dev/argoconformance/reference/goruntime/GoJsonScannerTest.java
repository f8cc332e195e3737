package dev.argoconformance.reference.goruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where the first JSON value ends, as Go's json.Decoder sees it reading a stream: the client feeds
 * the scanner chunk by chunk and stops reading once the value is complete.
 */
class GoJsonScannerTest {

    /** Feeds one byte at a time; returns the value's length, or "EOF"/"unexpected EOF"/the syntax error. */
    private static String byteByByte(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        GoJsonScanner scanner = new GoJsonScanner();
        try {
            for (int i = 0; i < bytes.length; i++) {
                int end = scanner.feed(bytes, i, 1);
                if (end >= 0) {
                    return String.valueOf(i + end);
                }
            }
            scanner.finish();
            return String.valueOf(bytes.length);
        } catch (GoJsonScanner.SyntaxError e) {
            return e.getMessage();
        }
    }

    private static String atOnce(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        GoJsonScanner scanner = new GoJsonScanner();
        try {
            int end = scanner.feed(bytes, 0, bytes.length);
            if (end >= 0) {
                return String.valueOf(end);
            }
            scanner.finish();
            return String.valueOf(bytes.length);
        } catch (GoJsonScanner.SyntaxError e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{}|2",
                "{} trailing|2",
                "`  {\"a\":[1,2,{\"b\":null}]}xyz`|24",
                "[]]|2",
                "\"s\"|3",
                "\"s\"x|3",
                "null|4",
                "null,|4",
                "12|2",
                "12 |2",
                "12x|2",
                "-0.5e+3}|7",
                "0123|1",
                "``|EOF",
                "`   `|EOF",
                "{\"a\":|unexpected EOF",
                "-|unexpected EOF",
                "1e|unexpected EOF",
                "fals|unexpected EOF",
                "`{\"a\" 1}`|invalid character '1' after object key",
            })
    void findsTheEndOfTheFirstValueHoweverTheBytesArrive(String body, String expected) {
        assertThat(atOnce(body)).as("all at once").isEqualTo(expected);
        assertThat(byteByByte(body)).as("one byte at a time").isEqualTo(expected);
    }

    @Test
    void aCompleteObjectNeedsNoMoreInput() throws Exception {
        GoJsonScanner scanner = new GoJsonScanner();
        byte[] part = "{\"node\":{}".getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.feed(part, 0, part.length)).isEqualTo(-1);
        assertThat(scanner.feed(new byte[] {'}', 'x'}, 0, 2))
                .as("done on the closing brace")
                .isEqualTo(1);
        assertThat(scanner.isComplete()).isTrue();
        assertThat(scanner.length()).isEqualTo(part.length + 1);
    }

    @Test
    void aTopLevelScalarWaitsForOneMoreByteOrTheEnd() throws Exception {
        GoJsonScanner scanner = new GoJsonScanner();
        byte[] value = "null".getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.feed(value, 0, value.length))
                .as("Go's decoder blocks here for the next byte")
                .isEqualTo(-1);
        assertThat(scanner.isComplete()).isFalse();
        scanner.finish();
        assertThat(scanner.isComplete()).isTrue();
    }

    @Test
    void quotesBytesAsGoDoes() {
        assertThat(GoJsonScanner.quoteChar('x')).isEqualTo("'x'");
        assertThat(GoJsonScanner.quoteChar('\'')).isEqualTo("'\\''");
        assertThat(GoJsonScanner.quoteChar('"')).isEqualTo("'\"'");
        assertThat(GoJsonScanner.quoteChar('\\')).isEqualTo("'\\\\'");
        assertThat(GoJsonScanner.quoteChar(0x0b)).isEqualTo("'\\v'");
        assertThat(GoJsonScanner.quoteChar(0x1f)).isEqualTo("'\\x1f'");
        assertThat(GoJsonScanner.quoteChar(0x7f)).isEqualTo("'\\x7f'");
        assertThat(GoJsonScanner.quoteChar(0x85)).isEqualTo("'\\u0085'");
        assertThat(GoJsonScanner.quoteChar(0xad)).isEqualTo("'\\u00ad'");
        assertThat(GoJsonScanner.quoteChar(0xe2)).isEqualTo("'\u00e2'");
    }
}
