package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.testing.PluginServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one client timeout over the whole exchange (argo-behaviour.md §CD3, vector R7): 30 s unless the ConfigMap's
 * {@code requestTimeout} says otherwise. Real stalls use a one-second timeout; no test waits for the 30 s default.
 */
class RequestTimeoutTest {

    private static final String ONE_SET = "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}";

    private final FakeGeneratorPlugin plugin = new FakeGeneratorPlugin();

    @AfterEach
    void stop() {
        plugin.close();
    }

    @ParameterizedTest(name = "requestTimeout \"{0}\" is {1}")
    @CsvSource({
        "0, PT30S",
        "5, PT5S",
        "+60, PT1M",
        "-1, PT-1S",
    })
    void takesTheTimeoutFromTheConfigMapInSeconds(String value, Duration expected) throws Exception {
        assertThat(PluginGenerator.requestTimeout(Map.of("requestTimeout", value)))
                .isEqualTo(expected);
    }

    @Test
    void defaultsToThirtySecondsWhenUnset() throws Exception {
        assertThat(PluginGenerator.requestTimeout(Map.of())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void wrapsHugeValuesAroundAsGosDurationDoes() throws Exception {
        long seconds = 10_000_000_000L; // 1e19 ns overflows int64
        assertThat(PluginGenerator.requestTimeout(Map.of("requestTimeout", String.valueOf(seconds))))
                .isEqualTo(Duration.ofNanos(seconds * 1_000_000_000L))
                .isNegative();
    }

    @Test
    void failsAStalledPluginAfterTheConfiguredTimeout() {
        plugin.configMapWith("requestTimeout", "1")
                .reply(new MockResponse.Builder()
                        .onResponseStart(SocketEffect.Stall.INSTANCE)
                        .build());

        long start = System.nanoTime();
        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.error())
                .hasValue("error listing params: error get api 'myplugin': Post \"" + plugin.url()
                        + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        assertThat(took)
                .as("waited for the timeout, not much longer")
                .isBetween(Duration.ofMillis(900), PluginServer.WAIT);
        assertThat(result.calls())
                .singleElement()
                .satisfies(call -> assertThat(call.hasResponse()).isFalse());
    }

    @Test
    void countsTheBodyInTheTimeout() {
        plugin.configMapWith("requestTimeout", "1")
                .reply(new MockResponse.Builder()
                        .code(200)
                        .body(ONE_SET)
                        .bodyDelay(2500, TimeUnit.MILLISECONDS)
                        .build());

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error())
                .as("the headers came in time, the body did not; Argo appends what it had read: nothing")
                .hasValue(
                        "error listing params: error get api 'myplugin': context deadline exceeded (Client.Timeout or context"
                                + " cancellation while reading body): ");
        assertThat(result.calls())
                .singleElement()
                .satisfies(call -> assertThat(call.status()).isEqualTo(200));
    }

    @Test
    @Timeout(10) // the client has no timeout here; the test itself keeps one
    void waitsLongerThanASecondWhenTheTimeoutIsNegative() {
        plugin.configMapWith("requestTimeout", "-1")
                .reply(new MockResponse.Builder()
                        .code(200)
                        .body(ONE_SET)
                        .headersDelay(1200, TimeUnit.MILLISECONDS)
                        .build());

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error()).as("no client timeout at all").isEmpty();
        assertThat(result.parameterSets()).hasSize(1);
    }

    @Test
    void waitsForASlowPluginWithinTheTimeout() {
        plugin.configMapWith("requestTimeout", "3")
                .reply(new MockResponse.Builder()
                        .code(200)
                        .body(ONE_SET)
                        .headersDelay(1200, TimeUnit.MILLISECONDS)
                        .build());

        assertThat(plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"))
                        .parameterSets())
                .hasSize(1);
    }

    @Test
    void neverRetriesAFailedCall() {
        plugin.reply(503, "busy").reply(200, ONE_SET);

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error())
                .hasValue("error listing params: error get api 'myplugin': API error with status code 503: busy");
        assertThat(plugin.server.requestCount()).isEqualTo(1);
        assertThat(result.requeueAfter()).as("the requeue is Argo's only retry").isEqualTo(Duration.ofMinutes(3));
    }
}
