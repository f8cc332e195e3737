package dev.argoconformance.suite.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.client.Redaction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request Argo never sends, against a real plugin on loopback: it reaches the plugin exactly as
 * written, and the recorded exchange is evidence with the token masked everywhere.
 */
class HttpProbeTest {

    private static final String TOKEN = "probe-secret-0123456789";

    private record Arrived(String method, String path, Map<String, List<String>> headers, String body) {}

    private final BlockingQueue<Arrived> arrived = new LinkedBlockingQueue<>();
    private HttpServer plugin;
    private URI address;

    @BeforeEach
    void start() throws IOException {
        plugin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plugin.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            arrived.add(new Arrived(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            // A careless plugin: it echoes what it got, the token included.
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] reply = ("refused " + authorization).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("X-Seen", authorization);
            exchange.sendResponseHeaders(403, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        plugin.start();
        address = URI.create("http://127.0.0.1:" + plugin.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        plugin.stop(0);
    }

    @Test
    void theRequestArrivesAsWrittenAndTheExchangeIsRecordedWithTheTokenMasked() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + TOKEN + "x");
        byte[] body = ("{\"token\": \"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8);

        RecordedCall call = new HttpProbe(address, TOKEN).post("/api/v1/template.execute", headers, body);

        Arrived request = arrived.poll(5, TimeUnit.SECONDS);
        assertThat(request).as("the plugin got the request").isNotNull();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/template.execute");
        assertThat(request.headers().get("Content-type"))
                .as("no charset appended")
                .containsExactly("application/json");
        assertThat(request.headers().get("Authorization")).containsExactly("Bearer " + TOKEN + "x");
        assertThat(request.body()).isEqualTo("{\"token\": \"" + TOKEN + "\"}");

        assertThat(call.status()).isEqualTo(403);
        assertThat(call.reason()).isEqualTo("Forbidden");
        assertThat(call.requestLine()).isEqualTo("POST " + address + "/api/v1/template.execute");
        assertThat(call.requestHeaders())
                .contains(new RecordedCall.Header("Authorization", "Bearer " + Redaction.MASK + "x"));
        assertThat(call.requestBody()).isEqualTo("{\"token\": \"" + Redaction.MASK + "\"}");
        assertThat(call.responseBody()).isEqualTo("refused Bearer " + Redaction.MASK + "x");
        assertThat(call.responseHeaders())
                .filteredOn(h -> h.name().equalsIgnoreCase("X-Seen"))
                .extracting(RecordedCall.Header::value)
                .containsExactly("Bearer " + Redaction.MASK + "x");
        assertThat(call.toString() + call.curl()).doesNotContain(TOKEN);
    }

    @Test
    void aRequestWithoutBodyOrContentTypeIsSentSo() throws Exception {
        RecordedCall call = new HttpProbe(address, TOKEN).post("/api/v1/workflow.preOperate", Map.of(), null);

        Arrived request = arrived.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.path()).isEqualTo("/api/v1/workflow.preOperate");
        assertThat(request.headers()).doesNotContainKeys("Authorization");
        assertThat(request.body()).isEmpty();
        assertThat(call.status()).isEqualTo(403);
        assertThat(call.requestBody()).isEmpty();
    }

    @Test
    void aPortNobodyListensOnIsRecordedAsATransportErrorNotAStatus() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        RecordedCall call = new HttpProbe(URI.create("http://127.0.0.1:" + closed), TOKEN)
                .post("/api/v1/template.execute", Map.of("Authorization", "Bearer " + TOKEN), new byte[0]);

        assertThat(call.hasResponse()).isFalse();
        assertThat(call.status()).isZero();
        assertThat(call.error()).isNotBlank().doesNotContain(TOKEN);
        assertThat(call.requestHeaders())
                .containsExactly(new RecordedCall.Header("Authorization", "Bearer " + Redaction.MASK));
    }
}
