package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import dev.argoconformance.reference.testing.RawPlugin;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the plugin receives (argo-behaviour.md §CD1.1, §CD2; vectors R1–R4): method, URL, headers and body byte for
 * byte, the token rules, and redirects as Go follows them. Every exchange is recorded with the token masked.
 */
class GetParamsRequestTest {

    private static final String EMPTY = "{\"output\":{\"parameters\":[]}}";

    private final FakeGeneratorPlugin plugin = new FakeGeneratorPlugin();

    @AfterEach
    void stop() {
        plugin.close();
    }

    @Test
    void sendsTheNameAndAnEmptyInputWhenThereAreNoParameters() {
        plugin.reply(200, EMPTY);

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        RecordedRequest request = plugin.take();
        assertThat(request.getRequestLine()).isEqualTo("POST /api/v1/getparams.execute HTTP/1.1");
        assertThat(request.getBody().string(StandardCharsets.UTF_8))
                .as("R1: body, trailing newline included")
                .isEqualTo("{\"applicationSetName\":\"myplugin\",\"input\":{}}\n");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeGeneratorPlugin.TOKEN);
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("argocd-applicationset");
        assertThat(request.getHeaders().get("Content-Length")).isEqualTo("45");
        assertThat(request.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
        assertThat(request.getHeaders().names())
                .as("only what Go's client sends")
                .containsExactlyInAnyOrder(
                        "Content-Type", "Authorization", "User-Agent", "Content-Length", "Host", "Accept-Encoding");
        assertThat(result.error()).isEmpty();
    }

    @Test
    void passesParametersThroughAsJsonWithKeysSorted() {
        plugin.reply(200, EMPTY);
        String parameters = """
                input:
                  parameters:
                    map: {key2: value2, key1: value1}
                    list: [list, of, values]
                    boolean: true
                    key1: value1
                    n: 1.5
                    int: 3
                    html: "<b>&"
                    none: null
                """;

        plugin.reconcile(FakeGeneratorPlugin.appSet(false, parameters, "app"));

        assertThat(plugin.take().getBody().string(StandardCharsets.UTF_8))
                .as("R2: raw JSON values, sorted keys, <>& as the API server serves them")
                .isEqualTo("{\"applicationSetName\":\"myplugin\",\"input\":{\"parameters\":{\"boolean\":true,"
                        + "\"html\":\"\\u003cb\\u003e\\u0026\",\"int\":3,\"key1\":\"value1\",\"list\":[\"list\",\"of\",\"values\"],"
                        + "\"map\":{\"key1\":\"value1\",\"key2\":\"value2\"},\"n\":1.5,\"none\":null}}}\n");
    }

    @Test
    void omitsParametersWhenTheMapIsEmpty() {
        plugin.reply(200, EMPTY);

        plugin.reconcile(FakeGeneratorPlugin.appSet(false, "input: {parameters: {}}", "app"));

        assertThat(plugin.take().getBody().string(StandardCharsets.UTF_8))
                .isEqualTo("{\"applicationSetName\":\"myplugin\",\"input\":{}}\n");
    }

    @ParameterizedTest(name = "baseUrl suffix \"{0}\"")
    @ValueSource(strings = {"", "/", "/prefix", "/prefix/", "/a/b"})
    void joinsBaseUrlAndPathWithExactlyOneSlashKeepingAnyPrefix(String suffix) {
        plugin.configMapWith("baseUrl", plugin.baseUrl() + suffix).reply(200, EMPTY);

        plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        String prefix = suffix.endsWith("/") ? suffix.substring(0, suffix.length() - 1) : suffix;
        assertThat(plugin.take().getTarget()).as("R3").isEqualTo(prefix + "/api/v1/getparams.execute");
    }

    @Test
    void sendsNoAuthorizationWhenTheSecretValueIsBlank() {
        plugin.config.withSecret(FakeGeneratorPlugin.NAMESPACE, "argocd-secret", Map.of("plugin.token", " \n"));
        plugin.reply(200, EMPTY);

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(plugin.take().getHeaders().get("Authorization"))
                .as("R4: no header at all")
                .isNull();
        assertThat(result.notes()).extracting(CompatibilityNote::id).contains("GEN-TOKEN-EMPTY");
        assertThat(result.calls())
                .singleElement()
                .satisfies(call -> assertThat(call.requestHeaders())
                        .extracting(RecordedCall.Header::name)
                        .doesNotContain("Authorization"));
    }

