package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.client.CallListener;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.client.Redaction;
import dev.argoconformance.reference.generator.gotext.GoValues;
import dev.argoconformance.reference.generator.gotext.TypedMap;
import dev.argoconformance.reference.goruntime.GoHttpClient;
import dev.argoconformance.reference.goruntime.GoHttpClient.GoHttpException;
import dev.argoconformance.reference.goruntime.GoUrl;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Headers;

/**
 * The getparams call exactly as Argo CD's ApplicationSet controller makes it: {@code plugin.Service.List} over
 * {@code internalhttp.Client} ({@code applicationset/services/plugin/plugin_service.go},
 * {@code applicationset/services/internal/http/client.go}, {@code client_options.go}). Not the executor's
 * {@code PluginClient}: Argo CD has its own policy.
 *
 * The HTTP exchange is Go's ({@link GoHttpClient}); what is Argo CD's own is here.
 *
 * <ul>
 *   <li>{@code POST <baseUrl>[/]api/v1/getparams.execute}, the URL joined as a string, so a path prefix stays.
 *   <li>{@code Content-Type: application/json}; {@code Authorization: Bearer <token>} only when the token is not
 *       empty; {@code User-Agent: argocd-applicationset}. Nothing else but what Go's transport adds.
 *   <li>Body: {@code {"applicationSetName":..,"input":{"parameters":{..}}}} and a newline, Go's {@code json.Encoder}
 *       with HTML escaping off; {@code parameters} left out when empty ({@code omitempty}); keys sorted.
 *   <li>One timeout over the whole exchange, redirects and body included ({@code http.Client.Timeout}: 30 s, or the
 *       ConfigMap's {@code requestTimeout}; zero or negative means none). No retries.
 *   <li>Redirects as Go follows them.
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

    /** Go's default transport pools connections process-wide; so does this shared pool. */
    private static final ConnectionPool POOL =
            new ConnectionPool(32, GoHttpClient.GO_IDLE_CONN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    private final String plugin;
    private final String baseUrl;
    private final String token;
    private final GoHttpClient http;
    private final CallListener listener;

    /**
     * @param plugin the ConfigMap name, for evidence
     * @param timeout the whole-exchange timeout; null, zero or negative for none
     */
    PluginService(String plugin, String baseUrl, String token, Duration timeout, CallListener listener) {
        this.plugin = plugin;
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = new GoHttpClient(POOL, timeout, () -> {});
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
            throw new GeneratorError(
                    "NewRequest returned unexpected error: parse " + GoValues.quote(url) + ": " + parseError);
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

    private PluginReplyDecoder.Decoded exchange(String url, byte[] body) throws Failure {
        Headers.Builder headers =
                new Headers.Builder().add("Content-Type", "application/json").add("User-Agent", USER_AGENT);
        if (!token.isEmpty()) {
            if (!validHeaderValue(token)) {
                record(new GoHttpClient.Hop(
                        url,
                        "POST",
                        body,
                        null,
                        null,
                        null,
                        "invalid header value",
                        java.time.Instant.now(),
                        Duration.ZERO));
                throw new Failure(
                        "Post " + GoValues.quote(url) + ": net/http: invalid header field value for \"Authorization\"");
            }
            headers.addUnsafeNonAscii("Authorization", "Bearer " + token);
        }
        GoHttpClient.Reply reply;
        try {
            reply = http.post(url, headers.build(), body, this::record);
        } catch (GoHttpException e) {
            throw new Failure(e.getMessage());
        }
        try (reply) {
            int code = reply.code();
            if (code >= 200 && code < 300) {
                return decodeSuccess(reply);
            }
            throw apiError(reply);
        }
    }

    /** {@code json.NewDecoder(io.TeeReader(body, buf)).Decode}: a failure shows what the decoder read. */
    private PluginReplyDecoder.Decoded decodeSuccess(GoHttpClient.Reply reply) throws Failure {
        byte[] body;
        try {
            body = reply.readFirstJsonValue().read();
        } catch (GoHttpException e) {
            record(reply.hop(e.partialBody(), e.getCause().toString()));
            throw new Failure(e.getMessage() + ": " + new String(e.partialBody(), StandardCharsets.UTF_8));
        }
        record(reply.hop(body, null));
        try {
            return PluginReplyDecoder.decode(body);
        } catch (PluginReplyDecoder.DecodeFailure e) {
            throw new Failure(e.getMessage() + ": " + new String(body, StandardCharsets.UTF_8));
        }
    }

    /** {@code CheckResponse}: the whole body, then message, error, or the raw body. */
    private Failure apiError(GoHttpClient.Reply reply) {
        String prefix = "API error with status code " + reply.code() + ": ";
        byte[] body;
        try {
            body = reply.readAll();
        } catch (GoHttpException e) {
            record(reply.hop(null, e.getCause().toString()));
            return new Failure(prefix + e.getMessage());
        }
        record(reply.hop(body, null));
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
            parsed = Json.MAPPER
                    .readerFor(JsonNode.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(text);
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

    private void record(GoHttpClient.Hop hop) {
        if (listener == CallListener.NONE) {
            return;
        }
        List<RecordedCall.Header> requestHeaders = new ArrayList<>();
        if (hop.sentHeaders() != null) {
            hop.sentHeaders()
                    .forEach(h -> requestHeaders.add(
                            new RecordedCall.Header(h.getFirst(), redactHeader(h.getFirst(), h.getSecond()))));
        } else {
            requestHeaders.add(new RecordedCall.Header("Content-Type", "application/json"));
            requestHeaders.add(new RecordedCall.Header("User-Agent", USER_AGENT));
            if (!token.isEmpty()) {
                requestHeaders.add(new RecordedCall.Header("Authorization", "Bearer " + Redaction.MASK));
            }
        }
        List<RecordedCall.Header> responseHeaders = new ArrayList<>();
        if (hop.response() != null) {
            hop.response()
                    .headers()
                    .forEach(h -> responseHeaders.add(new RecordedCall.Header(h.getFirst(), redact(h.getSecond()))));
        }
        listener.onCall(new RecordedCall(
                plugin,
                1,
                hop.method(),
                hop.url(),
                requestHeaders,
                hop.requestBody() == null
                        ? null
                        : redact(RecordedCall.cut(new String(hop.requestBody(), StandardCharsets.UTF_8))),
                hop.response() == null ? 0 : hop.response().code(),
                hop.response() == null ? "" : hop.response().message(),
                responseHeaders,
                hop.responseBody() == null
                        ? null
                        : redact(RecordedCall.cut(new String(hop.responseBody(), StandardCharsets.UTF_8))),
                hop.error() == null ? null : redact(hop.error()),
                hop.startedAt(),
                hop.duration()));
    }

    private String redactHeader(String name, String value) {
        return name.equalsIgnoreCase("Authorization") ? "Bearer " + Redaction.MASK : redact(value);
    }

    private String redact(String text) {
        return Redaction.redact(text, token);
    }
}
