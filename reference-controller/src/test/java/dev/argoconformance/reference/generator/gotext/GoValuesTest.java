package dev.argoconformance.reference.generator.gotext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go's {@code %v} and {@code encoding/json} output for the values a parameter set holds (argo-behaviour.md §CD4.1,
 * §CD1.1).
 */
class GoValuesTest {

    @ParameterizedTest(name = "%v of {0} is {1}")
    @CsvSource({
        "123, 123",
        "1.5, 1.5",
        "1000000, 1e+06",
        "1234567, 1.234567e+06",
        "123456, 123456",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "9007199254740993, 9.007199254740992e+15",
        "-2.5, -2.5",
        "1e21, 1e+21",
        "1e100, 1e+100",
        "0.1, 0.1",
        "100, 100",
    })
    void printsFloatsAsGosPercentV(double value, String expected) {
        assertThat(GoValues.print(value)).isEqualTo(expected);
    }

    @Test
    void printsNegativeZeroWithItsSign() {
        assertThat(GoValues.print(-0.0)).isEqualTo("-0");
        assertThat(GoValues.print(0.0)).isEqualTo("0");
    }

    @ParameterizedTest(name = "json of {0} is {1}")
    @CsvSource({
        "1, 1",
        "1.5, 1.5",
        "1000000, 1000000",
        "0.000001, 0.000001",
        "0.0000001, 1e-7",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "1.25e-10, 1.25e-10",
        "9007199254740993, 9007199254740992",
    })
    void encodesFloatsAsEncodingJsonDoes(double value, String expected) {
        assertThat(GoValues.jsonFloat(value)).isEqualTo(expected);
    }

    @Test
    void printsNilListsAndMapsWithSortedKeysAsFmtDoes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", List.of("x", 2.0, true));
        map.put("a", null);
        map.put("c", Map.of("z", 1e6));

        assertThat(GoValues.print(null)).isEqualTo("<nil>");
        assertThat(GoValues.print(map)).isEqualTo("map[a:<nil> b:[x 2 true] c:map[z:1e+06]]");
    }

    @Test
    void printsApiextensionsJsonAsTheStructItIs() {
        TypedMap parameters = TypedMap.of(TypedMap.Kind.PLUGIN_PARAMETERS, Map.of("k", new RawJson("\"v1\"")));
        Map<String, Object> generator =
                Map.of("input", TypedMap.of(TypedMap.Kind.PLUGIN_INPUT, Map.of("parameters", parameters)));

        assertThat(GoValues.print(new RawJson("\"v1\""))).isEqualTo("{[34 118 49 34]}");
        assertThat(GoValues.print(RawJson.NIL)).isEqualTo("{[]}");
        assertThat(GoValues.print(generator)).isEqualTo("map[input:map[parameters:map[k:{[34 118 49 34]}]]]");
        assertThat(GoValues.print(TypedMap.nil(TypedMap.Kind.PLUGIN_PARAMETERS)))
                .isEqualTo("map[]");
    }

    @Test
    void escapesHtmlOnlyWhenAskedButAlwaysTheLineSeparators() {
        String s = "<a&b>\u2028\"\\\n\t\b\f\u0001\u007f";

        assertThat(GoValues.quoteJson(s, false)).isEqualTo("\"<a&b>\\u2028\\\"\\\\\\n\\t\\b\\f\\u0001\u007f\"");
        assertThat(GoValues.quoteJson(s, true))
                .isEqualTo("\"\\u003ca\\u0026b\\u003e\\u2028\\\"\\\\\\n\\t\\b\\f\\u0001\u007f\"");
    }

    @Test
    void marshalsMapsWithKeysInByteOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1L);
        map.put("B", 2.5);
        map.put("a", Map.of("y", List.of(), "x", "<"));
        map.put("\uD83D\uDE00", true); // a supplementary character sorts after U+FFFF, as UTF-8 bytes do
        map.put("\uFFFD", false);

        assertThat(GoValues.marshal(map, true))
                .isEqualTo(
                        "{\"B\":2.5,\"a\":{\"x\":\"\\u003c\",\"y\":[]},\"b\":1,\"\uFFFD\":false,\"\uD83D\uDE00\":true}");
    }

    @Test
    void compactsRawJsonAndEscapesItOnlyWhenAsked() {
        String raw = "{ \"a\" : [ 1, \"<x y>\" ] }";

        assertThat(GoValues.compact(raw, false)).isEqualTo("{\"a\":[1,\"<x y>\"]}");
        assertThat(GoValues.compact(raw, true)).isEqualTo("{\"a\":[1,\"\\u003cx y\\u003e\"]}");
    }

    @Test
    void quotesStringsAsStrconvQuote() {
        assertThat(GoValues.quote("5s")).isEqualTo("\"5s\"");
        assertThat(GoValues.quote("a\"b\\c\n\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\x01é\"");
    }

    @Test
    void parsesIntegersAsStrconvAtoi() throws Exception {
        assertThat(GoStrings.atoi("+60")).isEqualTo(60);
        assertThat(GoStrings.atoi("-1")).isEqualTo(-1);
        assertThat(GoStrings.atoi("007")).isEqualTo(7);
        for (String bad : List.of("", " 60", "60s", "1.5", "+", "0x10", "1_000")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoStrings.atoi(bad))
                    .as("Atoi(%s)", bad)
                    .hasMessage("strconv.Atoi: parsing " + GoValues.quote(bad) + ": invalid syntax");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoStrings.atoi("99999999999999999999"))
                .hasMessage("strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    }

    @Test
    void trimsUnicodeSpaceAsStringsTrimSpace() {
        assertThat(GoStrings.trimSpace("\u00a0\t tok en\n\u3000")).isEqualTo("tok en");
        assertThat(GoStrings.trimSpace(" \n ")).isEmpty();
    }
}
