package dev.argoconformance.reference.client;

import dev.argoconformance.reference.goruntime.GoHttpClient;
import dev.argoconformance.reference.goruntime.GoHttpClient.GoHttpException;
import dev.argoconformance.reference.goruntime.GoUrl;
import dev.argoconformance.reference.protocol.GoJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Response;

/**
 * The HTTP RPC client Argo uses for every plugin kind ({@code workflow/util/plugin/plugin.go}):
 * {@code POST <address>/api/v1/<method>} with JSON, a bearer token and one status policy.
 *
 * <ul>
 *   <li>200: the body is decoded as far as its first JSON value; a truncated body is transient, any
 *       other decode error fatal (REF-BODY-01, REF-BODY-02, REF-BODY-03, REF-BODY-04, REF-BODY-05,
 *       REF-BODY-08, REF-BODY-09).
 *   <li>404: the method is unsupported; it is remembered (before the body is drained) and never
 *       called again by this client (REF-404-01, REF-404-03). The call returns empty.
 *   <li>503, connection errors, timeouts, EOF: transient, retried with the backoff (REF-RETRY-01,
 *       REF-RETRY-02, REF-RETRY-03, REF-RETRY-04, REF-CONN-01, REF-CONN-02, REF-CONN-03, REF-CONN-04,
 *       REF-CONN-05, REF-CONN-06, REF-CONN-07, REF-TIMEOUT-01, REF-TIMEOUT-02, REF-TIMEOUT-03, REF-TIMEOUT-04).
 *   <li>anything else: fatal, {@code "<status>: <body>"}, unless that text contains one of the
 *       strings Argo's retry predicate looks for ({@link ArgoTransientErrors}, e.g. a body saying
 *       {@code connection refused}): then it is retried like them (REF-STATUS-01, REF-STATUS-02, REF-STATUS-03,
 *       REF-STATUS-04, REF-STATUS-05, REF-STATUS-06).
 * </ul>
 *
 * One client exists per plugin per agent, as in Argo, so the 404 memory lives as long as the agent.
 * So does its connection pool: Go's {@code http.DefaultTransport} of the agent process, which opens a
 * connection for every concurrent call and keeps at most {@value #GO_MAX_IDLE_PER_HOST} idle per host
 * for {@code IdleConnTimeout} (90 s); a new agent starts with none ({@link #closeIdleConnections()}).
 */
public final class PluginClient {

    /** Argo's executor plugin timeout for the whole exchange (workflow/executor/plugins/rpc/plugin.go). */
    public static final Duration EXECUTOR_TIMEOUT = Duration.ofSeconds(30);

    /** Exactly this, never with a charset: several community plugins answer 400 to anything else. */
    public static final MediaType JSON = MediaType.get("application/json");

    /** What Go's HTTP client sends; a plugin sees the same headers from us as from Argo. */
    public static final String GO_USER_AGENT = GoHttpClient.GO_USER_AGENT;

    /** Go's http.DefaultMaxIdleConnsPerHost: the idle connections a transport keeps to one plugin. */
    public static final int GO_MAX_IDLE_PER_HOST = GoHttpClient.GO_MAX_IDLE_PER_HOST;

    /** Go's DefaultTransport IdleConnTimeout. */
    public static final Duration GO_IDLE_CONN_TIMEOUT = GoHttpClient.GO_IDLE_CONN_TIMEOUT;

    /** What every call sends, as evidence shows it. */
    private static final List<RecordedCall.Header> REQUEST_HEADERS = List.of(
            new RecordedCall.Header("Content-Type", JSON.toString()),
            new RecordedCall.Header("User-Agent", GO_USER_AGENT),
            new RecordedCall.Header("Authorization", "Bearer " + Redaction.MASK));

    /** What a call without Argo's own headers sends: only what Go's transport adds. */
    private static final List<RecordedCall.Header> BARE_REQUEST_HEADERS =
            List.of(new RecordedCall.Header("User-Agent", GO_USER_AGENT));

    private final String name;
    private final String address;
    private final String token;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final CallListener listener;
    private final AttemptErrorListener attemptErrors;
    private final GoHttpClient http;
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final Set<String> unsupported = ConcurrentHashMap.newKeySet();
    private final boolean argoHeaders;

