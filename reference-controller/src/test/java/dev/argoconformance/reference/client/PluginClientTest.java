package dev.argoconformance.reference.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.argoconformance.reference.protocol.ExecuteTemplateReply;
import dev.argoconformance.reference.testing.FakeClock;
import dev.argoconformance.reference.testing.RawPlugin;
import dev.argoconformance.reference.testing.RecordingSleeper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP client against a real plugin on loopback (argo-behaviour.md §W1.1–§W1.2, §W2.1–§W2.4): script the
 * responses, call, then assert on the recorded requests. Backoff sleeps go to a recording sleeper
 * that moves a fake clock, so no test waits for them.
 */
class PluginClientTest {

    private static final String METHOD = "template.execute";
    private static final String TOKEN = "tok-3f9a7c1e2b5d";
    private static final byte[] BODY =
            ("{\"workflow\":{\"metadata\":{\"name\":\"wf\",\"namespace\":\"argo\",\"uid\":\"u1\"}},"
                            + "\"template\":{\"name\":\"main\",\"inputs\":{},\"outputs\":{},\"metadata\":{},\"plugin\":{\"hello\":{}}}}")
                    .getBytes(StandardCharsets.UTF_8);
    private static final ReplyDecoder<ExecuteTemplateReply> DECODER =
            body -> ExecuteTemplateReply.decode(body, ExecuteTemplateReply.EMPTY);
    private static final String SUCCEEDED = "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"done\"}}";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MockWebServer server = new MockWebServer();
    private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPlugin() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopPlugin() {
        server.close();
    }

    private URI address() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    private String url(int port) {
        return "http://127.0.0.1:" + port + "/api/v1/template.execute";
    }

    private PluginClient.Builder builder(URI address) {
        return PluginClient.builder("hello", address, TOKEN)
                .timeout(WAIT)
                .sleeper(sleeper)
                .clock(clock)
                .random(new SplittableRandom(7))
                .listener(calls::add);
    }

    private PluginClient client() {
        return builder(address()).build();
    }

    private static MockResponse reply(String statusLine, String body) {
        return new MockResponse.Builder().status(statusLine).body(body).build();
    }

    private static MockResponse ok(String body) {
        return reply("HTTP/1.1 200 OK", body);
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(request).as("a request reached the plugin within %s", WAIT).isNotNull();
        return request;
    }

    private static PluginCallException failure(PluginClient client) {
        return catchThrowableOfType(PluginCallException.class, () -> client.call(METHOD, BODY, DECODER));
    }

    // ---- constants ----------------------------------------------------------------------------

    @Test
    void usesArgosTimeoutAndBackoff() {
        assertThat(PluginClient.EXECUTOR_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.EXECUTOR).isEqualTo(new Backoff(Duration.ofSeconds(1), 2.0, 0.2, 5));
    }

    // ---- the request --------------------------------------------------------------------------

