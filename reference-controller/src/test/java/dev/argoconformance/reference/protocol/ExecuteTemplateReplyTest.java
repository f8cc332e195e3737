package dev.argoconformance.reference.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.argoconformance.reference.goruntime.GoJsonScanner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding a {@code template.execute} reply the way Argo's {@code json.NewDecoder(body).Decode(reply)}
 * does (argo-behaviour.md §W1.4–§W1.6): leniency, Go's error texts, which errors are transient, AnyString values and
 * the reply the agent shares across plugins.
 */
class ExecuteTemplateReplyTest {

    private static ExecuteTemplateReply decode(String body) throws GoJson.DecodeException {
        return decode(body, ExecuteTemplateReply.EMPTY);
    }

    private static ExecuteTemplateReply decode(String body, ExecuteTemplateReply into) throws GoJson.DecodeException {
        return ExecuteTemplateReply.decode(body.getBytes(StandardCharsets.UTF_8), into);
    }

    private static GoJson.DecodeException failure(String body) {
        return catchThrowableOfType(GoJson.DecodeException.class, () -> decode(body));
    }

    @Test
    void decodesAnAcceptedNode() throws Exception {
        ExecuteTemplateReply reply = decode("""
                {"node":{"phase":"Succeeded","message":"m","progress":"1/2",
                  "outputs":{"parameters":[{"name":"foo","value":"bar"}],"result":"r","exitCode":"0",
                             "artifacts":[{"name":"a","s3":{"key":"k"}}]}},
                 "requeue":"2m"}""");

        assertThat(reply.accepted()).isTrue();
        NodeResult node = reply.node();
        assertThat(node.phase()).isEqualTo("Succeeded");
        assertThat(node.hasPhase(NodePhase.SUCCEEDED)).isTrue();
        assertThat(node.message()).isEqualTo("m");
        assertThat(node.progress()).isEqualTo("1/2");
        assertThat(node.outputs().parameter("foo")).contains("bar");
        assertThat(node.outputs().result()).isEqualTo("r");
        assertThat(node.outputs().exitCode()).isEqualTo("0");
        assertThat(node.outputs().artifacts().toString()).isEqualTo("[{\"name\":\"a\",\"s3\":{\"key\":\"k\"}}]");
        assertThat(reply.requeueAfter()).contains(Duration.ofMinutes(2));
    }

    @Test
    void keepsAPhaseArgoDoesNotKnow() throws Exception {
        NodeResult node = decode("{\"node\":{\"phase\":\"Done\"}}").node();
        assertThat(node.phase()).as("Argo validates nothing").isEqualTo("Done");
        assertThat(node.knownPhase()).isEmpty();
    }

    @Test
    void ignoresUnknownFields() throws Exception {
        ExecuteTemplateReply reply = decode("""
                {"apiVersion":"v9","node":{"phase":"Running","startedAt":"now","outputs":{"extra":[1,{"x":null}]}},
                 "other":{"deep":[[[]]]}}""");
        assertThat(reply.node().phase()).isEqualTo("Running");
        assertThat(reply.requeue()).isNull();
    }

