package dev.argoconformance.suite.probe;

import static io.restassured.RestAssured.given;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.client.Redaction;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.Filter;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests Argo itself would never send (a wrong token, no token, an unknown method), sent straight
 * to the plugin with REST-assured and recorded like the reference controller's calls, token redacted.
 */
public final class HttpProbe {

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            // REST-assured would otherwise append "; charset=ISO-8859-1"; plugins see exactly what we mean to send.
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 5_000)
                    .setParam("http.socket.timeout", 30_000));

    private final URI baseUrl;
    private final String secret;

    public HttpProbe(URI baseUrl, String secret) {
        this.baseUrl = baseUrl;
        this.secret = secret;
    }

    /** POSTs {@code body} to {@code path} with exactly these headers (in order); returns the recorded exchange. */
    public RecordedCall post(String path, Map<String, String> headers, byte[] body) {
        RequestSpecification request =
                given().config(CONFIG).baseUri(baseUrl.toString()).urlEncodingEnabled(false);
        headers.forEach(request::header);
        if (body != null) {
            request.body(body);
        }
        return exchange(request, "POST", path, headers, body);
    }

    private RecordedCall exchange(
            RequestSpecification request, String method, String path, Map<String, String> headers, byte[] body) {
        List<RecordedCall.Header> sent = new ArrayList<>();
        Filter capture = (req, res, ctx) -> {
            req.getHeaders()
                    .forEach(h ->
                            sent.add(new RecordedCall.Header(h.getName(), Redaction.redact(h.getValue(), secret))));
            return ctx.next(req, res);
        };
        Instant startedAt = Clock.systemUTC().instant();
        long start = System.nanoTime();
        String url = baseUrl + path;
        String requestBody = body == null
                ? ""
                : Redaction.redact(RecordedCall.cut(new String(body, StandardCharsets.UTF_8)), secret);
        try {
            Response response = request.filter(capture).request(method, path);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<RecordedCall.Header> received = new ArrayList<>();
            for (Header h : response.getHeaders()) {
                received.add(new RecordedCall.Header(h.getName(), Redaction.redact(h.getValue(), secret)));
            }
            String reason = reason(response.getStatusLine());
            String responseBody = Redaction.redact(RecordedCall.cut(response.asString()), secret);
            return new RecordedCall(
                    "probe",
                    1,
                    method,
                    url,
                    sent.isEmpty() ? declared(headers) : sent,
                    requestBody,
                    response.getStatusCode(),
                    reason,
                    received,
                    responseBody,
                    null,
                    startedAt,
                    took);
        } catch (Exception e) { // REST-assured rethrows the HTTP client's IOExceptions unchecked, via Groovy
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new RecordedCall(
                    "probe",
                    1,
                    method,
                    url,
                    declared(headers),
                    requestBody,
                    0,
                    "",
                    List.of(),
                    null,
                    Redaction.redact(String.valueOf(e.getMessage()), secret),
                    startedAt,
                    took);
        }
    }

    private List<RecordedCall.Header> declared(Map<String, String> headers) {
        List<RecordedCall.Header> out = new ArrayList<>();
        new LinkedHashMap<>(headers)
                .forEach((k, v) -> out.add(new RecordedCall.Header(k, Redaction.redact(v, secret))));
        return out;
    }

    private static String reason(String statusLine) {
        if (statusLine == null) {
            return "";
        }
        String[] parts = statusLine.split(" ", 3);
        return parts.length == 3 ? parts[2] : "";
    }
}