    @Test
    void sendsTheLiteralReferenceWhenTheSecretLacksTheKeyAndSaysSo() {
        plugin.config.withSecret(FakeGeneratorPlugin.NAMESPACE, "argocd-secret", Map.of("other", "x"));
        plugin.reply(200, EMPTY);

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(plugin.take().getHeaders().get("Authorization")).as("R4").isEqualTo("Bearer $plugin.token");
        assertThat(result.error()).as("Argo reports nothing").isEmpty();
        assertThat(result.notes())
                .filteredOn(n -> n.id().equals("GEN-TOKEN-LITERAL"))
                .singleElement()
                .satisfies(note -> {
                    assertThat(note.summary()).contains("argocd/argocd-secret", "plugin.token", "$plugin.token");
                    assertThat(note.source()).contains("settings.go ReplaceStringSecret");
                });
    }

    @Test
    void readsANamedSecretTrimsItsValueAndDropsWhatFollowsASecondColon() {
        plugin.config.withSecret(
                FakeGeneratorPlugin.NAMESPACE, "plugin-secret", Map.of("tok", FakeGeneratorPlugin.TOKEN + "\n"));
        plugin.configMapWith("token", "$plugin-secret:tok:ignored").reply(200, EMPTY);

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(plugin.take().getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeGeneratorPlugin.TOKEN);
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void sendsOnlyTheKeyPartAsTheLiteralWhenANamedSecretLacksIt() {
        plugin.config.withSecret(FakeGeneratorPlugin.NAMESPACE, "plugin-secret", Map.of());
        plugin.configMapWith("token", "$plugin-secret:tok").reply(200, EMPTY);

        plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(plugin.take().getHeaders().get("Authorization"))
                .as("ParseSecretKey keeps \"$\" + key, not the secret name")
                .isEqualTo("Bearer $tok");
    }

    @Test
    void refusesATokenWithAControlCharacterAsGosTransportDoes() {
        plugin.config.withSecret(FakeGeneratorPlugin.NAMESPACE, "argocd-secret", Map.of("plugin.token", "tok\nen\n"));

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error())
                .hasValue("error listing params: error get api 'myplugin': Post \"" + plugin.url()
                        + "\": net/http: invalid header field value for \"Authorization\"");
        assertThat(plugin.server.requestCount()).isZero();
    }

