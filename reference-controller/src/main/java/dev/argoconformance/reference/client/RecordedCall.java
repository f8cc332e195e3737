package dev.argoconformance.reference.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One HTTP exchange with a plugin, as evidence: the request, the response or the transport error,
 * the attempt number and the timing. Secrets are already redacted when a RecordedCall exists.
 */
public record RecordedCall(
        String plugin,
        int attempt,
        String httpMethod,
        String url,
        List<Header> requestHeaders,
        String requestBody,
        int status,
        String reason,
        List<Header> responseHeaders,
        String responseBody,
        String error,
        Instant startedAt,
        Duration duration) {

    /** Bodies longer than this are cut in evidence; the rest is counted, not kept. */
    public static final int MAX_BODY_CHARS = 16 * 1024;

    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    public RecordedCall {
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }

    public boolean hasResponse() {
        return status > 0;
    }

    public String requestLine() {
        return httpMethod + " " + url;
    }

    public String statusLine() {
        if (!hasResponse()) {
            return "no response: " + error;
        }
        return reason == null || reason.isEmpty() ? String.valueOf(status) : status + " " + reason;
    }

    /** A shell line that replays the request; the token appears as ${ARGO_TOKEN} for the reader to fill in (braced: the token may be followed by more text). */
    public String curl() {
        StringBuilder b =
                new StringBuilder("curl -i -X ").append(httpMethod).append(' ').append(shellQuote(url));
        for (Header h : requestHeaders) {
            String value = h.name().equalsIgnoreCase("Authorization")
                    ? h.value().replace(Redaction.MASK, "${ARGO_TOKEN}")
                    : h.value();
            if (h.name().equalsIgnoreCase("Authorization")) {
                b.append(" -H \"")
                        .append(h.name())
                        .append(": ")
                        .append(value.replace("\"", "\\\""))
                        .append('"');
            } else if (!h.name().equalsIgnoreCase("Content-Length") && !h.name().equalsIgnoreCase("Host")) {
                b.append(" -H ").append(shellQuote(h.name() + ": " + value));
            }
        }
        if (requestBody != null && !requestBody.isEmpty()) {
            b.append(" --data-binary ").append(shellQuote(requestBody));
        }
        return b.toString();
    }

    /** A short transcript: request line, headers, body; then status, headers, body. */
    public String transcript() {
        String request = requestLine() + "\n"
                + requestHeaders.stream().map(Header::toString).collect(Collectors.joining("\n"))
                + (requestBody == null || requestBody.isEmpty() ? "" : "\n\n" + requestBody);
        String response = hasResponse()
                ? statusLine() + "\n"
                        + responseHeaders.stream().map(Header::toString).collect(Collectors.joining("\n"))
                        + (responseBody == null || responseBody.isEmpty() ? "" : "\n\n" + responseBody)
                : "no response: " + error;
        return "> " + request.replace("\n", "\n> ") + "\n< " + response.replace("\n", "\n< ");
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Cuts a body for evidence at {@link #MAX_BODY_CHARS}, saying how much was left out. */
    public static String cut(String body) {
        if (body == null || body.length() <= MAX_BODY_CHARS) {
            return body;
        }
        return body.substring(0, MAX_BODY_CHARS) + "…(" + (body.length() - MAX_BODY_CHARS) + " more characters)";
    }
}
