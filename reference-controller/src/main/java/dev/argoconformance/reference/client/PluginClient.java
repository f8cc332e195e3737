package dev.argoconformance.reference.client;

import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.goruntime.GoConnection;
import dev.argoconformance.reference.goruntime.GoJsonScanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The HTTP RPC client Argo uses for every plugin kind ({@code workflow/util/plugin/plugin.go}):
 * {@code POST <address>/api/v1/<method>} with JSON, a bearer token and one status policy.
 *
 * <ul>
 *   <li>200: the body is decoded as far as its first JSON value; a truncated body is transient, any
 *       other decode error fatal.
 *   <li>404: the method is unsupported; it is remembered (before the body is drained) and never
 *       called again by this client (EXEC-404-01). The call returns empty.
 *   <li>503, connection errors, timeouts, EOF: transient, retried with the backoff.
 *   <li>anything else: fatal, {@code "<status>: <body>"}, unless that text contains one of the
 *       strings Argo's retry predicate looks for ({@link ArgoTransientErrors}, e.g. a body saying
 *       {@code connection refused}): then it is retried like them.
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
    public static final String GO_USER_AGENT = "Go-http-client/1.1";

    /** Go's http.DefaultMaxIdleConnsPerHost: the idle connections a transport keeps to one plugin. */
    public static final int GO_MAX_IDLE_PER_HOST = 2;

    /** Go's DefaultTransport IdleConnTimeout. */
    public static final Duration GO_IDLE_CONN_TIMEOUT = Duration.ofSeconds(90);

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .dispatcher(unlimitedDispatcher())
            .followRedirects(false) // followRedirects() below does it Go's way
            .eventListenerFactory(GoConnection.factory())
            .build();

    /** The statuses Go's client follows (net/http redirectBehavior), and how many times. */
    private static final Set<Integer> GO_REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 10;

    /** What every call sends, as evidence shows it. */
    private static final List<RecordedCall.Header> REQUEST_HEADERS = List.of(
            new RecordedCall.Header("Content-Type", JSON.toString()),
            new RecordedCall.Header("User-Agent", GO_USER_AGENT),
            new RecordedCall.Header("Authorization", "Bearer " + Redaction.MASK));

    /** What a call without Argo's own headers sends: only what Go's transport adds. */
    private static final List<RecordedCall.Header> BARE_REQUEST_HEADERS = List.of(
            new RecordedCall.Header("User-Agent", GO_USER_AGENT));

    private final String name;
    private final String address;
    private final String token;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final CallListener listener;
    private final AttemptErrorListener attemptErrors;
    private final OkHttpClient http;
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final Set<String> unsupported = ConcurrentHashMap.newKeySet();
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>(); // per method: OkHttp's URL parse is costly per call
    private final Duration timeout;
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
        this.timeout = b.timeout;
        this.argoHeaders = b.argoHeaders;
        this.http = SHARED.newBuilder()
                // Its own pool, as each agent process has its own transport: connections are never shared
                // with another agent's client, and no more than Go's 2 are kept idle (one client, one host).
                .connectionPool(new ConnectionPool(GO_MAX_IDLE_PER_HOST, GO_IDLE_CONN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .callTimeout(b.timeout)
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false) // Go does not silently retry a POST; every attempt is ours to count
                .build();
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

    private <T> Optional<T> attempt(String method, byte[] body, ReplyDecoder<T> decoder, int attempt) throws PluginCallException {
        String url = address + "/api/v1/" + method;
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        Evidence evidence = new Evidence(url, body, startedAt, attempt);
        Request.Builder request;
        try {
            HttpUrl parsed = urls.computeIfAbsent(method, m -> HttpUrl.get(url));
            request = new Request.Builder().url(parsed);
        } catch (IllegalArgumentException e) {
            // OkHttp refuses the URL up front; Go's client.Do fails the same way, before any exchange.
            evidence.error(e.toString());
            evidence.publish(Duration.ofNanos(System.nanoTime() - start));
            throw new PluginCallException("Post \"" + url + "\": unsupported protocol scheme \"" + scheme(url) + "\"", false, e);
        }
        request.header("User-Agent", GO_USER_AGENT).post(RequestBody.create(body, argoHeaders ? JSON : null));
        if (argoHeaders) {
            request.header("Authorization", "Bearer " + token); // Argo Workflows sends it even when the token is empty
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Response response = followRedirects(request.build(), evidence, deadline)) {
            evidence.response(response);
            int code = response.code();
            String status = response.message().isEmpty() ? String.valueOf(code) : code + " " + response.message();
            switch (code) {
                case 200 -> {
                    byte[] value = readFirstJsonValue(response, evidence);
                    try {
                        return Optional.ofNullable(decoder.decode(value));
                    } catch (GoJson.DecodeException e) {
                        throw new PluginCallException(e.getMessage(), e.isUnexpectedEof(), e);
                    }
                }
                case 404 -> {
                    unsupported.add(method); // "method not found, not calling again", then the body is drained
                    readWholeBody(response, evidence);
                    return Optional.empty();
                }
                case 503 -> throw new PluginCallException(readWholeBody(response, evidence), true, null, code);
                default -> throw new PluginCallException(status + ": " + readWholeBody(response, evidence), false, null, code);
            }
        } catch (IOException e) {
            evidence.error(e.toString());
            throw transportError(evidence.url, e, evidence.ends);
        } finally {
            evidence.publish(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Go's client follows 301, 302 and 303 as a GET and 307 and 308 with the same method and body,
     * at most 10 times (net/http defaultCheckRedirect), all within one timeout; any other status, a
     * 300 included, is the reply. Each hop but the last is evidence of its own.
     */
    private Response followRedirects(Request first, Evidence evidence, long deadline) throws IOException, PluginCallException {
        Request request = first;
        for (int redirects = 0; ; redirects++) {
            Call call = http.newCall(request.newBuilder().tag(GoConnection.class, evidence.ends).build());
            call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            Response response = call.execute();
            String location = response.header("Location");
            HttpUrl next = location == null ? null : response.request().url().resolve(location);
            if (!GO_REDIRECTS.contains(response.code()) || next == null) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                evidence.response(response);
                response.close();
                String message = "Post \"" + next + "\": stopped after " + MAX_REDIRECTS + " redirects";
                evidence.error(message);
                throw new PluginCallException(message, false, null);
            }
            evidence.response(response);
            evidence.body(response.body().bytes());
            response.close();
            evidence.publishHop();
            boolean asGet = response.code() == 301 || response.code() == 302 || response.code() == 303;
            Request.Builder redirected = request.newBuilder().url(next);
            if (asGet) {
                redirected.get();
            }
            if (!next.host().equals(request.url().host())) {
                redirected.removeHeader("Authorization"); // Go keeps sensitive headers only on the same host
            }
            request = redirected.build();
            evidence.hop(next.toString(), asGet ? "GET" : request.method());
        }
    }

    /**
     * Go decodes a 200 straight from the stream and stops at the end of the first JSON value, so a
     * body that goes on (or never ends) after a complete reply still succeeds. Reads just that much,
     * or up to a syntax error, or to the end; a read error before the value is complete is returned.
     */
    private static byte[] readFirstJsonValue(Response response, Evidence evidence) throws PluginCallException {
        GoJsonScanner scanner = new GoJsonScanner();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        Buffer chunk = new Buffer();
        try {
            BufferedSource source = response.body().source();
            while (source.read(chunk, 8192) != -1) {
                byte[] bytes = chunk.readByteArray();
                int end;
                try {
                    end = scanner.feed(bytes, 0, bytes.length);
                } catch (GoJsonScanner.SyntaxError syntaxError) {
                    end = bytes.length; // the decoder reports it from what was read
                }
                read.write(bytes, 0, end < 0 ? bytes.length : end);
                if (end >= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            evidence.body(read.toByteArray());
            evidence.error(e.toString());
            throw readError(e);
        }
        byte[] value = read.toByteArray();
        evidence.body(value);
        return value;
    }

    /** io.ReadAll (or io.Copy to discard, for a 404): a read error is returned as the attempt's error. */
    private static String readWholeBody(Response response, Evidence evidence) throws PluginCallException {
        byte[] body;
        try {
            body = response.body().bytes();
        } catch (IOException e) {
            evidence.error(e.toString());
            throw readError(e);
        }
        evidence.body(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    private static PluginCallException transportError(String url, IOException e, GoConnection ends) {
        String cause;
        if (e instanceof ConnectException) {
            cause = "dial tcp " + ends.dialled().orElseGet(() -> hostPort(url)) + ": connect: connection refused";
        } else if (e instanceof InterruptedIOException) {
            cause = "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
        } else if (e instanceof SocketException && String.valueOf(e.getMessage()).contains("reset")) {
            cause = "read tcp " + ends.connection().orElseGet(() -> hostPort(url)) + ": read: connection reset by peer";
        } else if (String.valueOf(e.getMessage()).startsWith("unexpected end of stream")) {
            cause = "EOF";
        } else {
            cause = String.valueOf(e.getMessage());
        }
        return new PluginCallException("Post \"" + url + "\": " + cause, true, e);
    }

    private static PluginCallException readError(IOException e) {
        if (e instanceof InterruptedIOException) {
            return new PluginCallException("context deadline exceeded (Client.Timeout or context cancellation while reading body)", true, e);
        }
        if (e instanceof ProtocolException || e instanceof java.io.EOFException) {
            return new PluginCallException("unexpected EOF", true, e);
        }
        return new PluginCallException(String.valueOf(e.getMessage()), true, e);
    }

    private static String scheme(String url) {
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon) : "";
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme.toLowerCase(java.util.Locale.ROOT) : "";
    }

    private static String hostPort(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static Dispatcher unlimitedDispatcher() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(1024);
        return dispatcher;
    }

    /**
     * Collects one attempt's evidence and hands it to the listener once. Keeps the raw parts and
     * decodes, cuts and redacts them only on publish, so a client without a listener pays nothing.
     */
    private final class Evidence {
        private String url;
        private String httpMethod = "POST";
        private final GoConnection ends = new GoConnection(connectionsOpened::incrementAndGet);
        private final byte[] requestBody;
        private final Instant startedAt;
        private final int attempt;
        private int status;
        private String reason = "";
        private Headers responseHeaders; // null: no response (yet)
        private byte[] responseBody;
        private String error;

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

        /** The exchange so far was a redirect: publish it and start recording the next hop. */
        void publishHop() {
            publish(Duration.ZERO);
            status = 0;
            reason = "";
            responseHeaders = null;
            responseBody = null;
        }

        void hop(String nextUrl, String method) {
            url = nextUrl;
            httpMethod = method;
        }

        void publish(Duration duration) {
            if (listener == CallListener.NONE) {
                return;
            }
            listener.onCall(new RecordedCall(name, attempt, httpMethod, url, argoHeaders ? REQUEST_HEADERS : BARE_REQUEST_HEADERS,
                    httpMethod.equals("GET") ? "" : text(requestBody),
                    status, reason, headers(responseHeaders), responseBody == null ? null : text(responseBody),
                    redact(error), startedAt, duration));
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