    static Stream<Arguments> valueThenTrailingBytes() {
        return Stream.of(
                Arguments.of("{\"node\":{\"phase\":\"Succeeded\"}} trailing words", "Succeeded"),
                Arguments.of("{\"node\":{\"phase\":\"Succeeded\"}}}", "Succeeded"),
                Arguments.of("{\"node\":{\"phase\":\"Succeeded\"}}\n{\"node\":{\"phase\":\"Failed\"}}", "Succeeded"),
                Arguments.of("{}{\"node\":{\"phase\":\"Succeeded\"}}", null),
                Arguments.of("null{\"node\":{\"phase\":\"Succeeded\"}}", null),
                Arguments.of("  {\"node\":{\"phase\":\"Running\"}}<html>", "Running"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueThenTrailingBytes")
    void readsOnlyTheFirstValue(String body, String phase) throws Exception {
        ExecuteTemplateReply reply = decode(body);
        if (phase == null) {
            assertThat(reply.accepted()).as("the first value declines").isFalse();
        } else {
            assertThat(reply.node().phase()).isEqualTo(phase);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", " \t\r\n  "})
    void anEmptyOrBlankBodyIsEofAndNotTransient(String body) {
        GoJson.DecodeException e = failure(body);
        assertThat(e).hasMessage("EOF");
        assertThat(e.isUnexpectedEof())
                .as("io.EOF is not transient: the node fails")
                .isFalse();
    }

    @Test
    void onlyJsonWhiteSpaceCountsAsBlank() {
        assertThat(failure("\f")).hasMessage("invalid character '\\f' looking for beginning of value");
        assertThat(failure("\u00a0"))
                .as("a UTF-8 lead byte reads as a Latin-1 rune")
                .hasMessage("invalid character '\u00c2' looking for beginning of value");
        assertThat(failure("\ufeff{}"))
                .as("a byte order mark")
                .hasMessage("invalid character '\u00ef' looking for beginning of value");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"node\":",
                "{\"node\":{\"phase\":\"Succ",
                "{\"node\":{\"phase\":\"Running\",",
                "{\"node\":{\"phase\":\"Running\"}",
                "{\"node\":nu",
                "{\"node\":{\"outputs\":{\"parameters\":[{\"name\":\"a\",\"value\":1.",
                "{\"node\":{\"message\":\"\\u12",
                "{\"node\":{\"message\":\"\\",
                "[",
                "tru",
                "-",
                "1.",
                "1e+",
                "\"unterminated",
            })
    void aTruncatedBodyIsTransientUnexpectedEof(String body) {
        GoJson.DecodeException e = failure(body);
        assertThat(e).hasMessage("unexpected EOF");
        assertThat(e.isUnexpectedEof())
                .as("io.ErrUnexpectedEOF is transient: Argo retries")
                .isTrue();
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of(
                        "<html><body>Bad Gateway</body></html>",
                        "invalid character '<' looking for beginning of value"),
                Arguments.of("{'node': {}}", "invalid character '\\'' looking for beginning of object key string"),
                Arguments.of("{node: {}}", "invalid character 'n' looking for beginning of object key string"),
                Arguments.of("{\"node\" {}}", "invalid character '{' after object key"),
                Arguments.of("{\"node\":{} \"requeue\":\"1s\"}", "invalid character '\"' after object key:value pair"),
                Arguments.of("{\"a\":[1 2]}", "invalid character '2' after array element"),
                Arguments.of("{\"a\":1,}", "invalid character '}' looking for beginning of object key string"),
                Arguments.of("{,}", "invalid character ',' looking for beginning of object key string"),
                Arguments.of("[1,]", "invalid character ']' looking for beginning of value"),
                Arguments.of("{\"a\":NaN}", "invalid character 'N' looking for beginning of value"),
                Arguments.of("{\"a\":tx}", "invalid character 'x' in literal true (expecting 'r')"),
                Arguments.of("{\"a\":fals}", "invalid character '}' in literal false (expecting 'e')"),
                Arguments.of("{\"a\":nulx}", "invalid character 'x' in literal null (expecting 'l')"),
                Arguments.of("{\"a\":-x}", "invalid character 'x' in numeric literal"),
                Arguments.of("{\"a\":1.x}", "invalid character 'x' after decimal point in numeric literal"),
                Arguments.of("{\"a\":1ex}", "invalid character 'x' in exponent of numeric literal"),
                Arguments.of("{\"a\":01}", "invalid character '1' after object key:value pair"),
                Arguments.of("{\"a\":\"\\x\"}", "invalid character 'x' in string escape code"),
                Arguments.of("{\"a\":\"\\u12g4\"}", "invalid character 'g' in \\u hexadecimal character escape"),
                Arguments.of("{\"a\":\"tab\there\"}", "invalid character '\\t' in string literal"),
                Arguments.of("{\"a\":\"nl\nhere\"}", "invalid character '\\n' in string literal"),
                Arguments.of("{\"a\":\u0001}", "invalid character '\\x01' looking for beginning of value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void invalidJsonIsFatalWithGosSyntaxError(String body, String message) {
        GoJson.DecodeException e = failure(body);
        assertThat(e).hasMessage(message);
        assertThat(e.isUnexpectedEof()).as("a syntax error is not transient").isFalse();
    }

    @Test
    void nestsAsDeepAsGoAndNoDeeper() throws Exception {
        int allowed = GoJsonScanner.MAX_DEPTH - 1; // plus the reply object itself
        String deep = "{\"extra\":" + "[".repeat(allowed) + "]".repeat(allowed) + ",\"node\":{\"phase\":\"Running\"}}";
        assertThat(decode(deep).node().phase()).isEqualTo("Running");

        String tooDeep = "{\"extra\":" + "[".repeat(allowed + 1) + "]".repeat(allowed + 1) + "}";
        assertThat(failure(tooDeep)).hasMessage("invalid character '[' exceeded max depth");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"null", "{}", "{\"node\":null}", "{\"node\":null,\"requeue\":null}", " null "})
    void nullAndEmptyReplyDecline(String body) throws Exception {
        ExecuteTemplateReply reply = decode(body);
        assertThat(reply.accepted()).as("%s declines", body).isFalse();
        assertThat(reply.node()).isNull();
    }

    @Test
    void matchesKeysCaseInsensitively() throws Exception {
        ExecuteTemplateReply reply = decode("""
                {"Node":{"PHASE":"Succeeded","Message":"m","OUTPUTS":{"Parameters":[{"NAME":"foo","Value":"bar"}],
                 "EXITCODE":"3"}},"REQUEUE":"1m"}""");
        assertThat(reply.node().phase()).isEqualTo("Succeeded");
        assertThat(reply.node().message()).isEqualTo("m");
        assertThat(reply.node().outputs().parameter("foo")).contains("bar");
        assertThat(reply.node().outputs().exitCode()).isEqualTo("3");
        assertThat(reply.requeue()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void foldsTheSpecialLettersGoFolds() throws Exception {
        // Go's EqualFold matches U+017F (long s) with s and U+212A (Kelvin sign) with k.
        ExecuteTemplateReply reply = decode("{\"node\":{\"pha\u017fe\":\"Running\"},\"reqUeue\":\"1s\"}");
        assertThat(reply.node().phase()).isEqualTo("Running");
        assertThat(reply.requeue()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theLastOfTwoMatchingKeysWins() throws Exception {
        assertThat(decode("{\"node\":{\"phase\":\"Running\"},\"NODE\":null}").accepted())
                .isFalse();
        assertThat(decode("{\"requeue\":\"1s\",\"Requeue\":\"2s\"}").requeue()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aNumericRequeueIsFatal() {
        GoJson.DecodeException e = failure("{\"node\":{\"phase\":\"Running\"},\"requeue\":120}");
        // Go names the field: encoding/json adds the field context to the Duration unmarshaller's type error.
        assertThat(e)
                .hasMessage(
                        "json: cannot unmarshal number into Go struct field ExecuteTemplateReply.requeue of type string");
        assertThat(e.isUnexpectedEof()).isFalse();
        assertThat(failure("{\"requeue\":true}"))
                .hasMessage(
                        "json: cannot unmarshal bool into Go struct field ExecuteTemplateReply.requeue of type string");
        assertThat(failure("{\"requeue\":{}}"))
                .hasMessage(
                        "json: cannot unmarshal object into Go struct field ExecuteTemplateReply.requeue of type string");
    }

    static Stream<Arguments> requeueTexts() {
        return Stream.of(
                Arguments.of("1d", "time: unknown unit \"d\" in duration \"1d\""),
                Arguments.of("", "time: invalid duration \"\""),
                Arguments.of("2 minutes", "time: unknown unit \" minutes\" in duration \"2 minutes\""),
                Arguments.of("120", "time: missing unit in duration \"120\""));
    }

    @ParameterizedTest(name = "requeue \"{0}\"")
    @MethodSource("requeueTexts")
    void aRequeueThatIsNotAGoDurationIsFatal(String requeue, String message) {
        GoJson.DecodeException e = failure("{\"node\":{\"phase\":\"Running\"},\"requeue\":\"" + requeue + "\"}");
        assertThat(e).hasMessage(message);
        assertThat(e.isUnexpectedEof()).isFalse();
    }

    @Test
    void readsRequeueAsAGoDuration() throws Exception {
        assertThat(decode("{\"requeue\":\"1h30m\"}").requeue()).isEqualTo(Duration.ofMinutes(90));
        assertThat(decode("{\"requeue\":\"10\u00b5s\"}").requeue()).isEqualTo(Duration.ofNanos(10_000));
        assertThat(decode("{\"requeue\":\"-1s\"}").requeue()).isEqualTo(Duration.ofSeconds(-1));
        assertThat(decode("{\"requeue\":null}").requeueAfter()).isEmpty();
    }

    static Stream<Arguments> anyStrings() {
        return Stream.of(
                Arguments.of("\"bar\"", "bar"),
                Arguments.of("\"\"", ""),
                Arguments.of("1e21", "1000000000000000000000"),
                Arguments.of("1.5", "1.5"),
                Arguments.of("100", "100"),
                Arguments.of("-7", "-7"),
                Arguments.of("0.1", "0.1"),
                Arguments.of("1e-7", "0.0000001"),
                Arguments.of("2.50", "2.5"),
                Arguments.of("12345678901234567890", "12345678901234567000"),
                Arguments.of("true", "true"),
                Arguments.of("false", "false"),
                Arguments.of("{}", ""),
                Arguments.of("{\"a\":1}", ""),
                Arguments.of("[]", ""),
                Arguments.of("[\"x\"]", ""),
                Arguments.of("null", null));
    }

    @ParameterizedTest(name = "value {0} becomes {1}")
    @MethodSource("anyStrings")
    void outputValuesAreAnyStrings(String json, String expected) throws Exception {
        ExecuteTemplateReply reply =
                decode("{\"node\":{\"phase\":\"Succeeded\",\"outputs\":{\"parameters\":[{\"name\":\"p\",\"value\":"
                        + json + "}]}}}");
        assertThat(reply.node().outputs().parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("p");
            assertThat(p.value()).as("AnyString of %s", json).isEqualTo(expected);
        });
    }

    @Test
    void aNumberFloat64CannotHoldIsAnErrorNotACrash() {
        String integer = "1" + "0".repeat(400);
        assertThat(failure("{\"node\":{\"outputs\":{\"parameters\":[{\"name\":\"p\",\"value\":" + integer + "}]}}}"))
                .hasMessage("json: cannot unmarshal number " + integer
                        + " into Go struct field Parameter.node.outputs.parameters.value of type float64");
        assertThat(failure("{\"node\":{\"outputs\":{\"parameters\":[{\"name\":\"p\",\"value\":1e400}]}}}"))
                .hasMessage("json: cannot unmarshal number 1e400"
                        + " into Go struct field Parameter.node.outputs.parameters.value of type float64");
    }

    @Test
    void aNullParameterIsAnEmptyOne() throws Exception {
        ExecuteTemplateReply reply = decode("{\"node\":{\"outputs\":{\"parameters\":[null,{\"name\":\"b\"}]}}}");
        assertThat(reply.node().outputs().parameters())
                .containsExactly(new Parameter("", null), new Parameter("b", null));
    }

    @Test
    void decodesOntoTheSharedReply() throws Exception {
        ExecuteTemplateReply previous = new ExecuteTemplateReply(null, Duration.ofMinutes(1));

        ExecuteTemplateReply accepted = decode("{\"node\":{\"phase\":\"Running\"}}", previous);
        assertThat(accepted.node().phase()).isEqualTo("Running");
        assertThat(accepted.requeue())
                .as("no requeue key: the declined plugin's requeue stays")
                .isEqualTo(Duration.ofMinutes(1));

        assertThat(decode("null", previous)).as("null decodes to nothing").isSameAs(previous);
        assertThat(decode("{}", previous).requeue()).isEqualTo(Duration.ofMinutes(1));
        assertThat(decode("{\"requeue\":null}", previous).requeue())
                .as("null sets the pointer to nil")
                .isNull();
        assertThat(decode("{\"requeue\":\"5s\"}", previous).requeue()).isEqualTo(Duration.ofSeconds(5));
    }

    static Stream<Arguments> typeErrors() {
        return Stream.of(
                Arguments.of("[]", "json: cannot unmarshal array into Go value of type executor.ExecuteTemplateReply"),
                Arguments.of(
                        "\"ok\"", "json: cannot unmarshal string into Go value of type executor.ExecuteTemplateReply"),
                Arguments.of("42", "json: cannot unmarshal number into Go value of type executor.ExecuteTemplateReply"),
                Arguments.of(
                        "12abc", "json: cannot unmarshal number into Go value of type executor.ExecuteTemplateReply"),
                Arguments.of("true", "json: cannot unmarshal bool into Go value of type executor.ExecuteTemplateReply"),
                Arguments.of(
                        "{\"node\":\"Succeeded\"}",
                        "json: cannot unmarshal string into Go struct field ExecuteTemplateReply.node of type v1alpha1.NodeResult"),
                Arguments.of(
                        "{\"node\":{\"phase\":1}}",
                        "json: cannot unmarshal number into Go struct field NodeResult.node.phase of type v1alpha1.NodePhase"),
                Arguments.of(
                        "{\"node\":{\"message\":[\"a\"]}}",
                        "json: cannot unmarshal array into Go struct field NodeResult.node.message of type string"),
                Arguments.of(
                        "{\"node\":{\"progress\":50}}",
                        "json: cannot unmarshal number into Go struct field NodeResult.node.progress of type v1alpha1.Progress"),
                Arguments.of(
                        "{\"node\":{\"outputs\":[]}}",
                        "json: cannot unmarshal array into Go struct field NodeResult.node.outputs of type v1alpha1.Outputs"),
                Arguments.of(
                        "{\"node\":{\"outputs\":{\"parameters\":{}}}}",
                        "json: cannot unmarshal object into Go struct field Outputs.node.outputs.parameters of type []v1alpha1.Parameter"),
                Arguments.of(
                        "{\"node\":{\"outputs\":{\"parameters\":[\"a\"]}}}",
                        "json: cannot unmarshal string into Go struct field Outputs.node.outputs.parameters of type v1alpha1.Parameter"),
                Arguments.of(
                        "{\"node\":{\"outputs\":{\"parameters\":[{\"name\":5}]}}}",
                        "json: cannot unmarshal number into Go struct field Parameter.node.outputs.parameters.name of type string"),
                Arguments.of(
                        "{\"node\":{\"outputs\":{\"result\":0}}}",
                        "json: cannot unmarshal number into Go struct field Outputs.node.outputs.result of type string"),
                Arguments.of(
                        "{\"node\":{\"outputs\":{\"artifacts\":{}}}}",
                        "json: cannot unmarshal object into Go struct field Outputs.node.outputs.artifacts of type v1alpha1.Artifacts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeErrors")
    void aValueOfTheWrongTypeIsFatal(String body, String message) {
        GoJson.DecodeException e = failure(body);
        assertThat(e).hasMessage(message);
        assertThat(e.isUnexpectedEof()).isFalse();
    }

    @Test
    void reportsErrorsInGosOrder() {
        assertThat(failure("{\"node\":{\"message\":1,\"phase\":2}}"))
                .as("type errors: the first in document order")
                .hasMessage(
                        "json: cannot unmarshal number into Go struct field NodeResult.node.message of type string");
        assertThat(failure("{\"node\":{\"phase\":1},\"requeue\":\"1d\"}"))
                .as("an unmarshaller's error stops decoding and beats a saved type error")
                .hasMessage("time: unknown unit \"d\" in duration \"1d\"");
        assertThat(failure("{\"requeue\":\"1d\",\"node\":{\"phase\":1}}"))
                .hasMessage("time: unknown unit \"d\" in duration \"1d\"");
        assertThat(failure("{\"node\":{\"phase\":1,\"outputs\":{\"parameters\":[{\"value\":1e400}]}}}"))
                .hasMessageStartingWith("json: cannot unmarshal number 1e400 ");
    }
}
