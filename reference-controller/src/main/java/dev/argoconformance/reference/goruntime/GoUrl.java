package dev.argoconformance.reference.goruntime;

import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * The parts of Go's {@code net/url} and {@code net/http} that decide whether Argo's plugin URL can be built and sent.
 * Argo builds it by string concatenation, so a {@code baseUrl} without a scheme ({@code myplugin:4355}) parses (as
 * scheme {@code myplugin}) and only fails when sent, while {@code 127.0.0.1:4355} fails to parse at all.
 */
public final class GoUrl {

    private GoUrl() {}

    /** What {@code url.Parse} (inside {@code http.NewRequest}) objects to, or null. */
    public static String parseError(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "net/url: invalid control character in URL";
            }
        }
        String u = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
        Scheme s = scheme(u);
        if (s.error != null) {
            return s.error;
        }
        String rest = s.rest.contains("?") ? s.rest.substring(0, s.rest.indexOf('?')) : s.rest;
        if (!rest.startsWith("/")) {
            if (!s.scheme.isEmpty()) {
                return null; // an opaque URL: fine to parse, unusable to send
            }
            String segment = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            if (segment.contains(":")) {
                return "first path segment in URL cannot contain colon";
            }
        }
        String path = rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            path = slash < 0 ? "" : rest.substring(slash);
            String host = authority.substring(authority.lastIndexOf('@') + 1);
            if (host.startsWith("[")) {
                if (!host.contains("]")) {
                    return "missing ']' in host";
                }
            } else {
                int colon = host.lastIndexOf(':');
                if (colon >= 0 && !host.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                    return "invalid port " + GoStrconv.quote(host.substring(colon)) + " after host";
                }
                if (host.contains(" ")) {
                    return "invalid character \" \" in host name";
                }
            }
        }
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
                String bad = path.substring(i, Math.min(path.length(), i + 3));
                return "invalid URL escape " + GoStrconv.quote(bad);
            }
        }
        return null;
    }

    /** What the transport refuses before dialing ({@code send} / {@code Transport.roundTrip}), or null. */
    static String sendError(String url) {
        Scheme s = scheme(url);
        String scheme = s.scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "unsupported protocol scheme " + GoStrconv.quote(scheme);
        }
        if (!s.rest.startsWith("//") || s.rest.length() == 2 || s.rest.charAt(2) == '/') {
            return "http: no Host in request URL";
        }
        if (HttpUrl.parse(url) == null) {
            return "the reference controller's HTTP client cannot send to this URL (Go would try)";
        }
        return null;
    }

    /** {@code refererForURL}: no Referer from https to http. */
    static boolean refers(String previous, String next) {
        return !(previous.regionMatches(true, 0, "https:", 0, 6) && next.regionMatches(true, 0, "http:", 0, 5));
    }

    private record Scheme(String scheme, String rest, String error) {}

    /** {@code getScheme} of net/url. */
    private static Scheme scheme(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    return new Scheme("", url, null);
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    return new Scheme("", url, "missing protocol scheme");
                }
                return new Scheme(url.substring(0, i), url.substring(i + 1), null);
            }
            return new Scheme("", url, null);
        }
        return new Scheme("", url, null);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
