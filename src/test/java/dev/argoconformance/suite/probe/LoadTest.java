package dev.argoconformance.suite.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.argoconformance.reference.client.PluginClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A load against a real plugin on loopback counts what it sent, what failed and how; its failures are
 * counted by kind: every connection's ephemeral port would make each error its own.
 */
class LoadTest {

    @Test
    void everyCallIsCountedAndEachFailureByItsKind() throws IOException {
        AtomicLong served = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        HttpServer plugin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plugin.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean fail = served.incrementAndGet() % 3 == 0; // every third call: a fatal 500, not retried
            byte[] body = (fail ? "boom" : "{}").getBytes(StandardCharsets.UTF_8);
            if (fail) {
                refused.incrementAndGet();
            }
            exchange.sendResponseHeaders(fail ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        plugin.start();
        try {
            PluginClient client = PluginClient.builder(
                            "hello",
                            URI.create("http://127.0.0.1:" + plugin.getAddress().getPort()),
                            "t")
                    .build();

            Load.Result result =
                    Load.run(client, () -> "{}".getBytes(StandardCharsets.UTF_8), 4, Duration.ofMillis(800));

            assertThat(result.calls()).isPositive().isEqualTo(served.get());
            assertThat(result.failed()).isEqualTo(refused.get()).isPositive();
            assertThat(result.failures()).hasSize(1);
            assertThat(result.failures().keySet().iterator().next()).contains("500 Internal Server Error: boom");
            assertThat(result.failures().values().iterator().next()).isEqualTo(result.failed());
            assertThat(result.latency().getTotalCount())
                    .as("latency of the answered calls")
                    .isEqualTo(result.calls() - result.failed());
            assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            assertThat(result.callsPerSecond()).isPositive();
        } finally {
            plugin.stop(0);
        }
    }

    @Test
    void errorsThatDifferOnlyInTheEphemeralPortAreOneKind() {
        String a = Load.kind(
                "Post \"http://localhost:32850/api/v1/template.execute\": read tcp 127.0.0.1:43624->127.0.0.1:32850: read: connection reset by peer");
        String b = Load.kind(
                "Post \"http://localhost:32850/api/v1/template.execute\": read tcp 127.0.0.1:40056->127.0.0.1:32850: read: connection reset by peer");

        assertThat(a).isEqualTo(b).contains("127.0.0.1:*->127.0.0.1:32850");
    }

    @Test
    void errorsOfOtherKindsStayApart() {
        assertThat(Load.kind("dial tcp 127.0.0.1:32850: connect: connection refused"))
                .isEqualTo("dial tcp 127.0.0.1:32850: connect: connection refused");
    }
}
