package dev.argoconformance.reference.goruntime;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Go's {@code http.Client{Timeout: t}.Do(POST)} over OkHttp, as both Argo Workflows' plugin client and Argo CD's
 * generator client make it (Go 1.25's {@code net/http/client.go}; decision record 0009).
 *
 * <ul>
 *   <li>One timeout over the whole exchange, redirects and body included; {@code net.Dialer{Timeout: 30s}} of
 *       {@code DefaultTransport}; no silent re-send.
 *   <li>Redirects: 301/302/303 become a body-less GET, 307/308 re-send the POST; a missing or empty
 *       {@code Location} makes the 3xx the reply; at most 10 requests, then {@code Post "<Location>": stopped after 10
 *       redirects}. Every hop carries the first request's headers; the sensitive ones ({@code Authorization},
 *       {@code Cookie}...) are dropped for good once a hop leaves the first host name and its subdomains
 *       ({@code shouldCopyHeaderOnRedirect}; the port does not count). A {@code Referer} names the previous hop,
 *       unless https goes to http. A redirect's body is read up to 2 KiB, as Go drains it.
 *   <li>Errors read as Go's {@code *url.Error}: {@code Post "<url>": dial tcp 127.0.0.1:4355: connect: connection
 *       refused}; a 200's body read like {@code json.Decoder}: up to the end of the first JSON value.
 *   <li>Headers: only what Go's transport adds ({@code User-Agent: Go-http-client/1.1} unless given, {@code Host},
 *       {@code Content-Length}, {@code Accept-Encoding: gzip}); OkHttp's {@code Connection: Keep-Alive} is taken out.
 * </ul>
 */
public final class GoHttpClient {

    /** What Go's transport sends when the request names no User-Agent. */
    public static final String GO_USER_AGENT = "Go-http-client/1.1";
    /** Go's http.DefaultMaxIdleConnsPerHost. */
    public static final int GO_MAX_IDLE_PER_HOST = 2;
    /** Go's DefaultTransport IdleConnTimeout. */
    public static final Duration GO_IDLE_CONN_TIMEOUT = Duration.ofSeconds(90);

    /** defaultCheckRedirect: requests sent before a further redirect is refused. */
    private static final int MAX_REDIRECTS = 10;
    /** maxBodySlurpSize: what Go reads of a redirect's body before closing it. */
    private static final int REDIRECT_SLURP = 2 << 10;
    /** makeHeadersCopier's sensitive headers (Go 1.25). */
    private static final Set<String> SENSITIVE = Set.of("authorization", "www-authenticate", "cookie", "cookie2");

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .dispatcher(unlimitedDispatcher())
            .followRedirects(false) // followed below, Go's way
            .followSslRedirects(false)
            .retryOnConnectionFailure(false) // Go does not silently re-send a POST
            .eventListenerFactory(GoConnection.factory())
            .connectTimeout(Duration.ofSeconds(30)) // net.Dialer{Timeout: 30 s} of http.DefaultTransport
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .addNetworkInterceptor(chain -> {
                Request sent =
                        chain.request().newBuilder().removeHeader("Connection").build(); // Go sends none on HTTP/1.1
                Sent holder = sent.tag(Sent.class);
                if (holder != null) {
                    holder.headers = sent.headers();
                }
                return chain.proceed(sent);
            })
            .build();

    private final OkHttpClient http;
    private final Duration timeout;
    private final Runnable onConnect;

    /**
     * @param pool the transport's idle connections (one per Go process: share it as the process shares its transport)
     * @param timeout {@code http.Client.Timeout}; null, zero or negative for none
     * @param onConnect told of every new TCP connection as it opens
     */
    public GoHttpClient(ConnectionPool pool, Duration timeout, Runnable onConnect) {
        this.http = SHARED.newBuilder().connectionPool(pool).build();
        this.timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? null : timeout;
        this.onConnect = onConnect;
    }

    public ConnectionPool connectionPool() {
        return http.connectionPool();
    }

    /** One HTTP exchange that did not become the reply: a redirect followed, or the one that failed. */
    public record Hop(
            String url,
            String method,
            byte[] requestBody,
            Headers sentHeaders,
            Response response,
            byte[] responseBody,
            String error,
            Instant startedAt,
            Duration duration) {}

    /** Told of each {@link Hop}, in order, before {@link #post} returns or throws. */
    @FunctionalInterface
    public interface HopListener {
        void onHop(Hop hop);
    }

    /** A failure with Go's text; {@code isTransient} as Argo's retry predicate sees a timeout, EOF or network error. */
    public static final class GoHttpException extends Exception {
        private final boolean transientError;
        private final byte[] partialBody;

        GoHttpException(String goMessage, boolean transientError, Throwable cause, byte[] partialBody) {
            super(goMessage, cause);
            this.transientError = transientError;
            this.partialBody = partialBody;
        }

        public boolean isTransient() {
            return transientError;
        }

