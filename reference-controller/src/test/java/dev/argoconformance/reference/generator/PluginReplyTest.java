package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the reply table (argo-behaviour.md §CD1.3, vector R5) and the non-2xx message rules (argo-behaviour.md
 * §CD1.2 step 3, vector R6), each served by a real plugin on 127.0.0.1 and read through the whole reconcile.
 */
class PluginReplyTest {

    private static final String PREFIX = "error listing params: error get api 'myplugin': ";

    private final FakeGeneratorPlugin plugin = new FakeGeneratorPlugin();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private Reconciliation reconcile() {
        return plugin.reconcile(FakeGeneratorPlugin.appSet(true, "", "app-{{ .a }}"));
    }

    static Stream<Arguments> successes() {
        return Stream.of(
                Arguments.of(
                        "{\"output\":{\"parameters\":[{\"a\":\"1\"},{\"a\":\"2\"}]}}",
                        200,
                        ReplyShape.PARAMETER_SETS,
                        List.of("app-1", "app-2"),
                        ""),
                Arguments.of(
                        "{\"OUTPUT\":{\"Parameters\":[{\"a\":\"1\"}]}}",
                        200,
                        ReplyShape.PARAMETER_SETS,
                        List.of("app-1"),
                        ""),
                Arguments.of(
                        "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}} and garbage",
                        200,
                        ReplyShape.PARAMETER_SETS,
                        List.of("app-1"),
                        ""),
                Arguments.of(
                        "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}",
                        201,
                        ReplyShape.PARAMETER_SETS,
                        List.of("app-1"),
                        ""),
                Arguments.of(
                        "{\"output\":{\"parameters\":[null]}}",
                        200,
                        ReplyShape.PARAMETER_SETS,
                        List.of("app-<no value>"),
                        ""),
                Arguments.of(
                        "{\"output\":{\"parameters\":[{}]}}",
                        200,
                        ReplyShape.PARAMETER_SETS,
                        List.of("app-<no value>"),
                        ""),
                Arguments.of("{\"output\":{\"parameters\":[]}}", 200, ReplyShape.EMPTY_LIST, List.of(), ""),
                Arguments.of("{}", 200, ReplyShape.SILENT_EMPTY, List.of(), "the reply has no \"output\" key"),
                Arguments.of(
                        "{\"output\":{}}",
                        200,
                        ReplyShape.SILENT_EMPTY,
                        List.of(),
                        "\"output\" has no \"parameters\" key"),
                Arguments.of("{\"output\":null}", 200, ReplyShape.SILENT_EMPTY, List.of(), "\"output\" is null"),
                Arguments.of(
                        "{\"output\":{\"parameters\":null}}",
                        200,
                        ReplyShape.SILENT_EMPTY,
                        List.of(),
                        "\"output.parameters\" is null"),
                Arguments.of("null", 200, ReplyShape.SILENT_EMPTY, List.of(), "the body is JSON null"),
                Arguments.of("", 200, ReplyShape.SILENT_EMPTY, List.of(), "the body is empty"),
                Arguments.of(" \n\t", 200, ReplyShape.SILENT_EMPTY, List.of(), "the body is empty"),
                Arguments.of("", 204, ReplyShape.SILENT_EMPTY, List.of(), "the body is empty"),
                Arguments.of(
                        "{\"parameters\":[{\"a\":\"1\"}]}",
                        200,
                        ReplyShape.SILENT_EMPTY,
                        List.of(),
                        "\"parameters\" sits at the top level, outside \"output\""));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("successes")
    void readsEverySuccessfulShapeAsArgoDoes(
            String body, int status, ReplyShape shape, List<String> applications, String detail) {
        plugin.reply(status, body);

        Reconciliation result = reconcile();

        assertThat(result.error()).isEmpty();
        assertThat(result.applications()).extracting(RenderedApplication::name).containsExactlyElementsOf(applications);
        assertThat(result.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.shape()).isEqualTo(shape);
            assertThat(reply.detail()).isEqualTo(detail);
            assertThat(reply.parameterSets()).isEqualTo(applications.size());
        });
        assertThat(result.hadSilentEmptyReply()).isEqualTo(shape == ReplyShape.SILENT_EMPTY);
        assertThat(result.notes().stream().anyMatch(n -> n.id().equals("GEN-SILENT-EMPTY")))
                .as("flagged only when silent")
                .isEqualTo(shape == ReplyShape.SILENT_EMPTY);
    }

    static Stream<Arguments> decodeErrors() {
        return Stream.of(
                Arguments.of("wrong body ...", "invalid character 'w' looking for beginning of value: wrong body ..."),
                Arguments.of("{\"output\":", "unexpected EOF: {\"output\":"),
                Arguments.of(
                        "[{\"a\":\"1\"}]",
                        "json: cannot unmarshal array into Go value of type plugin.ServiceResponse: [{\"a\":\"1\"}]"),
                Arguments.of(
                        "\"text\"",
                        "json: cannot unmarshal string into Go value of type plugin.ServiceResponse: \"text\""),
                Arguments.of(
                        "{\"output\":\"x\"}",
                        "json: cannot unmarshal string into Go struct field ServiceResponse.output of type plugin.Output: {\"output\":\"x\"}"),
                Arguments.of(
                        "{\"output\":{\"parameters\":{\"a\":\"1\"}}}",
                        "json: cannot unmarshal object into Go struct field"
                                + " Output.output.parameters of type []map[string]interface {}: {\"output\":{\"parameters\":{\"a\":\"1\"}}}"),
                Arguments.of(
                        "{\"output\":{\"parameters\":\"x\"}}",
                        "json: cannot unmarshal string into Go struct field"
                                + " Output.output.parameters of type []map[string]interface {}: {\"output\":{\"parameters\":\"x\"}}"),
                Arguments.of(
                        "{\"output\":{\"parameters\":[\"x\"]}}",
                        "json: cannot unmarshal string into Go struct field"
                                + " Output.output.parameters of type map[string]interface {}: {\"output\":{\"parameters\":[\"x\"]}}"),
                Arguments.of(
                        "{\"output\":{\"parameters\":[{\"a\":\"1\"},1]}}",
                        "json: cannot unmarshal number into Go struct field"
                                + " Output.output.parameters of type map[string]interface {}: {\"output\":{\"parameters\":[{\"a\":\"1\"},1]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodeErrors")
    void failsOnWhatGoCannotDecodeQuotingTheWholeBody(String body, String cause) {
        plugin.reply(200, body);

        Reconciliation result = reconcile();

        assertThat(result.error()).hasValue(PREFIX + cause);
        assertThat(result.errorReason()).hasValue(Reconciliation.REASON_GENERATION);
        assertThat(result.replies())
                .singleElement()
                .satisfies(reply -> assertThat(reply.shape()).isEqualTo(ReplyShape.ERROR));
    }

    static Stream<Arguments> statusErrors() {
        return Stream.of(
                Arguments.of(500, "{\"message\":\"m\",\"error\":\"e\"}", "API error with status code 500: m"),
                Arguments.of(
                        400,
                        "{\"error\":\"invalid_request\",\"error_description\":\"x\"}",
                        "API error with status code 400: invalid_request"),
                Arguments.of(403, "{\"message\":1,\"error\":\"e\"}", "API error with status code 403: e"),
                Arguments.of(500, "{\"message\":null,\"detail\":\"d\"}", "API error with status code 500: "),
                Arguments.of(
                        502,
                        "Bad Gateway: upstream down",
                        "API error with status code 502: Bad Gateway: upstream down"),
                Arguments.of(401, "", "API error with status code 401: "),
                Arguments.of(404, "null", "API error with status code 404: "),
                Arguments.of(500, "[\"message\"]", "API error with status code 500: [\"message\"]"),
                Arguments.of(
                        500,
                        "{\"message\":\"m\"} trailing",
                        "API error with status code 500: {\"message\":\"m\"} trailing"),
                Arguments.of(304, "", "API error with status code 304: "),
                Arguments.of(302, "no location", "API error with status code 302: no location"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("statusErrors")
    void failsOnEveryStatusOutside2xxWithTheMessageArgoExtracts(int status, String body, String cause) {
        plugin.reply(status, body);

        Reconciliation result = reconcile();

        assertThat(result.error()).hasValue(PREFIX + cause);
        assertThat(plugin.server.requestCount()).as("no retry").isEqualTo(1);
    }

    @Test
    void decodesRepeatedKeysIntoTheSameFieldsAsGosReflectionDoes() {
        plugin.reply(
                200,
                "{\"output\":{\"parameters\":[{\"a\":\"1\"},{\"a\":\"2\"}]},"
                        + "\"Output\":{\"PARAMETERS\":[{\"b\":\"x\"}]},\"output\":null}");

        Reconciliation result = reconcile();

        assertThat(result.parameterSets())
                .as("the second array decodes into the first array's maps; null leaves the struct")
                .singleElement()
                .satisfies(set -> assertThat(set).containsEntry("a", "1").containsEntry("b", "x"));
    }

    @Test
    void readsAGzippedReplyTransparently() {
        okio.Buffer gzipped = new okio.Buffer();
        try (okio.BufferedSink sink = okio.Okio.buffer(new okio.GzipSink(gzipped))) {
            sink.writeUtf8("{\"output\":{\"parameters\":[{\"a\":\"z\"}]}}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        plugin.reply(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Encoding", "gzip")
                .body(gzipped)
                .build());

        assertThat(reconcile().applications())
                .extracting(RenderedApplication::name)
                .containsExactly("app-z");
    }

    @Test
    void stopsReadingOnceTheFirstValueIsCompleteAsGosDecoderDoes() {
        plugin.reply(new MockResponse.Builder()
                .code(200)
                .body("{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}")
                .onResponseEnd(mockwebserver3.SocketEffect.Stall.INSTANCE)
                .setHeader("Content-Length", "1000")
                .build());
        plugin.configMapWith("requestTimeout", "3");

        long start = System.nanoTime();
        Reconciliation result = reconcile();

        assertThat(result.error()).isEmpty();
        assertThat(result.parameterSets()).hasSize(1);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .as("no wait for the promised rest")
                .isLessThan(java.time.Duration.ofSeconds(2));
    }
}