    @Test
    void postsWhatArgoPosts() throws Exception {
        server.enqueue(ok(SUCCEEDED));

        client().call(METHOD, BODY, DECODER);

        RecordedRequest request = take();
        assertThat(request.getRequestLine()).isEqualTo("POST /api/v1/template.execute HTTP/1.1");
        assertThat(request.getHeaders().values("Content-Type"))
                .as("exactly, with no charset")
                .containsExactly("application/json");
        assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("Go-http-client/1.1");
        assertThat(request.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
        assertThat(request.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(BODY.length));
        assertThat(request.getBody().toByteArray()).isEqualTo(BODY);
    }

    @Test
    void sendsBearerEvenWithAnEmptyToken() throws Exception {
        server.enqueue(ok("{}"));

        PluginClient.builder("hello", address(), "")
                .timeout(WAIT)
                .sleeper(sleeper)
                .build()
                .call(METHOD, BODY, DECODER);

        // Go adds "Bearer " and trims header values on the wire, as OkHttp does.
        assertThat(take().getHeaders().values("Authorization")).containsExactly("Bearer");
    }

    @Test
    void buildsTheUrlFromAnAddressWithATrailingSlash() throws Exception {
        server.enqueue(ok("{}"));

        builder(URI.create(address() + "/")).build().call(METHOD, BODY, DECODER);

        assertThat(take().getTarget()).isEqualTo("/api/v1/template.execute");
    }

    // ---- status codes -------------------------------------------------------------------------

    @Test
    void decodesA200() throws Exception {
        server.enqueue(ok(SUCCEEDED));

        Optional<ExecuteTemplateReply> reply = client().call(METHOD, BODY, DECODER);

        assertThat(reply).hasValueSatisfying(r -> {
            assertThat(r.node().phase()).isEqualTo("Succeeded");
            assertThat(r.node().message()).isEqualTo("done");
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void ignoresTheResponseContentType() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html")
                .body(SUCCEEDED)
                .build());

        assertThat(client().call(METHOD, BODY, DECODER)).isPresent();
    }

    @Test
    void a404IsRememberedAndTheMethodNeverCalledAgain() throws Exception {
        server.enqueue(reply("HTTP/1.1 404 Not Found", "404 page not found"));
        PluginClient client = client();

        assertThat(client.call(METHOD, BODY, DECODER))
                .as("a 404 returns nothing, successfully")
                .isEmpty();
        assertThat(client.isUnsupported(METHOD)).isTrue();
        assertThat(client.call(METHOD, BODY, DECODER)).isEmpty();
        assertThat(client.call(METHOD, BODY, DECODER)).isEmpty();

        assertThat(server.getRequestCount())
                .as("only the first call reached the plugin")
                .isEqualTo(1);
        assertThat(calls).as("skipped calls are not attempts").hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void the404MemoryIsPerMethodAndPerClient() throws Exception {
        server.enqueue(reply("HTTP/1.1 404 Not Found", ""));
        server.enqueue(ok("{}"));
        server.enqueue(ok("{}"));
        PluginClient first = client();

        first.call(METHOD, BODY, DECODER);
        first.call("other.method", BODY, DECODER);
        client().call(METHOD, BODY, DECODER);

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(take().getTarget()).isEqualTo("/api/v1/template.execute");
        assertThat(take().getTarget()).isEqualTo("/api/v1/other.method");
        assertThat(take().getTarget())
                .as("a new client (a new agent) calls again")
                .isEqualTo("/api/v1/template.execute");
    }

    @Test
    void retriesA503FiveTimesWithArgosBackoffThenFails() throws Exception {
        for (int i = 1; i <= 5; i++) {
            server.enqueue(reply("HTTP/1.1 503 Service Unavailable", "busy " + i));
        }

        PluginCallException e = failure(client());

        assertThat(server.getRequestCount()).as("at most 5 attempts").isEqualTo(5);
        assertThat(e).as("the last transient error").hasMessage("busy 5");
        assertThat(e.isTransient()).as("once the attempts run out it is fatal").isFalse();
        List<Duration> sleeps = sleeper.sleeps();
        assertThat(sleeps).as("no sleep after the last attempt").hasSize(4);
        long[] bases = {1, 2, 4, 8};
        for (int i = 0; i < bases.length; i++) {
            Duration base = Duration.ofSeconds(bases[i]);
            assertThat(sleeps.get(i))
                    .as("sleep %d is %ss plus 0-20%% jitter", i + 1, bases[i])
                    .isGreaterThanOrEqualTo(base)
                    .isLessThan(base.plus(base.dividedBy(5)));
        }
        assertThat(calls).extracting(RecordedCall::attempt).containsExactly(1, 2, 3, 4, 5);
        assertThat(calls).extracting(RecordedCall::status).containsOnly(503);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(Duration.between(
                            calls.get(i - 1).startedAt(), calls.get(i).startedAt()))
                    .as("the gap before attempt %d is the backoff", i + 1)
                    .isEqualTo(sleeps.get(i - 1));
        }
    }

    @Test
    void jittersEachSleepAsBaseTimesOnePlusUTimesPointTwo() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.enqueue(reply("HTTP/1.1 503 Service Unavailable", ""));
        }
        Deque<Double> draws = new ArrayDeque<>(List.of(0.0, 0.5, 0.25, 0.75));
        RandomGenerator fixed = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("only nextDouble() is expected");
            }