        /** The body bytes read before a body read failed; empty otherwise. */
        public byte[] partialBody() {
            return partialBody == null ? new byte[0] : partialBody;
        }
    }

    /**
     * {@code Client.Do} of a POST with these headers (the first request's: every hop copies them) and body.
     *
     * @throws GoHttpException Go's {@code *url.Error}, after the failed hop reached {@code hops}
     */
    public Reply post(String url, Headers headers, byte[] body, HopListener hops) throws GoHttpException {
        Headers initial = headers.get("User-Agent") == null
                ? headers.newBuilder().add("User-Agent", GO_USER_AGENT).build()
                : headers;
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        GoConnection ends = new GoConnection(onConnect);
        HttpUrl first = HttpUrl.parse(url);
        String method = "POST";
        byte[] sendBody = body;
        String previousUrl = null;
        boolean stripSensitive = false;
        for (int sent = 0; ; sent++) {
            Instant startedAt = Instant.now();
            String sendError = GoUrl.sendError(url);
            if (sendError != null) {
                hops.onHop(new Hop(url, method, sendBody, null, null, null, sendError, startedAt, Duration.ZERO));
                throw new GoHttpException("Post " + GoStrconv.quote(url) + ": " + sendError, false, null, null);
            }
            HttpUrl target = HttpUrl.get(url);
            Headers.Builder hopHeaders = new Headers.Builder();
            for (int i = 0; i < initial.size(); i++) {
                if (!(stripSensitive && SENSITIVE.contains(initial.name(i).toLowerCase(Locale.ROOT)))) {
                    hopHeaders.addUnsafeNonAscii(initial.name(i), initial.value(i));
                }
            }
            if (previousUrl != null && GoUrl.refers(previousUrl, url)) {
                hopHeaders.set("Referer", previousUrl);
            }
            Sent holder = new Sent();
            Request request = new Request.Builder()
                    .url(target)
                    .headers(hopHeaders.build())
                    .method(method, sendBody == null ? null : RequestBody.create(sendBody, null))
                    .tag(Sent.class, holder)
                    .tag(GoConnection.class, ends)
                    .build();
            long start = System.nanoTime();
            long remaining = deadline - start;
            if (remaining <= 0) {
                hops.onHop(new Hop(url, method, sendBody, null, null, null, "timeout", startedAt, Duration.ZERO));
                throw new GoHttpException("Post " + GoStrconv.quote(url) + ": " + AWAITING_HEADERS, true, null, null);
            }
            Call call = http.newCall(request);
            if (deadline != Long.MAX_VALUE) {
                call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            }
            Response response;
            try {
                response = call.execute();
            } catch (IOException e) {
                hops.onHop(new Hop(
                        url, method, sendBody, holder.headers, null, null, e.toString(), startedAt, since(start)));
                throw new GoHttpException(
                        "Post " + GoStrconv.quote(url) + ": " + transportCause(e, target, ends, deadline),
                        true,
                        e,
                        null);
            }
            int code = response.code();
            String location = response.header("Location");
            if (!isRedirect(code) || location == null || location.isEmpty()) {
                return new Reply(response, url, method, sendBody, holder, startedAt, start, deadline);
            }
            byte[] slurped;
            try (response) {
                slurped = slurp(response);
            }
            hops.onHop(
                    new Hop(url, method, sendBody, holder.headers, response, slurped, null, startedAt, since(start)));
            HttpUrl next = target.resolve(location);
            if (next == null) {
                throw new GoHttpException(
                        "Post " + GoStrconv.quote(url) + ": failed to parse Location header "
                                + GoStrconv.quote(location) + ": parse " + GoStrconv.quote(location) + ": invalid URL",
                        false,
                        null,
                        null);
            }
            if (sent + 1 >= MAX_REDIRECTS) {
                throw new GoHttpException(
                        "Post " + GoStrconv.quote(location) + ": stopped after 10 redirects", false, null, null);
            }
            if (code == 301 || code == 302 || code == 303) {
                method = "GET";
                sendBody = null; // and never again, whatever follows
            }
            if (!stripSensitive
                    && !first.host().equals(next.host())
                    && !isDomainOrSubdomain(next.host(), first.host())) {
                stripSensitive = true; // for every later hop too, even one back on the first host
            }
            previousUrl = url;
            url = next.toString();
        }
    }

    /**
     * Go's {@code isDomainOrSubdomain} on {@code url.Hostname()}: the same host name, or one ending in
     * {@code "." + parent}; never for an IPv6 address.
     */
    static boolean isDomainOrSubdomain(String sub, String parent) {
        if (sub.equals(parent)) {
            return true;
        }
        if (sub.contains(":") || sub.contains("%")) {
            return false;
        }
        return sub.endsWith(parent)
                && sub.length() > parent.length()
                && sub.charAt(sub.length() - parent.length() - 1) == '.';
    }

