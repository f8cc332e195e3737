package dev.argoconformance.suite.probe;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.client.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 on a bare socket, for requests no client library would send (a wrong Content-Length, a
 * raw NUL, a body cut short) and for what a library would hide: bytes the server writes after its
 * response, which is how a handler that answers 403 and then carries on shows itself.
 */
public final class RawHttp {

    /**
     * How long the bytes after a response are waited for when the server keeps the connection open
     * despite our Connection: close: a handler that carries on after a refusal writes at once.
     */
    static final Duration AFTER_RESPONSE_WINDOW = Duration.ofSeconds(2);

    /** What came back: the first response, and whatever the server wrote after it before closing. */
    public record Exchange(RecordedCall call, byte[] afterResponse) {
        public boolean wroteMoreAfterResponse() {
            return afterResponse.length > 0;
        }

        /**
         * Whether the server went on after its response: bytes after it, or a second status line
         * inside a body that ran to the connection's end (a response without Content-Length).
         */
        public boolean carriedOn() {
            String body = call.responseBody() == null ? "" : call.responseBody();
            return wroteMoreAfterResponse() || body.contains("HTTP/1.");
        }

        /** What the server wrote beyond its first response, shortened for a report. */
        public String whatFollowed() {
            String body = call.responseBody() == null ? "" : call.responseBody();
            String text = body + new String(afterResponse, StandardCharsets.UTF_8);
            return text.length() <= 400 ? text : text.substring(0, 400) + "…";
        }
    }

    private final URI baseUrl;
    private final String secret;
    private final Duration timeout;

    public RawHttp(URI baseUrl, String secret, Duration timeout) {
        this.baseUrl = baseUrl;
        this.secret = secret;
        this.timeout = timeout;
    }

    /**
     * Sends a request made of a request line, headers (written as given, Host and Connection: close
     * added) and body bytes; {@code halfClose} shuts our side after the body, as a client that gives
     * up mid-request does.
     */
    public Exchange send(
            String method, String path, List<RecordedCall.Header> headers, byte[] body, boolean halfClose) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        head.append("Host: ")
                .append(baseUrl.getHost())
                .append(':')
                .append(baseUrl.getPort())
                .append("\r\n");
        boolean framed = false;
        for (RecordedCall.Header h : headers) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
            framed |= h.name().equalsIgnoreCase("Content-Length") || h.name().equalsIgnoreCase("Transfer-Encoding");
        }
        if (!framed && body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        return exchange(method, path, headers, body, request.toByteArray(), halfClose);
    }

    private Exchange exchange(
            String method,
            String path,
            List<RecordedCall.Header> headers,
            byte[] body,
            byte[] bytes,
            boolean halfClose) {
        Instant startedAt = Clock.systemUTC().instant();
        long start = System.nanoTime();
        String url = baseUrl + path;
        List<RecordedCall.Header> shown = headers.stream()
                .map(h -> new RecordedCall.Header(h.name(), Redaction.redact(shorten(h.value()), secret)))
                .toList();
        String bodyText = body == null ? "" : Redaction.redact(RecordedCall.cut(printable(body)), secret);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort()), (int)
                    Math.min(timeout.toMillis(), 5_000));
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException writeFailed) {
                // The server may answer and close before reading everything (a 413 for a huge body); read what it said.
            }
            Response response = Response.read(socket);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            RecordedCall call = new RecordedCall(
                    "probe",
                    1,
                    method,
                    url,
                    shown,
                    bodyText,
                    response.status,
                    response.reason,
                    response.headers.stream()
                            .map(h -> new RecordedCall.Header(h.name(), Redaction.redact(h.value(), secret)))
                            .toList(),
                    Redaction.redact(RecordedCall.cut(printable(response.body)), secret),
                    response.error,
                    startedAt,
                    took);
            return new Exchange(
                    call,
                    Redaction.redact(new String(response.after, StandardCharsets.UTF_8), secret)
                            .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            RecordedCall call = new RecordedCall(
                    "probe",
                    1,
                    method,
                    url,
                    shown,
                    bodyText,
                    0,
                    "",
                    List.of(),
                    null,
                    Redaction.redact(describe(e), secret),
                    startedAt,
                    took);
            return new Exchange(call, new byte[0]);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no answer within the timeout";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String shorten(String value) {
        return value.length() <= 256
                ? value
                : value.substring(0, 256) + "…(" + (value.length() - 256) + " more characters)";
    }

    /** Bytes as text a reviewer can read: UTF-8 where valid, control characters as \xNN. */
    static String printable(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** One HTTP response read off a stream, and the bytes that followed it. */
    private static final class Response {
        int status;
        String reason = "";
        final List<RecordedCall.Header> headers = new ArrayList<>();
        byte[] body = new byte[0];
        byte[] after = new byte[0];
        String error;

        static Response read(Socket socket) throws IOException {
            InputStream in = socket.getInputStream();
            Response r = new Response();
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("the connection closed without a response");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP response: " + shorten(statusLine));
            }
            r.status = Integer.parseInt(parts[1].trim());
            r.reason = parts.length == 3 ? parts[2] : "";
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                String name = colon < 0 ? header : header.substring(0, colon).trim();
                String value = colon < 0 ? "" : header.substring(colon + 1).trim();
                r.headers.add(new RecordedCall.Header(name, value));
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")
                        && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            try {
                if (chunked) {
                    r.body = chunked(in);
                } else if (length >= 0) {
                    r.body = in.readNBytes((int) length);
                } else {
                    r.body = in.readAllBytes(); // HTTP/1.0 style: the body ends when the connection does
                }
            } catch (SocketTimeoutException e) {
                r.error = "the body did not arrive in full before the timeout";
                return r;
            }
            socket.setSoTimeout((int) AFTER_RESPONSE_WINDOW.toMillis());
            ByteArrayOutputStream after = new ByteArrayOutputStream();
            try {
                in.transferTo(after);
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // kept open (or reset) after a complete response: what arrived by then is what followed it
            }
            r.after = after.toByteArray();
            return r;
        }

        private static byte[] chunked(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                        // trailers are not evidence anyone needs
                    }
                    break;
                }
                out.writeBytes(in.readNBytes(n));
                line(in);
            }
            return out.toByteArray();
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    break;
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            if (c == -1 && b.size() == 0) {
                return null;
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
