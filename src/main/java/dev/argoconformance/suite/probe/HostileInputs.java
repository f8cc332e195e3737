package dev.argoconformance.suite.probe;

import dev.argoconformance.reference.client.RecordedCall.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Requests Argo never sends but a plugin's port will see (scanners, misconfigured clients, other
 * pods): each labelled, each a client's mistake that deserves a 4xx. They carry the right token, so
 * they reach the plugin's parsing code rather than stopping at its auth check.
 */
public final class HostileInputs {

    /** One hostile request. {@code allowed5xx} names the 5xx HTTP itself prescribes for it, if any. */
    public record Case(
            String label,
            String method,
            String path,
            List<Header> headers,
            byte[] body,
            boolean halfClose,
            int allowed5xx) {}

    private HostileInputs() {}

    /**
     * The catalogue, built around one valid body; generated parts come from {@code seed}, which the
     * run records so a failure can be replayed.
     */
    public static List<Case> catalogue(String path, String token, byte[] validBody, long seed) {
        Random random = new Random(seed);
        String valid = new String(validBody, StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        // Bodies that are not JSON, or not all of it.
        java.util.function.BiConsumer<String, String> json = (label, body) ->
                cases.add(new Case(label, "POST", path, argo(token), body.getBytes(StandardCharsets.UTF_8), false, 0));
        json.accept("truncated object", "{");
        json.accept("truncated after a key", "{\"workflow\":");
        json.accept("truncated valid body", valid.substring(0, valid.length() / 2));
        json.accept("plain text", "not json at all");
        json.accept("single quotes", "{'template': {'plugin': {}}}");
        json.accept("trailing comma", "{\"workflow\":{},\"template\":{},}");
        json.accept("comments", "{/* comment */\"template\":{}}");
        json.accept("UTF-8 byte order mark", "\uFEFF" + valid);
        // JSON of the wrong shape.
        json.accept("top-level array", "[]");
        json.accept("array of requests", "[" + valid + "]");
        json.accept("top-level null", "null");
        json.accept("top-level string", "\"template.execute\"");
        json.accept("top-level number", "42");
        json.accept("top-level boolean", "true");
        json.accept("empty object", "{}");
        json.accept("null workflow and template", "{\"workflow\":null,\"template\":null}");
        json.accept("template is a string", "{\"workflow\":{},\"template\":\"main\"}");
        json.accept("template is a list", "{\"workflow\":{},\"template\":[]}");
        json.accept("plugin is a string", "{\"template\":{\"name\":\"main\",\"plugin\":\"hello\"}}");
        json.accept("plugin is null", "{\"template\":{\"name\":\"main\",\"plugin\":null}}");
        json.accept("plugin is a list", "{\"template\":{\"name\":\"main\",\"plugin\":[]}}");
        json.accept("plugin without keys", "{\"template\":{\"name\":\"main\",\"plugin\":{}}}");
        json.accept("plugin with two keys", "{\"template\":{\"name\":\"main\",\"plugin\":{\"a\":{},\"b\":{}}}}");
        json.accept(
                "numbers where strings go",
                "{\"workflow\":{\"metadata\":{\"name\":12,\"namespace\":false,\"uid\":[]}},\"template\":{\"name\":3}}");
        json.accept(
                "huge number", "{\"workflow\":{\"metadata\":{\"name\":1e999999}},\"template\":{\"name\":\"main\"}}");
        json.accept("duplicate keys", "{\"template\":{\"name\":\"a\"},\"template\":{\"name\":\"b\"}}");
        // Size and depth.
        json.accept("10000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000));
        json.accept("10000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        json.accept("a 100 KiB key", "{\"" + "k".repeat(100 * 1024) + "\":1}");
        json.accept(
                "a 4 MiB string value",
                "{\"workflow\":{\"metadata\":{\"name\":\"" + "n".repeat(4 * 1024 * 1024) + "\"}},\"template\":{}}");
        cases.add(new Case(
                "4 MiB of random bytes", "POST", path, argo(token), randomBytes(random, 4 * 1024 * 1024), false, 0));
        // Characters.
        json.accept(
                "emoji and right-to-left text",
                valid.replace("\"main\"", "\"\uD83D\uDE80 \u05E9\u05DC\u05D5\u05DD \u202E\""));
        json.accept("escaped NUL in a string", valid.replace("\"main\"", "\"ma\\u0000in\""));
        cases.add(new Case(
                "raw NUL byte in the body",
                "POST",
                path,
                argo(token),
                ("{\"template\":{\"name\":\"a\u0000b\"}}").getBytes(StandardCharsets.UTF_8),
                false,
                0));
        cases.add(new Case(
                "invalid UTF-8",
                "POST",
                path,
                argo(token),
                concat(
                        "{\"template\":{\"name\":\"".getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                        "\"}}".getBytes(StandardCharsets.UTF_8)),
                false,
                0));
        json.accept("lone surrogate escape", valid.replace("\"main\"", "\"\\uD800\""));
        // Headers and framing.
        cases.add(new Case("empty body", "POST", path, argo(token), new byte[0], false, 0));
        cases.add(new Case("no Content-Type", "POST", path, withoutContentType(token), validBody, false, 0));
        cases.add(new Case(
                "Content-Type text/plain", "POST", path, contentType(token, "text/plain"), validBody, false, 0));
        cases.add(new Case(
                "Content-Type with a charset",
                "POST",
                path,
                contentType(token, "application/json; charset=utf-8"),
                validBody,
                false,
                0));
        cases.add(new Case(
                "form-encoded Content-Type",
                "POST",
                path,
                contentType(token, "application/x-www-form-urlencoded"),
                validBody,
                false,
                0));
        cases.add(new Case(
                "Content-Length longer than the body",
                "POST",
                path,
                length(token, validBody.length + 100),
                validBody,
                true,
                0));
        cases.add(new Case(
                "Content-Length shorter than the body",
                "POST",
                path,
                length(token, validBody.length / 2),
                validBody,
                false,
                0));
        cases.add(new Case("negative Content-Length", "POST", path, length(token, -1), validBody, true, 0));
        cases.add(new Case("non-numeric Content-Length", "POST", path, lengthText(token, "lots"), validBody, true, 0));
        cases.add(new Case("chunked body", "POST", path, chunked(token), chunk(validBody), false, 0));
        // Methods and paths.
        // 501 for a method the server supports for no resource (RFC 9110 §15.6.2): Python's http.server
        // answers every method without a do_<METHOD> handler so.
        cases.add(new Case(
                "GET instead of POST (501 allowed: RFC 9110 for a method served nowhere)",
                "GET",
                path,
                authOnly(token),
                null,
                false,
                501));
        cases.add(new Case(
                "PATCH (501 allowed: RFC 9110 for an unknown method)",
                "PATCH",
                path,
                argo(token),
                validBody,
                false,
                501));
        cases.add(new Case("query string", "POST", path + "?debug=true", argo(token), validBody, false, 0));
        cases.add(new Case("path traversal", "POST", "/api/v1/../../../etc/passwd", argo(token), validBody, false, 0));
        cases.add(
                new Case("an 8 KiB path", "POST", "/api/v1/" + "m".repeat(8 * 1024), argo(token), validBody, false, 0));
        cases.add(new Case("percent-encoded path", "POST", path.replace(".", "%2E"), argo(token), validBody, false, 0));
        return cases;
    }

    private static List<Header> argo(String token) {
        return List.of(
                new Header("Content-Type", "application/json"),
                new Header("Authorization", "Bearer " + token),
                new Header("User-Agent", "Go-http-client/1.1"));
    }

    private static List<Header> authOnly(String token) {
        return List.of(new Header("Authorization", "Bearer " + token));
    }

    private static List<Header> withoutContentType(String token) {
        return List.of(new Header("Authorization", "Bearer " + token), new Header("User-Agent", "Go-http-client/1.1"));
    }

    private static List<Header> contentType(String token, String type) {
        return List.of(new Header("Content-Type", type), new Header("Authorization", "Bearer " + token));
    }

    private static List<Header> length(String token, int length) {
        return lengthText(token, String.valueOf(length));
    }

    /** An explicit Content-Length marks the case's own framing; send() adds none. */
    private static List<Header> lengthText(String token, String length) {
        return List.of(
                new Header("Content-Type", "application/json"),
                new Header("Authorization", "Bearer " + token),
                new Header("Content-Length", length));
    }

    private static List<Header> chunked(String token) {
        return List.of(
                new Header("Content-Type", "application/json"),
                new Header("Authorization", "Bearer " + token),
                new Header("Transfer-Encoding", "chunked"));
    }

    private static byte[] chunk(byte[] body) {
        return concat(
                (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                body,
                "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