    /** The reply: the response that was not a redirect to follow, its body unread. */
    public static final class Reply implements AutoCloseable {
        private final Response response;
        private final String url;
        private final String method;
        private final byte[] requestBody;
        private final Sent sent;
        private final Instant startedAt;
        private final long start;
        private final long deadline;

        private Reply(
                Response response,
                String url,
                String method,
                byte[] requestBody,
                Sent sent,
                Instant startedAt,
                long start,
                long deadline) {
            this.response = response;
            this.url = url;
            this.method = method;
            this.requestBody = requestBody;
            this.sent = sent;
            this.startedAt = startedAt;
            this.start = start;
            this.deadline = deadline;
        }

        public Response response() {
            return response;
        }

        /** The URL that answered: the last hop's. */
        public String url() {
            return url;
        }

        public String method() {
            return method;
        }

        public int code() {
            return response.code();
        }

        /** The final hop, with what was read of its body and the error, if any, for evidence. */
        public Hop hop(byte[] body, String error) {
            return new Hop(url, method, requestBody, sent.headers, response, body, error, startedAt, since(start));
        }

        /** {@code io.ReadAll(resp.Body)}. */
        public byte[] readAll() throws GoHttpException {
            try {
                return response.body().bytes();
            } catch (IOException e) {
                throw readError(e, deadline, null);
            }
        }

        /**
         * What {@code json.NewDecoder(resp.Body).Decode} reads: up to the end of the first JSON value, or to the syntax
         * error, or to the end of the body. Bytes after the value are never waited for, so a reply that goes on (or never
         * ends) after a complete value still succeeds. Returns everything read ({@link FirstValue#read}, as a TeeReader
         * would show it) and the first value itself.
         */
        public FirstValue readFirstJsonValue() throws GoHttpException {
            GoJsonScanner scanner = new GoJsonScanner();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            int valueLength = -1;
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
                    read.write(bytes, 0, bytes.length);
                    if (end >= 0) {
                        valueLength = read.size() - bytes.length + end;
                        break;
                    }
                }
            } catch (IOException e) {
                throw readError(e, deadline, read.toByteArray());
            }
            byte[] all = read.toByteArray();
            byte[] value = valueLength < 0 ? all : java.util.Arrays.copyOf(all, valueLength);
            return new FirstValue(all, value);
        }

        @Override
        public void close() {
            response.close();
        }
    }

    /** A body read up to its first JSON value: {@code read} may go on past it (within the chunk that ended it). */
    public record FirstValue(byte[] read, byte[] value) {}

    private static final String AWAITING_HEADERS =
            "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";

    /** Evidence of what went on the wire. */
    private static final class Sent {
        volatile Headers headers;
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private static byte[] slurp(Response response) {
        long length = response.body().contentLength();
        if (length > REDIRECT_SLURP) {
            return new byte[0]; // Go closes it unread
        }
        Buffer buffer = new Buffer();
        try {
            BufferedSource source = response.body().source();
            while (buffer.size() < REDIRECT_SLURP && source.read(buffer, REDIRECT_SLURP - buffer.size()) != -1) {
                // keep reading
            }
        } catch (IOException ignored) {
            // Go ignores errors while draining a redirect
        }
        return buffer.readByteArray();
    }

    /** Go's text for a failure before any response arrived, naming the addresses as net.OpError does. */
    private static String transportCause(IOException e, HttpUrl url, GoConnection ends, long deadline) {
        if (e instanceof InterruptedIOException || System.nanoTime() >= deadline) {
            return AWAITING_HEADERS;
        }
        String address = url.host() + ":" + url.port();
        if (e instanceof ConnectException) {
            return "dial tcp " + ends.dialled().orElse(address) + ": connect: connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "dial tcp: lookup " + url.host() + ": no such host";
        }
        if (e instanceof SSLException) {
            return "tls: " + e.getMessage();
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof SocketException && message.toLowerCase(Locale.ROOT).contains("reset")) {
            return "read tcp " + ends.connection().orElse(address) + ": read: connection reset by peer";
        }
        if (e instanceof EOFException || message.startsWith("unexpected end of stream")) {
            return "EOF";
        }
        return message;
    }

    /** Go's text for a failure while the body was being read (not a *url.Error: no "Post" prefix). */
    private static GoHttpException readError(IOException e, long deadline, byte[] partial) {
        String message;
        if (e instanceof InterruptedIOException || System.nanoTime() >= deadline) {
            message = "context deadline exceeded (Client.Timeout or context cancellation while reading body)";
        } else if (e instanceof ProtocolException
                || e instanceof EOFException
                || String.valueOf(e.getMessage()).contains("unexpected end of stream")) {
            message = "unexpected EOF";
        } else {
            message = String.valueOf(e.getMessage());
        }
        return new GoHttpException(message, true, e, partial);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Dispatcher unlimitedDispatcher() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(1024);
        return dispatcher;
    }
}