    @Test
    void recordsEveryExchangeWithTheTokenMasked() {
        plugin.reply(new MockResponse.Builder()
                .code(200)
                .addHeader("X-Echo", FakeGeneratorPlugin.TOKEN)
                .body("{\"output\":{\"parameters\":[{\"echo\":\"" + FakeGeneratorPlugin.TOKEN + "\"}]}}")
                .build());

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.calls()).singleElement().satisfies(call -> {
            assertThat(call.plugin()).isEqualTo(FakeGeneratorPlugin.PLUGIN);
            assertThat(call.requestLine()).isEqualTo("POST " + plugin.url());
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.requestBody()).isEqualTo("{\"applicationSetName\":\"myplugin\",\"input\":{}}\n");
            assertThat(call.responseBody()).contains("\"echo\":\"*****\"");
            assertThat(call.responseHeaders()).contains(new RecordedCall.Header("X-Echo", "*****"));
            assertThat(call.requestHeaders())
                    .contains(
                            new RecordedCall.Header("Authorization", "Bearer *****"),
                            new RecordedCall.Header("User-Agent", "argocd-applicationset"));
        });
    }

    @Test
    void reportsABaseUrlWithoutSchemeWhenItIsSentAsGoDoes() {
        plugin.configMapWith("baseUrl", "myplugin:4355");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error())
                .hasValue("error listing params: error get api 'myplugin': Post"
                        + " \"myplugin:4355/api/v1/getparams.execute\": unsupported protocol scheme \"myplugin\"");
        assertThat(plugin.server.requestCount()).isZero();
    }

    @Test
    void reportsAnAddressWithoutSchemeAsGosUrlParseError() {
        plugin.configMapWith("baseUrl", "127.0.0.1:4355");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error())
                .hasValue(
                        "error listing params: NewRequest returned unexpected error: parse"
                                + " \"127.0.0.1:4355/api/v1/getparams.execute\": first path segment in URL cannot contain colon");
    }

    @Test
    void reportsARefusedConnectionWithGosWording() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        plugin.configMapWith("baseUrl", "http://127.0.0.1:" + closedPort);

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error())
                .hasValue("error listing params: error get api 'myplugin': Post \"http://127.0.0.1:" + closedPort
                        + "/api/v1/getparams.execute\": dial tcp 127.0.0.1:" + closedPort
                        + ": connect: connection refused");
        assertThat(result.calls())
                .singleElement()
                .satisfies(call -> assertThat(call.hasResponse()).isFalse());
    }

    @Test
    void followsA307ByPostingTheSameBodyAgain() {
        plugin.reply(new MockResponse.Builder()
                        .code(307)
                        .addHeader("Location", "/moved/getparams")
                        .build())
                .reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        plugin.take();
        RecordedRequest second = plugin.take();
        assertThat(second.getRequestLine()).isEqualTo("POST /moved/getparams HTTP/1.1");
        assertThat(second.getBody().string(StandardCharsets.UTF_8))
                .isEqualTo("{\"applicationSetName\":\"myplugin\",\"input\":{}}\n");
        assertThat(second.getHeaders().get("Authorization"))
                .as("same host and port")
                .isEqualTo("Bearer " + FakeGeneratorPlugin.TOKEN);
        assertThat(second.getHeaders().get("Referer")).isEqualTo(plugin.url());
        assertThat(result.parameterSets()).hasSize(1);
        assertThat(result.calls()).extracting(RecordedCall::status).containsExactly(307, 200);
    }

    @Test
    void followsA302WithABodylessGet() {
        plugin.reply(new MockResponse.Builder()
                        .code(302)
                        .addHeader("Location", "/elsewhere")
                        .build())
                .reply(200, EMPTY);

        plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        plugin.take();
        RecordedRequest second = plugin.take();
        assertThat(second.getRequestLine()).isEqualTo("GET /elsewhere HTTP/1.1");
        assertThat(second.getBodySize()).isZero();
    }

    @Test
    void stopsAfterTenRedirects() {
        for (int i = 0; i < 10; i++) {
            plugin.reply(new MockResponse.Builder()
                    .code(308)
                    .addHeader("Location", "/hop" + i)
                    .build());
        }

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error())
                .hasValue("error listing params: error get api 'myplugin': Post \"/hop9\": stopped after 10 redirects");
        assertThat(plugin.server.requestCount()).isEqualTo(10);
        assertThat(result.calls()).hasSize(10);
    }

    @Test
    void keepsTheAuthorizationOnAnotherPortOfTheSameHost() {
        try (FakeGeneratorPlugin other = new FakeGeneratorPlugin()) {
            other.reply(200, EMPTY);
            plugin.reply(new MockResponse.Builder()
                    .code(307)
                    .addHeader("Location", other.url())
                    .build());

            plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

            assertThat(other.take().getHeaders().get("Authorization"))
                    .as("Go's shouldCopyHeaderOnRedirect compares host names, not ports (decision 0009)")
                    .isEqualTo("Bearer " + FakeGeneratorPlugin.TOKEN);
        }
    }

    @Test
    void dropsTheAuthorizationForGoodOnceARedirectLeavesTheFirstHostName() {
        String otherName = "http://localhost:" + plugin.server.port(); // the same server under another host name
        plugin.reply(new MockResponse.Builder()
                        .code(307)
                        .addHeader("Location", otherName + "/b")
                        .build())
                .reply(new MockResponse.Builder()
                        .code(307)
                        .addHeader("Location", "/c")
                        .build())
                .reply(200, EMPTY);

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(plugin.take().getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeGeneratorPlugin.TOKEN);
        assertThat(plugin.take().getHeaders().get("Authorization"))
                .as("localhost is another host name than 127.0.0.1")
                .isNull();
        assertThat(plugin.take().getHeaders().get("Authorization"))
                .as("compared with the first request's host, and dropped for good (decision 0009)")
                .isNull();
        assertThat(result.error()).isEmpty();
    }

    @Test
    void aSyntaxErrorEndsTheReadAtOnceAsGosDecoderDoes() throws Exception {
        try (RawPlugin raw = new RawPlugin()) {
            // The value is broken at its eleventh byte and the body never ends: Go's decoder reports the syntax error
            // there; counting braces would wait for the timeout.
            raw.then(RawPlugin.respondAndHang("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"output\":x"));
            plugin.configMap(
                    FakeGeneratorPlugin.PLUGIN,
                    Map.of("baseUrl", raw.uri().toString(), "token", "$plugin.token", "requestTimeout", "3"));
            long start = System.nanoTime();

            Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

            assertThat(result.error())
                    .hasValue("error listing params: error get api 'myplugin': "
                            + "invalid character 'x' looking for beginning of value: {\"output\":x");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("no wait for the timeout")
                    .isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aTopLevelStringNeedsOneMoreByteAsInGo() throws Exception {
        try (RawPlugin raw = new RawPlugin()) {
            // Go's decoder cannot know the string is over until the next byte or the end arrives, so it waits.
            raw.then(RawPlugin.respondAndHang("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n\"abc\""));
            plugin.configMap(
                    FakeGeneratorPlugin.PLUGIN,
                    Map.of("baseUrl", raw.uri().toString(), "token", "$plugin.token", "requestTimeout", "1"));

            Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

            assertThat(result.error())
                    .hasValue("error listing params: error get api 'myplugin': context deadline exceeded "
                            + "(Client.Timeout or context cancellation while reading body): \"abc\"");
        }
    }
}