            @Override
            public double nextDouble() {
                return draws.removeFirst();
            }
        };

        PluginCallException e = failure(builder(address()).random(fixed).build());

        assertThat(e).as("an empty 503 body is an empty message").hasMessage("");
        List<Duration> sleeps = sleeper.sleeps();
        assertThat(sleeps).hasSize(4);
        assertThat(sleeps.get(0).toNanos()).isEqualTo(1_000_000_000L);
        assertThat(sleeps.get(1).toNanos()).isCloseTo(2_200_000_000L, within(1_000L));
        assertThat(sleeps.get(2).toNanos()).isCloseTo(4_200_000_000L, within(1_000L));
        assertThat(sleeps.get(3).toNanos()).isCloseTo(9_200_000_000L, within(1_000L));
        assertThat(draws).as("one draw per sleep").isEmpty();
    }

    @Test
    void retriesA503ThenSucceeds() throws Exception {
        server.enqueue(reply("HTTP/1.1 503 Service Unavailable", "warming up"));
        server.enqueue(ok(SUCCEEDED));

        Optional<ExecuteTemplateReply> reply = client().call(METHOD, BODY, DECODER);

        assertThat(reply).isPresent();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.sleeps()).hasSize(1);
        assertThat(take().getBody().toByteArray()).isEqualTo(BODY);
        assertThat(take().getBody().toByteArray())
                .as("the same body on every attempt")
                .isEqualTo(BODY);
        assertThat(calls)
                .extracting(RecordedCall::attempt, RecordedCall::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 503), org.assertj.core.groups.Tuple.tuple(2, 200));
    }

    static Stream<Arguments> fatalStatuses() {
        return Stream.of(
                Arguments.of("HTTP/1.1 500 Internal Server Error", "boom", "500 Internal Server Error: boom"),
                Arguments.of("HTTP/1.1 429 Too Many Requests", "slow down", "429 Too Many Requests: slow down"),
                Arguments.of("HTTP/1.1 502 Bad Gateway", "upstream", "502 Bad Gateway: upstream"),
                Arguments.of("HTTP/1.1 504 Gateway Timeout", "", "504 Gateway Timeout: "),
                Arguments.of("HTTP/1.1 403 Forbidden", "", "403 Forbidden: "),
                Arguments.of("HTTP/1.1 401 Unauthorized", "no token", "401 Unauthorized: no token"),
                Arguments.of(
                        "HTTP/1.1 400 Bad Request", "want application/json", "400 Bad Request: want application/json"),
                Arguments.of("HTTP/1.1 201 Created", SUCCEEDED, "201 Created: " + SUCCEEDED),
                Arguments.of("HTTP/1.1 204 No Content", "", "204 No Content: "),
                Arguments.of("HTTP/1.1 500 Kaboom", "x", "500 Kaboom: x"),
                Arguments.of("HTTP/1.1 500", "x", "500: x"));
    }

    @ParameterizedTest(name = "{0} is fatal: {2}")
    @MethodSource("fatalStatuses")
    void anyOtherStatusIsFatalAfterOneCall(String statusLine, String body, String message) {
        server.enqueue(reply(statusLine, body));

        PluginCallException e = failure(client());

        assertThat(e).hasMessage(message);
        assertThat(e.isTransient()).isFalse();
        assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    /**
     * Argo's retry predicate also reads the error's text (spec history D1): a non-2xx whose body names
     * a transient network error, as a plugin passing on its backend's error does, is retried like it.
     */
    @ParameterizedTest(name = "a 502 saying \"{0}\" is retried")
    @ValueSource(
            strings = {
                "dial tcp 10.0.0.7:5432: connect: connection refused",
                "read: connection reset by peer",
                "dial tcp 10.0.0.7:5432: i/o timeout",
                "connection timed out",
                "etcdserver: leader changed"
            })
    void retriesANon2xxWhoseTextArgosPredicateMatches(String body) throws Exception {
        server.enqueue(reply("HTTP/1.1 502 Bad Gateway", body));
        server.enqueue(reply("HTTP/1.1 502 Bad Gateway", body));
        server.enqueue(ok(SUCCEEDED));
        List<String> errors = new CopyOnWriteArrayList<>();

        Optional<ExecuteTemplateReply> reply = builder(address())
                .attemptErrors(
                        (method, attempt, message, retried) -> errors.add(attempt + " " + message + " " + retried))
                .build()
                .call(METHOD, BODY, DECODER);

        assertThat(reply).isPresent();
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.sleeps()).hasSize(2);
        assertThat(errors)
                .containsExactly("1 502 Bad Gateway: " + body + " true", "2 502 Bad Gateway: " + body + " true");
    }

    @Test
    void failsWithTheLastNon2xxOnceItsTransientTextRanOutOfAttempts() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(reply("HTTP/1.1 500 Internal Server Error", "upstream: connect: connection refused"));
        }

        PluginCallException e = failure(client());

        assertThat(e).hasMessage("500 Internal Server Error: upstream: connect: connection refused");
        assertThat(e.isTransient()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void tellsEveryFailedAttemptWithArgosTextAndWhetherItIsRetried() {
        server.enqueue(reply("HTTP/1.1 503 Service Unavailable", "busy"));
        server.enqueue(reply("HTTP/1.1 500 Internal Server Error", "boom"));
        List<String> errors = new CopyOnWriteArrayList<>();

        failure(builder(address())
                .attemptErrors((method, attempt, message, retried) ->
                        errors.add(method + " " + attempt + " " + message + " " + retried))
                .build());

        assertThat(errors)
                .containsExactly(METHOD + " 1 busy true", METHOD + " 2 500 Internal Server Error: boom false");
    }

    @Test
    void argosTransientTextsAreThoseOfV412() {
        assertThat(ArgoTransientErrors.matches("500 Internal Server Error: boom"))
                .isFalse();
        assertThat(ArgoTransientErrors.matches("EOF"))
                .as("EOF counts only as a url.Error's")
                .isFalse();
        assertThat(ArgoTransientErrors.matches("")).isFalse();
        assertThat(ArgoTransientErrors.matches("x: Connection closed by foreign host"))
                .isTrue();
        assertThat(ArgoTransientErrors.matches("x: upper: no more rows in this result set"))
                .isTrue();
        assertThat(ArgoTransientErrors.matches("client rate limiter Wait returned an error: context canceled"))
                .isTrue();
    }

    // ---- connections --------------------------------------------------------------------------

    /**
     * Go's DefaultTransport opens a connection for every concurrent call and keeps 2 idle per host;
     * the client's pool is its own, as an agent process's transport is.
     */
    @Test
    void opensAConnectionPerConcurrentCallAndKeepsTwoIdle() throws Exception {
        int n = 8;
        for (int i = 0; i < n; i++) {
            server.enqueue(new MockResponse.Builder()
                    .status("HTTP/1.1 200 OK")
                    .body(SUCCEEDED)
                    .headersDelay(300, TimeUnit.MILLISECONDS)
                    .build());
        }
        PluginClient client = client();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<Optional<ExecuteTemplateReply>>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> client.call(METHOD, BODY, DECODER)));
            }
            for (var f : futures) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(300); // the pool closes what it does not keep right after the calls return

        assertThat(client.connectionsOpened()).isEqualTo(n);
        assertThat(client.idleConnections()).isEqualTo(PluginClient.GO_MAX_IDLE_PER_HOST);
        client.closeIdleConnections();
        assertThat(client.idleConnections()).isZero();
    }

    @Test
    void anotherClientNeverReusesThisOnesConnection() throws Exception {
        server.enqueue(ok(SUCCEEDED));
        server.enqueue(ok(SUCCEEDED));
        server.enqueue(ok(SUCCEEDED));
        PluginClient first = client();
        PluginClient second = client();

        first.call(METHOD, BODY, DECODER);
        first.call(METHOD, BODY, DECODER);
        second.call(METHOD, BODY, DECODER);

        assertThat(first.connectionsOpened())
                .as("a keep-alive connection is reused by its own client")
                .isEqualTo(1);
        assertThat(second.connectionsOpened()).as("a new agent opens its own").isEqualTo(1);
    }

    // ---- transport errors ---------------------------------------------------------------------

    @Test
    void retriesARefusedConnectionUntilThePluginIsUp() throws Exception {
        int port = freePort();
        MockWebServer late = new MockWebServer();
        late.enqueue(ok(SUCCEEDED));
        sleeper.beforeWaking(n -> {
            if (n == 2) { // after two refused attempts the sidecar is listening
                try {
                    late.start(InetAddress.getLoopbackAddress(), port);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try (late) {
            Optional<ExecuteTemplateReply> reply =
                    builder(URI.create("http://127.0.0.1:" + port)).build().call(METHOD, BODY, DECODER);

            assertThat(reply).isPresent();
            assertThat(late.getRequestCount()).isEqualTo(1);
            assertThat(sleeper.sleeps()).hasSize(2);
            assertThat(calls).extracting(RecordedCall::hasResponse).containsExactly(false, false, true);
            assertThat(calls.get(0).error()).contains("ConnectException");
        }
    }

    @Test
    void aPluginThatNeverComesUpFailsWithGosDialError() throws Exception {
        int port = freePort();

        PluginCallException e =
                failure(builder(URI.create("http://127.0.0.1:" + port)).build());

        assertThat(e)
                .hasMessage("Post \"" + url(port) + "\": dial tcp 127.0.0.1:" + port + ": connect: connection refused");
        assertThat(e.isTransient()).isFalse();
        assertThat(calls).hasSize(5);
        assertThat(sleeper.sleeps()).hasSize(4);
    }

    @Test
    void retriesAConnectionClosedWithoutAResponse() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(ok(SUCCEEDED));

        Optional<ExecuteTemplateReply> reply = client().call(METHOD, BODY, DECODER);

        assertThat(reply).isPresent();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(calls.get(0).hasResponse()).isFalse();
    }

    @Test
    void aConnectionAlwaysClosedWithoutAResponseEndsInPostEof() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder()
                    .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                    .build());
        }

        PluginCallException e = failure(client());

        assertThat(e).hasMessage("Post \"" + url(server.getPort()) + "\": EOF");
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void retriesAConnectionReset() throws Exception {
        try (RawPlugin raw = new RawPlugin()) {
            raw.then(RawPlugin.reset()).then(RawPlugin.reset()).then(RawPlugin.respond(okRaw(SUCCEEDED)));

            Optional<ExecuteTemplateReply> reply = builder(raw.uri()).build().call(METHOD, BODY, DECODER);

            assertThat(reply).isPresent();
            assertThat(raw.requests()).hasSize(3);
            assertThat(sleeper.sleeps()).hasSize(2);
        }
    }

    @Test
    void aConnectionAlwaysResetFailsWithTheResetError() throws Exception {
        try (RawPlugin raw = new RawPlugin()) {
            for (int i = 0; i < 5; i++) {
                raw.then(RawPlugin.reset());
            }

            PluginCallException e = failure(builder(raw.uri()).build());

            // Go also names the local address ("read tcp 127.0.0.1:L->127.0.0.1:P"); see the report.
            assertThat(e.getMessage())
                    .startsWith("Post \"" + url(raw.port()) + "\": read tcp ")
                    .endsWith(": read: connection reset by peer");
            assertThat(raw.requests()).hasSize(5);
        }
    }

    @Test
    void retriesAStallLongerThanTheTimeout() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        server.enqueue(ok(SUCCEEDED));
        long start = System.nanoTime();

        Optional<ExecuteTemplateReply> reply =
                builder(address()).timeout(Duration.ofMillis(300)).build().call(METHOD, BODY, DECODER);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(reply).isPresent();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(took)
                .as("the first attempt waited for the timeout, no longer")
                .isBetween(Duration.ofMillis(300), WAIT);
        assertThat(calls.get(0).hasResponse()).isFalse();
    }

    @Test
    void aPluginThatAlwaysStallsFailsWithGosTimeoutError() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder()
                    .onResponseStart(SocketEffect.Stall.INSTANCE)
                    .build());
        }

        PluginCallException e =
                failure(builder(address()).timeout(Duration.ofMillis(200)).build());

        assertThat(e)
                .hasMessage("Post \"" + url(server.getPort())
                        + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void aBodyThatStallsPastTheTimeoutIsRetried() throws Exception {
        try (RawPlugin raw = new RawPlugin()) {
            raw.then(RawPlugin.respondAndHang("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{\"node\":"))
                    .then(RawPlugin.respond(okRaw(SUCCEEDED)));

            Optional<ExecuteTemplateReply> reply =
                    builder(raw.uri()).timeout(Duration.ofMillis(300)).build().call(METHOD, BODY, DECODER);

            assertThat(reply).isPresent();
            assertThat(raw.requests()).hasSize(2);
            assertThat(calls.get(0).status()).isEqualTo(200);
            assertThat(calls.get(0).error()).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp", "ws"}) // OkHttp's Request.Builder would quietly turn ws into http; Go refuses it
    void anAddressThatIsNotHttpFailsAtOnceAsInGo(String scheme) {
        PluginCallException e = failure(
                builder(URI.create(scheme + "://127.0.0.1:" + server.getPort())).build());

        assertThat(e)
                .hasMessage("Post \"" + scheme + "://127.0.0.1:" + server.getPort()
                        + "/api/v1/template.execute\": unsupported protocol scheme \"" + scheme + "\"");
        assertThat(e.isTransient()).isFalse();
        assertThat(server.getRequestCount()).isZero();
        assertThat(calls)
                .singleElement()
                .satisfies(c -> assertThat(c.hasResponse()).isFalse());
        assertThat(sleeper.sleeps()).isEmpty();
    }

    // ---- bodies -------------------------------------------------------------------------------

    @Test
    void retriesATruncated200Body() throws Exception {
        server.enqueue(ok("{\"node\":"));
        server.enqueue(ok(SUCCEEDED));

        Optional<ExecuteTemplateReply> reply = client().call(METHOD, BODY, DECODER);

        assertThat(reply).isPresent();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void retriesABodyShorterThanItsContentLength() throws Exception {
        try (RawPlugin raw = new RawPlugin()) {
            for (int i = 0; i < 5; i++) {
                raw.then(RawPlugin.respond("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"node\":{\"phase\":"));
            }

            PluginCallException e = failure(builder(raw.uri()).build());

            assertThat(e).hasMessage("unexpected EOF");
            assertThat(raw.requests()).hasSize(5);
        }
    }

    @Test
    void anEmpty200IsFatalEof() {
        server.enqueue(ok(""));

        PluginCallException e = failure(client());

        assertThat(e).hasMessage("EOF");
        assertThat(e.isTransient()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void invalidJsonIsFatalAfterOneCall() {
        server.enqueue(ok("<html>oops</html>"));

        PluginCallException e = failure(client());

        assertThat(e).hasMessage("invalid character '<' looking for beginning of value");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aNumericRequeueIsFatalAfterOneCall() {
        server.enqueue(ok("{\"node\":{\"phase\":\"Running\"},\"requeue\":120}"));

        assertThat(failure(client()))
                .hasMessage(
                        "json: cannot unmarshal number into Go struct field ExecuteTemplateReply.requeue of type string");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void stopsReadingAtTheEndOfTheFirstValue() throws Exception {
        try (RawPlugin raw = new RawPlugin()) {
            // The body promises more than it sends and never ends; Go's decoder needs only the value.
            raw.then(RawPlugin.respondAndHang("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + SUCCEEDED));
            long start = System.nanoTime();

            Optional<ExecuteTemplateReply> reply =
                    builder(raw.uri()).timeout(Duration.ofSeconds(3)).build().call(METHOD, BODY, DECODER);

            assertThat(reply)
                    .hasValueSatisfying(r -> assertThat(r.node().phase()).isEqualTo("Succeeded"));
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("no wait for the timeout")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(calls)
                    .singleElement()
                    .satisfies(c -> assertThat(c.responseBody()).isEqualTo(SUCCEEDED));
        }
    }

    @Test
    void waitsForOneMoreByteAfterATopLevelLiteral() throws Exception {
        try (RawPlugin raw = new RawPlugin()) {
            // Go cannot know "null" is over until the next byte or EOF arrives, so it waits: a timeout.
            raw.then(RawPlugin.respondAndHang("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nnull"))
                    .then(RawPlugin.respond(okRaw("null")));

            Optional<ExecuteTemplateReply> reply =
                    builder(raw.uri()).timeout(Duration.ofMillis(300)).build().call(METHOD, BODY, DECODER);

            assertThat(reply).hasValueSatisfying(r -> assertThat(r.accepted()).isFalse());
            assertThat(raw.requests()).hasSize(2);
            assertThat(calls.get(0).error()).isNotNull();
        }
    }

    // ---- redirects as Go's client follows them (decision 0009) --------------------------------------

    /** A 303 to another path, then the reply; returns the two requests the plugin saw. */
    private List<RecordedRequest> redirectedOnce() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(303)
                .addHeader("Location", "/api/v1/elsewhere")
                .build());
        server.enqueue(ok(SUCCEEDED));
        assertThat(client().call(METHOD, BODY, DECODER)).isPresent();
        List<RecordedRequest> requests = List.of(take(), take());
        assertThat(requests.get(1).getRequestLine()).isEqualTo("GET /api/v1/elsewhere HTTP/1.1");
        return requests;
    }

    @Test
    void sendsNoConnectionHeaderAsGosTransport() throws Exception {
        assertThat(redirectedOnce())
                .allSatisfy(r -> assertThat(r.getHeaders().get("Connection"))
                        .as("Go's transport sends no Connection header on HTTP/1.1")
                        .isNull());
    }

    @Test
    void aRedirectHopNamesThePreviousOneAsReferer() throws Exception {
        assertThat(redirectedOnce().get(1).getHeaders().get("Referer"))
                .as("refererForURL: the previous hop")
                .isEqualTo(url(server.getPort()));
    }

    @Test
    void aGetHopCarriesTheFirstRequestsHeadersContentTypeIncluded() throws Exception {
        RecordedRequest second = redirectedOnce().get(1);
        assertThat(second.getHeaders().get("Content-Type"))
                .as("Go 1.25 copies the first request's headers, this one included")
                .isEqualTo("application/json");
        assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aRedirectLoopStopsAfterTenRequestsNamingTheLocationAsWritten() {
        for (int i = 0; i < 11; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(307)
                    .addHeader("Location", "/api/v1/template.execute")
                    .build());
        }

        PluginCallException e = failure(client());

        assertThat(e).hasMessage("Post \"/api/v1/template.execute\": stopped after 10 redirects");
        assertThat(e.isTransient()).isFalse();
        assertThat(server.getRequestCount())
                .as("defaultCheckRedirect refuses the 11th request")
                .isEqualTo(10);
        assertThat(calls).hasSize(10);
    }

    @Test
    void aRedirectWithAnEmptyLocationIsTheReply() {
        server.enqueue(new MockResponse.Builder()
                .status("HTTP/1.1 307 Temporary Redirect")
                .addHeader("Location", "")
                .body("moved")
                .build());

        PluginCallException e = failure(client());

        assertThat(e).hasMessage("307 Temporary Redirect: moved");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a404WhoseBodyCannotBeDrainedIsStillRemembered() throws Exception {
        try (RawPlugin raw = new RawPlugin()) {
            for (int i = 0; i < 5; i++) {
                raw.then(RawPlugin.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 50\r\n\r\nnot he"));
            }
            PluginClient client = builder(raw.uri()).build();

            PluginCallException e = failure(client);

            // Argo marks the method invalid, then returns io.Copy's error, which is transient.
            assertThat(e).hasMessage("unexpected EOF");
            assertThat(client.isUnsupported(METHOD)).isTrue();
            assertThat(client.call(METHOD, BODY, DECODER)).isEmpty();
            assertThat(raw.requests()).hasSize(5);
        }
    }

    // ---- evidence -----------------------------------------------------------------------------

    @Test
    void theListenerSeesEveryAttemptWithTheTokenRedacted() throws Exception {
        String echo = "{\"error\":\"bad token " + TOKEN + "\"}";
        server.enqueue(new MockResponse.Builder()
                .status("HTTP/1.1 503 Service Unavailable")
                .addHeader("X-Echo", "Bearer " + TOKEN)
                .body(echo)
                .build());
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(ok("{\"node\":{\"phase\":\"Succeeded\",\"message\":\"" + TOKEN + "\"}}"));
        byte[] bodyWithToken = ("{\"template\":{\"plugin\":{\"hello\":{\"token\":\"" + TOKEN + "\"}}}}")
                .getBytes(StandardCharsets.UTF_8);

        client().call(METHOD, bodyWithToken, DECODER);

        assertThat(take().getHeaders().get("Authorization"))
                .as("the plugin does get the token")
                .isEqualTo("Bearer " + TOKEN);
        assertThat(calls).extracting(RecordedCall::attempt).containsExactly(1, 2, 3);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.plugin()).isEqualTo("hello");
            assertThat(call.requestLine()).isEqualTo("POST " + url(server.getPort()));
            assertThat(call.requestHeaders())
                    .contains(new RecordedCall.Header("Authorization", "Bearer " + Redaction.MASK));
            assertThat(call.toString()).as("no field of %s", call.requestLine()).doesNotContain(TOKEN);
            assertThat(call.transcript()).doesNotContain(TOKEN);
            assertThat(call.curl()).doesNotContain(TOKEN).contains("Bearer ${ARGO_TOKEN}");
        });
        assertThat(calls.get(0).responseBody()).isEqualTo("{\"error\":\"bad token " + Redaction.MASK + "\"}");
        assertThat(calls.get(0).responseHeaders())
                .contains(new RecordedCall.Header("X-Echo", "Bearer " + Redaction.MASK));
        assertThat(calls.get(1).hasResponse()).isFalse();
        assertThat(calls.get(2).status()).isEqualTo(200);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String okRaw(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