    private PluginClient(Builder b) {
        this.name = b.name;
        this.address = stripTrailingSlash(b.address.toString());
        this.token = b.token;
        this.backoff = b.backoff;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.random = b.random;
        this.listener = b.listener;
        this.attemptErrors = b.attemptErrors;
        this.argoHeaders = b.argoHeaders;
        // Its own pool, as each agent process has its own transport: connections are never shared
        // with another agent's client, and no more than Go's 2 are kept idle (one client, one host).
        this.http = new GoHttpClient(
                new ConnectionPool(GO_MAX_IDLE_PER_HOST, GO_IDLE_CONN_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                b.timeout,
                connectionsOpened::incrementAndGet);
    }

    public static Builder builder(String name, URI address, String token) {
        return new Builder(name, address, token);
    }

    public String name() {
        return name;
    }

    /**
     * TCP connections this client has opened so far, a call still in flight included; a call that
     * reuses an idle connection opens none.
     * The differential tier compares it with what Go's transport opens for the same calls.
     */
    public int connectionsOpened() {
        return connectionsOpened.get();
    }

    /** Connections idle in this client's pool, kept for the next call: at most {@value #GO_MAX_IDLE_PER_HOST}. */
    public int idleConnections() {
        return http.connectionPool().idleConnectionCount();
    }

    /** Closes the idle connections, as Go's Transport.CloseIdleConnections does and as an agent process's end does. */
    public void closeIdleConnections() {
        http.connectionPool().evictAll();
    }

    /** True once the plugin answered 404 to this method: Argo never calls it again. */
    public boolean isUnsupported(String method) {
        return unsupported.contains(method);
    }

    /**
     * Calls {@code method} with the JSON body; empty when the method is unsupported (404 now or before).
     *
     * @throws PluginCallException with Argo's message, once fatal or once the attempts run out
     */
    public <T> Optional<T> call(String method, byte[] body, ReplyDecoder<T> decoder) throws PluginCallException {
        if (unsupported.contains(method)) {
            return Optional.empty();
        }
        PluginCallException last = null;
        for (int attempt = 1; attempt <= backoff.steps(); attempt++) {
            if (attempt > 1) {
                try {
                    sleeper.sleep(backoff.sleepBefore(attempt, random));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PluginCallException("interrupted while backing off: " + last.getMessage(), false, e);
                }
            }
            try {
                return attempt(method, body, decoder, attempt);
            } catch (PluginCallException e) {
                // Argo's predicate: the error's type, or its text (a non-2xx body saying "connection refused").
                boolean retriable = e.isTransient() || ArgoTransientErrors.matches(e.getMessage());
                attemptErrors.onError(method, attempt, e.getMessage(), retriable && attempt < backoff.steps());
                if (!retriable) {
                    throw e;
                }
                last = e;
            }
        }
        // retry.OnError returns the last transient error; the caller treats it as fatal.
        throw new PluginCallException(last.getMessage(), false, last, last.status());
    }

    private <T> Optional<T> attempt(String method, byte[] body, ReplyDecoder<T> decoder, int attempt)
            throws PluginCallException {
        String url = address + "/api/v1/" + method;
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        Evidence evidence = new Evidence(url, body, startedAt, attempt);
        String parseError = GoUrl.parseError(url);
        if (parseError != null) {
            // http.NewRequest refuses the URL, before any exchange; Argo returns that error as it is.
            String message =
                    "parse " + dev.argoconformance.reference.goruntime.GoStrconv.quote(url) + ": " + parseError;
            evidence.error(message);
            evidence.publish(Duration.ZERO);
            throw new PluginCallException(message, false, null);
        }
        Headers.Builder headers = new Headers.Builder();
        if (argoHeaders) {
            headers.add("Content-Type", JSON.toString());
            headers.add("Authorization", "Bearer " + token); // Argo Workflows sends it even when the token is empty
        }
        GoHttpClient.Reply reply;
        try {
            reply = http.post(url, headers.build(), body, evidence::hop);
        } catch (GoHttpException e) {
            evidence.failed(e.getMessage());
            evidence.publish(Duration.ofNanos(System.nanoTime() - start));
            throw new PluginCallException(e.getMessage(), e.isTransient(), e);
        }
        evidence.reply(reply);
        try (reply) {
            Response response = reply.response();
            evidence.response(response);
            int code = response.code();
            String status = response.message().isEmpty() ? String.valueOf(code) : code + " " + response.message();
            switch (code) {
                case 200 -> {
                    byte[] value = readFirstJsonValue(reply, evidence);
                    try {
                        return Optional.ofNullable(decoder.decode(value));
                    } catch (GoJson.DecodeException e) {
                        throw new PluginCallException(e.getMessage(), e.isUnexpectedEof(), e);
                    }
                }
                case 404 -> {
                    unsupported.add(method); // "method not found, not calling again", then the body is drained
                    readWholeBody(reply, evidence);
                    return Optional.empty();
                }
                case 503 -> throw new PluginCallException(readWholeBody(reply, evidence), true, null, code);
                default ->
                    throw new PluginCallException(status + ": " + readWholeBody(reply, evidence), false, null, code);
            }
        } finally {
            evidence.publish(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** json.NewDecoder(resp.Body).Decode: the body as far as its first JSON value; a read error is the attempt's. */
    private static byte[] readFirstJsonValue(GoHttpClient.Reply reply, Evidence evidence) throws PluginCallException {
        try {
            byte[] value = reply.readFirstJsonValue().value();
            evidence.body(value);
            return value;
        } catch (GoHttpException e) {
            evidence.body(e.partialBody());
            evidence.error(e.getCause().toString());
            throw new PluginCallException(e.getMessage(), true, e);
        }
    }

    /** io.ReadAll (or io.Copy to discard, for a 404): a read error is returned as the attempt's error. */
    private static String readWholeBody(GoHttpClient.Reply reply, Evidence evidence) throws PluginCallException {
        byte[] body;
        try {
            body = reply.readAll();
        } catch (GoHttpException e) {
            evidence.error(e.getCause().toString());
            throw new PluginCallException(e.getMessage(), true, e);
        }
        evidence.body(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Collects one attempt's evidence and hands it to the listener once. Keeps the raw parts and
     * decodes, cuts and redacts them only on publish, so a client without a listener pays nothing.
     */
    private final class Evidence {
        private String url;
        private String httpMethod = "POST";
        private final byte[] requestBody;
        private final Instant startedAt;
        private final int attempt;
        private int status;
        private String reason = "";
        private Headers responseHeaders; // null: no response (yet)
        private byte[] responseBody;
        private String error;
        private boolean pendingHop;

        Evidence(String url, byte[] requestBody, Instant startedAt, int attempt) {
            this.url = url;
            this.requestBody = requestBody;
            this.startedAt = startedAt;
            this.attempt = attempt;
        }

        void response(Response response) {
            status = response.code();
            reason = response.message();
            responseHeaders = response.headers(); // immutable
        }

        /** Not copied: each caller passes a fresh array; a 200's is shared with the decoder, which only reads it. */
        void body(byte[] body) {
            responseBody = body;
        }

        void error(String message) {
            error = message;
        }

        /** A hop that did not become the reply; published once the next one starts or the attempt ends. */
        void hop(GoHttpClient.Hop hop) {
            if (pendingHop) {
                publish(Duration.ZERO);
            }
            pendingHop = true;
            url = hop.url();
            httpMethod = hop.method();
            status = hop.response() == null ? 0 : hop.response().code();
            reason = hop.response() == null ? "" : hop.response().message();
            responseHeaders = hop.response() == null ? null : hop.response().headers();
            responseBody = hop.responseBody();
            error = hop.error();
        }

        /** The exchange that became the reply. */
        void reply(GoHttpClient.Reply reply) {
            if (pendingHop) {
                publish(Duration.ZERO);
            }
            pendingHop = false;
            url = reply.url();
            httpMethod = reply.method();
            responseBody = null;
            error = null;
        }

        /** The exchange failed: the last hop carries Go's text unless it has its own. */
        void failed(String message) {
            if (error == null) {
                error = message;
            }
        }

        void publish(Duration duration) {
            if (listener == CallListener.NONE) {
                return;
            }
            listener.onCall(new RecordedCall(
                    name,
                    attempt,
                    httpMethod,
                    url,
                    argoHeaders ? REQUEST_HEADERS : BARE_REQUEST_HEADERS,
                    httpMethod.equals("GET") ? "" : text(requestBody),
                    status,
                    reason,
                    headers(responseHeaders),
                    responseBody == null ? null : text(responseBody),
                    redact(error),
                    startedAt,
                    duration));
        }

        private String text(byte[] body) {
            return redact(RecordedCall.cut(new String(body, StandardCharsets.UTF_8)));
        }

        private List<RecordedCall.Header> headers(Headers headers) {
            if (headers == null) {
                return List.of();
            }
            List<RecordedCall.Header> out = new ArrayList<>();
            headers.forEach(pair -> out.add(new RecordedCall.Header(pair.getFirst(), redact(pair.getSecond()))));
            return out;
        }

        private String redact(String text) {
            return Redaction.redact(text, token);
        }
    }

    public static final class Builder {
        private final String name;
        private final URI address;
        private final String token;
        private Duration timeout = EXECUTOR_TIMEOUT;
        private Backoff backoff = Backoff.EXECUTOR;
        private Sleeper sleeper = Sleeper.REAL;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.getDefault();
        private CallListener listener = CallListener.NONE;
        private boolean argoHeaders = true;
        private AttemptErrorListener attemptErrors = AttemptErrorListener.NONE;

        private Builder(String name, URI address, String token) {
            this.name = name;
            this.address = address;
            this.token = token == null ? "" : token;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public Builder listener(CallListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Sends neither {@code Authorization} nor {@code Content-Type}, only what Go's transport adds, as the
         * controller plugins' client did ({@code workflow/util/plugins/plugin.go} at PR #7255's head: a bare
         * {@code http.NewRequest}). The token is then never sent.
         */
        public Builder withoutAuthorizationOrContentType() {
            this.argoHeaders = false;
            return this;
        }

        /** Every attempt that fails, with the text Argo's retry predicate sees (the differential tier compares it). */
        public Builder attemptErrors(AttemptErrorListener attemptErrors) {
            this.attemptErrors = attemptErrors;
            return this;
        }

        public PluginClient build() {
            return new PluginClient(this);
        }
    }
}
