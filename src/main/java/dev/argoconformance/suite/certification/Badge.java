package dev.argoconformance.suite.certification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.PluginKind;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's badge, twice: {@code badge.json} in shields.io's endpoint format (schemaVersion 1), for
 * {@code https://img.shields.io/endpoint?url=…}, and {@code badge.svg}, the same badge drawn by hand in
 * shields' flat style for hosts that serve files but no shields. The message names the suite's
 * major.minor ("certified · suite 0.1"), because shields rejects any key it does not know: the message
 * is the only place the suite version can travel, and {@link #isStale} reads it back from there.
 */
public record Badge(String label, String message, String color, boolean isError) {

    public static final String JSON_FILE = "badge.json";
    public static final String SVG_FILE = "badge.svg";

    /** The state a badge made by an older suite major.minor is re-emitted in: re-certify to get the real one back. */
    public static final String STALE = "stale";

    private static final Pattern SUITE = Pattern.compile("(?:^| )suite (\\d+\\.\\d+|unknown)$");
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");
    private static final String SEPARATOR = " · ";

    /** Shields' named colours, as its flat badges draw them. */
    private static final Map<String, String> HEX = Map.of(
            "brightgreen", "#4c1",
            "green", "#97ca00",
            "orange", "#fe7d37",
            "red", "#e05d44",
            "lightgrey", "#9f9f9f");

    public Badge {
        if (!HEX.containsKey(color)) {
            throw new IllegalArgumentException("no badge colour " + color + "; use one of " + HEX.keySet());
        }
    }

    /** The badge a verdict earns, naming the plugin kind and the suite's major.minor. */
    public static Badge of(Verdict verdict, PluginKind kind, String suiteVersion) {
        // A build without its version (an IDE that skipped resource filtering) still gets its evidence; such a badge
        // never reads as current.
        String suite = VERSION.matcher(suiteVersion.strip()).find() ? majorMinor(suiteVersion) : "unknown";
        String message = verdict.id() + SEPARATOR + "suite " + suite;
        String label = "argo " + kind.tag() + " plugin";
        return switch (verdict) {
            case CERTIFIED -> new Badge(label, message, "brightgreen", false);
            case CERTIFIED_CORE -> new Badge(label, message, "green", false);
            case FAILED -> new Badge(label, message, "red", true);
            // Neither says anything about the plugin: grey, and not an error a reader could blame on it.
            case INCOMPLETE, BROKEN_RUN -> new Badge(label, message, "lightgrey", false);
        };
    }

    /** The state the badge shows: certified, certified-core, failed, incomplete, broken-run or stale. */
    public String state() {
        int end = message.indexOf(SEPARATOR);
        return end < 0 ? message : message.substring(0, end);
    }

    /** The suite major.minor that made the badge, as its message names it. */
    public String suiteMajorMinor() {
        Matcher m = SUITE.matcher(message);
        if (!m.find()) {
            throw new IllegalArgumentException(
                    "the badge message '" + message + "' names no suite version (\"… · suite 0.1\")");
        }
        return m.group(1);
    }

    /**
     * Whether a badge.json was made by a suite whose major.minor is older than {@code currentVersion}:
     * the contract it was checked against has moved on, so its claim no longer holds as it reads.
     */
    public static boolean isStale(String badgeJson, String currentVersion) {
        return parse(badgeJson).isOlderThan(currentVersion);
    }

    public boolean isOlderThan(String currentVersion) {
        if (suiteMajorMinor().equals("unknown")) {
            return true; // nobody can tell which contract it was checked against
        }
        int[] badge = numbers(suiteMajorMinor());
        int[] current = numbers(majorMinor(currentVersion));
        return badge[0] < current[0] || (badge[0] == current[0] && badge[1] < current[1]);
    }

    /** The same badge marked stale: orange, naming the old suite version it was made with. */
    public Badge stale() {
        return new Badge(label, STALE + SEPARATOR + "suite " + suiteMajorMinor(), "orange", false);
    }

    /** Reads a badge.json this suite wrote; anything else is refused with the reason. */
    public static Badge parse(String badgeJson) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(badgeJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null
                || !node.isObject()
                || node.path("schemaVersion").asInt() != 1
                || !node.path("label").isTextual()
                || !node.path("message").isTextual()) {
            throw new IllegalArgumentException(
                    "not a shields endpoint badge (schemaVersion 1 with a label and a message)");
        }
        Badge badge = new Badge(
                node.get("label").asText(),
                node.get("message").asText(),
                node.path("color").asText("lightgrey"),
                node.path("isError").asBoolean(false));
        badge.suiteMajorMinor();
        return badge;
    }

    /** shields.io's endpoint document: only the keys its schema knows. */
    public String json() {
        ObjectNode node = Json.object();
        node.put("schemaVersion", 1);
        node.put("label", label);
        node.put("message", message);
        node.put("color", color);
        if (isError) {
            node.put("isError", true);
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The badge in shields' flat style: two rounded halves, a light gradient, white text with a
     * shadow. Widths come from an estimate of Verdana 11px, and {@code textLength} makes any fallback
     * font fill exactly that width, so the badge looks the same wherever it is drawn. No external reference.
     */
    public String svg() {
        int labelWidth = (int) Math.round(textWidth(label)) + 10;
        int messageWidth = (int) Math.round(textWidth(message)) + 10;
        int width = labelWidth + messageWidth;
        String title = escape(label + ": " + message);
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"20\" role=\"img\" aria-label=\"")
                .append(title)
                .append("\">\n");
        b.append("  <title>").append(title).append("</title>\n");
        b.append(
                        "  <linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>")
                .append("<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>\n");
        b.append("  <clipPath id=\"r\"><rect width=\"")
                .append(width)
                .append("\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>\n");
        b.append("  <g clip-path=\"url(#r)\">\n");
        b.append("    <rect width=\"").append(labelWidth).append("\" height=\"20\" fill=\"#555\"/>\n");
        b.append("    <rect x=\"")
                .append(labelWidth)
                .append("\" width=\"")
                .append(messageWidth)
                .append("\" height=\"20\" fill=\"")
                .append(HEX.get(color))
                .append("\"/>\n");
        b.append("    <rect width=\"").append(width).append("\" height=\"20\" fill=\"url(#s)\"/>\n");
        b.append("  </g>\n");
        b.append("  <g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\"")
                .append(" text-rendering=\"geometricPrecision\" font-size=\"110\">\n");
        text(b, label, labelWidth / 2.0);
        text(b, message, labelWidth + messageWidth / 2.0);
        b.append("  </g>\n");
        b.append("</svg>\n");
        return b.toString();
    }

    /** One half's text at a tenth of the scale, as shields draws it: the shadow first, then the text. */
    private static void text(StringBuilder b, String text, double centre) {
        long x = Math.round(centre * 10);
        long length = Math.round(textWidth(text) * 10);
        String escaped = escape(text);
        b.append("    <text aria-hidden=\"true\" x=\"")
                .append(x)
                .append("\" y=\"150\" fill=\"#010101\" fill-opacity=\".3\"")
                .append(" transform=\"scale(.1)\" textLength=\"")
                .append(length)
                .append("\">")
                .append(escaped)
                .append("</text>\n");
        b.append("    <text x=\"")
                .append(x)
                .append("\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"")
                .append(length)
                .append("\">")
                .append(escaped)
                .append("</text>\n");
    }

    /** An estimate of the text's width in Verdana 11px: close enough for padding, textLength does the rest. */
    static double textWidth(String text) {
        double width = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (" .,:;'|!il·".indexOf(c) >= 0) {
                width += 3.6;
            } else if ("ftrjI()-/".indexOf(c) >= 0) {
                width += 4.6;
            } else if ("mwMW".indexOf(c) >= 0) {
                width += 10.0;
            } else if (Character.isUpperCase(c)) {
                width += 7.6;
            } else {
                width += 6.8;
            }
        }
        return width;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** "0.1.0-SNAPSHOT" → "0.1". */
    static String majorMinor(String version) {
        Matcher m = VERSION.matcher(version.strip().toLowerCase(Locale.ROOT));
        if (!m.find()) {
            throw new IllegalArgumentException("'" + version + "' is not a version like 0.1.0");
        }
        return m.group(1) + "." + m.group(2);
    }

    private static int[] numbers(String majorMinor) {
        String[] parts = majorMinor.split("\\.");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }
}
