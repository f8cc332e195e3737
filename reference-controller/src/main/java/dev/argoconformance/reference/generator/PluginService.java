package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.client.CallListener;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.client.Redaction;
import dev.argoconformance.reference.generator.gotext.GoValues;
import dev.argoconformance.reference.goruntime.GoUrl;
import dev.argoconformance.reference.generator.gotext.TypedMap;
import dev.argoconformance.reference.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.ConnectionPool;
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
 * The getparams call exactly as Argo CD's ApplicationSet controller makes it: {@code plugin.Service.List} over
 * {@code internalhttp.Client} ({@code applicationset/services/plugin/plugin_service.go},
 * {@code applicationset/services/internal/http/client.go}, {@code client_options.go}). Not the executor's
 * {@code PluginClient}: Argo CD has its own policy.
 *
 * <ul>
 *   <li>{@code POST <baseUrl>[/]api/v1/getparams.execute}, the URL joined as a string, so a path prefix stays.
 *   <li>{@code Content-Type: application/json}; {@code Authorization: Bearer <token>} only when the token is not
 *       empty; {@code User-Agent: argocd-applicationset}. Nothing else but what Go's transport adds
 *       ({@code Host}, {@code Content-Length}, {@code Accept-Encoding: gzip}); OkHttp's
 *       {@code Connection: Keep-Alive} is taken back out.
 *   <li>Body: {@code {"applicationSetName":..,"input":{"parameters":{..}}}} and a newline, Go's {@code json.Encoder}
 *       with HTML escaping off; {@code parameters} left out when empty ({@code omitempty}); keys sorted.
 *   <li>One timeout over the whole exchange, redirects and body included ({@code http.Client.Timeout}: 30 s, or the
 *       ConfigMap's {@code requestTimeout}; zero or negative means none). No retries.
 *   <li>Redirects as Go follows them: at most 10; 301/302/303 turn into a body-less GET, 307/308 re-send the POST;
 *       {@code Authorization} only to the same host and port or a subdomain; a {@code Referer}.
 *   <li>2xx is success; anything else is {@code API error with status code N: <message|error|body>}.
 * </ul>
 *
 * Every HTTP exchange, each redirect hop included, reaches the {@link CallListener} as a {@link RecordedCall} with the
 * token masked.
 */
final class PluginService {

    static final String PATH = "api/v1/getparams.execute";
    /** {@code userAgent} in internal/http/client.go. */
    static final String USER_AGENT = "argocd-applicationset";
    /** {@code defaultTimeout} in internal/http/client.go, in seconds there. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Go's {@code defaultCheckRedirect}. */
    static final int MAX_REDIRECTS = 10;
    /** What Go reads of a redirect's body before closing it. */
    private static final int REDIRECT_SLURP = 2 << 10;

    private static final MediaType JSON = MediaType.get("application/json");

    /** Go's default transport pools connections process-wide; so does this shared client. */
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(32, 90, TimeUnit.SECONDS)) // Go: IdleConnTimeout 90 s
            .followRedirects(false) // Go's policy is applied below, hop by hop
            .followSslRedirects(false)
            .retryOnConnectionFailure(false) // Go does not silently re-send a POST
            .eventListenerFactory(dev.argoconformance.reference.goruntime.GoConnection.factory()) // Go's reuse rules
            .connectTimeout(Duration.ofSeconds(30)) // net.Dialer{Timeout: 30 s} of http.DefaultTransport
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .addNetworkInterceptor(chain -> {
                Request sent = chain.request().newBuilder().removeHeader("Connection").build();
                Hop hop = sent.tag(Hop.class);
                if (hop != null) {
                    hop.sentHeaders = sent.headers();
                }
                return chain.proceed(sent);
            })
            .build();

    private final String plugin;
    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private final CallListener listener;

    /**
     * @param plugin the ConfigMap name, for evidence
     * @param timeout the whole-exchange timeout; null, zero or negative for none
     */
    PluginService(String plugin, String baseUrl, String token, Duration timeout, CallListener listener) {
        this.plugin = plugin;
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? null : timeout;
        this.listener = listener;
    }

    /** The request body Argo sends, byte for byte. */
    static byte[] requestBody(String appSetName, TypedMap parameters) {
        StringBuilder body = new StringBuilder("{\"applicationSetName\":")
                .append(GoValues.quoteJson(appSetName, false))
                .append(",\"input\":{");
        if (!parameters.entries().isEmpty()) {
            body.append("\"parameters\":").append(GoValues.marshal(parameters, false));
        }
        return body.append("}}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The URL Argo builds: a slash appended to baseUrl when missing, then the path. */
    static String url(String baseUrl) {
        return (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + PATH;
    }

    /**
     * {@code Service.List}.
     *
     * @throws GeneratorError {@code NewRequest returned unexpected error: ...} or {@code error get api '<name>': ...}
     */
    PluginReplyDecoder.Decoded list(String appSetName, TypedMap parameters) throws GeneratorError {
        String url = url(baseUrl);
        String parseError = GoUrl.parseError(url);
        if (parseError != null) {
            throw new GeneratorError("NewRequest returned unexpected error: parse " + GoValues.quote(url) + ": " + parseError);
        }
        try {
            return exchange(url, requestBody(appSetName, parameters));
        } catch (Failure e) {
            throw new GeneratorError("error get api '" + appSetName + "': " + e.getMessage());
        }
    }

    /** A failure of {@code Client.Do}, with Go's text. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /** Evidence of one HTTP exchange. */
    private static final class Hop {
        volatile Headers sentHeaders;
    }

    private PluginReplyDecoder.Decoded exchange(String firstUrl, byte[] body) throws Failure {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        String url = firstUrl;
        String method = "POST";
        byte[] sendBody = body;
        String previousUrl = null;
        int sent = 0;
        while (true) {
            String sendError = GoUrl.sendError(url);
            if (sendError != null) {
                record(url, method, sendBody, null, null, null, sendError, Instant.now(), 0);
                throw new Failure("Post " + GoValues.quote(url) + ": " + sendError);
            }
            boolean authorization = !token.isEmpty() && (previousUrl == null || GoUrl.sameHost(previousUrl, url));
            Request.Builder builder = new Request.Builder().url(url);
            Headers.Builder headers = new Headers.Builder()
                    .add("Content-Type", "application/json")
                    .add("User-Agent", USER_AGENT);
            if (authorization) {
                if (!validHeaderValue(token)) {
                    record(url, method, sendBody, null, null, null, "invalid header value", Instant.now(), 0);
                    throw new Failure("Post " + GoValues.quote(url) + ": net/http: invalid header field value for \"Authorization\"");
                }
                headers.addUnsafeNonAscii("Authorization", "Bearer " + token);
            }
            if (previousUrl != null && GoUrl.refers(previousUrl, url)) {
                headers.add("Referer", previousUrl);
            }
            Hop hop = new Hop();
            builder.headers(headers.build()).tag(Hop.class, hop);
            builder.method(method, sendBody == null ? null : RequestBody.create(sendBody, JSON));
            Request request = builder.build();
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            long remaining = deadline - start;
            if (remaining <= 0) {
                record(url, method, sendBody, hop, null, null, "timeout", startedAt, 0);
                throw new Failure("Post " + GoValues.quote(url) + ": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
            }
            Call call = SHARED.newCall(request);
            if (deadline != Long.MAX_VALUE) {
                call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            }
            sent++;
            Response response;
            try {
                response = call.execute();
            } catch (IOException e) {
                record(url, method, sendBody, hop, null, null, e.toString(), startedAt, System.nanoTime() - start);
                throw new Failure("Post " + GoValues.quote(url) + ": " + transportCause(e, request.url(), deadline));
            }
            try (response) {
                int code = response.code();
                String location = response.header("Location");
                if (isRedirect(code) && location != null && !location.isEmpty()) {
                    byte[] slurped = readQuietly(response.body().source(), REDIRECT_SLURP);
                    record(url, method, sendBody, hop, response, slurped, null, startedAt, System.nanoTime() - start);
                    HttpUrl next = request.url().resolve(location);
                    if (next == null) {
                        throw new Failure("Post " + GoValues.quote(url) + ": failed to parse Location header " + GoValues.quote(location)
                                + ": parse " + GoValues.quote(location) + ": invalid URL");
                    }
                    if (sent >= MAX_REDIRECTS) {
                        throw new Failure("Post " + GoValues.quote(location) + ": stopped after 10 redirects");
                    }
                    if (code == 301 || code == 302 || code == 303) {
                        method = "GET";
                        sendBody = null;
                    }
                    previousUrl = url;
                    url = next.toString();
                    continue;
                }
                if (code >= 200 && code < 300) {
                    return decodeSuccess(response, url, method, sendBody, hop, startedAt, start, deadline);
                }
                throw apiError(response, url, method, sendBody, hop, startedAt, start, deadline);
            }
        }
    }

    private PluginReplyDecoder.Decoded decodeSuccess(Response response, String url, String method, byte[] sendBody, Hop hop,
            Instant startedAt, long start, long deadline) throws Failure {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        PluginReplyDecoder.FirstValueScanner scanner = new PluginReplyDecoder.FirstValueScanner();
        BufferedSource source = response.body().source();
        Buffer chunk = new Buffer();
        try {
            while (!scanner.isDone()) {
                long n = source.read(chunk, 8192);
                if (n == -1) {
                    break;
                }
                byte[] bytes = chunk.readByteArray();
                read.write(bytes, 0, bytes.length);
                scanner.feed(bytes, bytes.length);
            }
        } catch (IOException e) {
            record(url, method, sendBody, hop, response, read.toByteArray(), e.toString(), startedAt, System.nanoTime() - start);
            throw new Failure(bodyReadCause(e, deadline) + ": " + read.toString(StandardCharsets.UTF_8));
        }
        byte[] body = read.toByteArray();
        record(url, method, sendBody, hop, response, body, null, startedAt, System.nanoTime() - start);
        try {
            return PluginReplyDecoder.decode(body);
        } catch (PluginReplyDecoder.DecodeFailure e) {
            throw new Failure(e.getMessage() + ": " + new String(body, StandardCharsets.UTF_8));
        }
    }

    /** {@code CheckResponse}: the whole body, then message, error, or the raw body. */
    private Failure apiError(Response response, String url, String method, byte[] sendBody, Hop hop, Instant startedAt, long start,
            long deadline) {
        String prefix = "API error with status code " + response.code() + ": ";
        byte[] body;
        try {
            body = response.body().bytes();
        } catch (IOException e) {
            record(url, method, sendBody, hop, response, null, e.toString(), startedAt, System.nanoTime() - start);
            return new Failure(prefix + bodyReadCause(e, deadline));
        }
        record(url, method, sendBody, hop, response, body, null, startedAt, System.nanoTime() - start);
        return new Failure(prefix + errorMessage(body));
    }

    /**
     * The message part of {@code CheckResponse}: {@code json.Unmarshal} of the whole body into {@code map[string]any};
     * when that fails (empty, text, an array, trailing bytes) the raw body; else {@code message} if it is a string, else
     * {@code error} if it is a string, else nothing ({@code null} unmarshals into a nil map: nothing).
     */
    static String errorMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (IOException e) {
            return text;
        }
        if (parsed == null || parsed.isMissingNode() || !(parsed.isObject() || parsed.isNull())) {
            return text;
        }
        if (parsed.path("message").isTextual()) {
            return parsed.get("message").textValue();
        }
        if (parsed.path("error").isTextual()) {
            return parsed.get("error").textValue();
        }
        return "";
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private static byte[] readQuietly(BufferedSource source, int limit) {
        Buffer buffer = new Buffer();
        try {
            while (buffer.size() < limit && source.read(buffer, limit - buffer.size()) != -1) {
                // keep reading
            }
        } catch (IOException ignored) {
            // Go ignores errors while draining a redirect
        }
        return buffer.readByteArray();
    }

    /** {@code httpguts.ValidHeaderFieldValue}: no control bytes but tab. */
    private static boolean validHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Go's text for a failure before any response arrived (approximate where Go names the resolved address). */
    private static String transportCause(IOException e, HttpUrl url, long deadline) {
        if (System.nanoTime() >= deadline || e instanceof InterruptedIOException && "timeout".equals(e.getMessage())) {
            return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
        }
        String address = url.host() + ":" + url.port();
        if (e instanceof ConnectException) {
            return "dial tcp " + address + ": connect: connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "dial tcp: lookup " + url.host() + ": no such host";
        }
        if (e instanceof SSLException) {
            return "tls: " + e.getMessage();
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof SocketException && message.toLowerCase(Locale.ROOT).contains("reset")) {
            return "read tcp " + address + ": read: connection reset by peer";
        }
        if (e instanceof EOFException || message.startsWith("unexpected end of stream")) {
            return "EOF";
        }
        return message;
    }

    /** Go's text for a failure while the body was being read. */
    private static String bodyReadCause(IOException e, long deadline) {
        if (System.nanoTime() >= deadline || e instanceof InterruptedIOException) {
            return "context deadline exceeded (Client.Timeout or context cancellation while reading body)";
        }
        if (e instanceof ProtocolException || e instanceof EOFException || String.valueOf(e.getMessage()).contains("unexpected end of stream")) {
            return "unexpected EOF";
        }
        return String.valueOf(e.getMessage());
    }

    private void record(String url, String method, byte[] sendBody, Hop hop, Response response, byte[] responseBody, String error,
            Instant startedAt, long nanos) {
        if (listener == CallListener.NONE) {
            return;
        }
        List<RecordedCall.Header> requestHeaders = new ArrayList<>();
        Headers sent = hop == null ? null : hop.sentHeaders;
        if (sent != null) {
            sent.forEach(h -> requestHeaders.add(new RecordedCall.Header(h.getFirst(), redactHeader(h.getFirst(), h.getSecond()))));
        } else {
            requestHeaders.add(new RecordedCall.Header("Content-Type", "application/json"));
            requestHeaders.add(new RecordedCall.Header("User-Agent", USER_AGENT));
            if (!token.isEmpty()) {
                requestHeaders.add(new RecordedCall.Header("Authorization", "Bearer " + Redaction.MASK));
            }
        }
        List<RecordedCall.Header> responseHeaders = new ArrayList<>();
        if (response != null) {
            response.headers().forEach(h -> responseHeaders.add(new RecordedCall.Header(h.getFirst(), redact(h.getSecond()))));
        }
        listener.onCall(new RecordedCall(plugin, 1, method, url, requestHeaders,
                sendBody == null ? null : redact(RecordedCall.cut(new String(sendBody, StandardCharsets.UTF_8))),
                response == null ? 0 : response.code(), response == null ? "" : response.message(), responseHeaders,
                responseBody == null ? null : redact(RecordedCall.cut(new String(responseBody, StandardCharsets.UTF_8))),
                error == null ? null : redact(error), startedAt, Duration.ofNanos(nanos)));
    }

    private String redactHeader(String name, String value) {
        return name.equalsIgnoreCase("Authorization") ? "Bearer " + Redaction.MASK : redact(value);
    }

    private String redact(String text) {
        return Redaction.redact(text, token);
    }
}
