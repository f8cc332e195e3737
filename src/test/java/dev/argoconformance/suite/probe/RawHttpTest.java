package dev.argoconformance.suite.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.RecordedCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What a refused call's connection shows when read to its end, against real sockets: a handler that
 * answers 403 and carries on (two responses, or a 403 without a length followed by a 200), one that
 * stops, and one that keeps the connection open after a complete 403.
 */
class RawHttpTest {

    static final String FORBIDDEN = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
    static final String SECOND =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"node\": {}}\n";

    @Test
    void aSecondResponseAfterTheRefusalIsSeenAndShown() throws Exception {
        RawHttp.Exchange exchange = against(FORBIDDEN + SECOND, true);

        assertThat(exchange.call().status()).isEqualTo(403);
        assertThat(exchange.carriedOn()).isTrue();
        assertThat(exchange.whatFollowed()).contains("HTTP/1.1 200 OK").contains("{\"node\": {}}");
    }

    @Test
    void aRefusalWithoutLengthThatRunsIntoASecondResponseIsSeen() throws Exception {
        // Python's http.server refuses so under HTTP/1.0: no Content-Length, the body ends with the connection.
        RawHttp.Exchange exchange = against("HTTP/1.0 403 Forbidden\r\n\r\n" + SECOND, true);

        assertThat(exchange.call().status()).isEqualTo(403);
        assertThat(exchange.carriedOn()).isTrue();
    }

    @Test
    void aRefusalAndNothingElseIsClean() throws Exception {
        RawHttp.Exchange exchange = against(FORBIDDEN, true);

        assertThat(exchange.call().status()).isEqualTo(403);
        assertThat(exchange.carriedOn()).isFalse();
        assertThat(exchange.call().error()).isNull();
    }

    @Test
    void aConnectionKeptOpenAfterACompleteRefusalIsCleanAndQuick() throws Exception {
        long start = System.nanoTime();
        RawHttp.Exchange exchange = against(FORBIDDEN, false);

        assertThat(exchange.carriedOn()).isFalse();
        assertThat(exchange.call().hasResponse()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(RawHttp.AFTER_RESPONSE_WINDOW.plusSeconds(3));
    }

    /** One connection answered with {@code reply}, then closed or held open for 10 s. */
    private static RawHttp.Exchange against(String reply, boolean close) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket socket = server.accept()) {
                    readRequestHead(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (!close) {
                        Thread.sleep(10_000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client went away: nothing to serve
                }
            });
            RawHttp http = new RawHttp(
                    URI.create("http://127.0.0.1:" + server.getLocalPort()), "secret", Duration.ofSeconds(10));
            RawHttp.Exchange exchange = http.send(
                    "POST",
                    "/api/v1/template.execute",
                    List.of(new RecordedCall.Header("Authorization", "Bearer wrong")),
                    "{}".getBytes(StandardCharsets.UTF_8),
                    false);
            served.cancel(true);
            return exchange;
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        while (matched < end.length) {
            int c = in.read();
            if (c == -1) {
                return;
            }
            matched = c == end[matched] ? matched + 1 : c == end[0] ? 1 : 0;
        }
        in.readNBytes(2); // the body, "{}"
    }
}
