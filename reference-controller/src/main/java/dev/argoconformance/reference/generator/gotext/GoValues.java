package dev.argoconformance.reference.generator.gotext;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.goruntime.GoStrconv;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values as Argo CD's Go code holds, prints and encodes them.
 *
 * <p>The value model: {@code null} is a nil interface; {@link String}, {@link Double} (float64, the only number
 * {@code encoding/json} decodes into {@code interface{}}), {@link Boolean}; {@link Map} is
 * {@code map[string]interface{}} and {@link List} is {@code []interface{}}; {@link TypedMap} and {@link RawJson} are the
 * few concrete Go types Argo puts in a parameter set. {@link Long} is an integer the API server keeps exactly
 * (apimachinery decodes integral JSON numbers into int64) and a template's integer literal.
 */
public final class GoValues {

    /** Go orders map keys byte-wise (UTF-8), which is code point order. */
    public static final Comparator<String> KEY_ORDER = GoValues::compareKeys;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoValues() {}

    /** {@code fmt.Sprintf("%v", v)}. */
    public static String print(Object v) {
        StringBuilder out = new StringBuilder();
        printTo(out, v);
        return out.toString();
    }

    private static void printTo(StringBuilder out, Object v) {
        switch (v) {
            case null -> out.append("<nil>");
            case String s -> out.append(s);
            case Double d -> out.append(formatFloat(d));
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Uint8 u -> out.append(u.value());
            case Map<?, ?> map -> printMap(out, map);
            case TypedMap typed -> printMap(out, typed.entries());
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    printTo(out, list.get(i));
                }
                out.append(']');
            }
            case RawJson json ->
                out.append('{').append(printBytes(json.bytes())).append('}');
            case byte[] bytes -> out.append(printBytes(bytes));
            default -> out.append(v);
        }
    }

    private static void printMap(StringBuilder out, Map<?, ?> map) {
        out.append("map[");
        boolean first = true;
        for (String key : sortedKeys(map)) {
            if (!first) {
                out.append(' ');
            }
            first = false;
            out.append(key).append(':');
            printTo(out, map.get(key));
        }
        out.append(']');
    }

    private static String printBytes(byte[] bytes) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(bytes[i] & 0xff);
        }
        return out.append(']').toString();
    }

    /** The keys of a map in Go's order. */
    public static List<String> sortedKeys(Map<?, ?> map) {
        List<String> keys = new ArrayList<>();
        for (Object key : map.keySet()) {
            keys.add((String) key);
        }
        keys.sort(KEY_ORDER);
        return keys;
    }

    static int compareKeys(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * A float64 as {@code %v} prints it: {@code strconv.FormatFloat(v, 'g', -1, 64)}, the shortest digits that read back
     * as the same float, in exponent form when the decimal exponent is below -4 or at least 6 ("if precision was the
     * shortest possible, use precision 6 for this decision"), with at least two exponent digits: {@code 1e+06},
     * {@code 1.234567e+06}, {@code 1e-05}, {@code 123456}, {@code 0.0001}.
     */
    public static String formatFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        Decimal d = Decimal.of(v);
        return d.exponent < -4 || d.exponent >= 6 ? d.exponentForm(false) : d.plainForm();
    }

    /**
     * A float64 as {@code encoding/json} writes it: plain digits unless the magnitude is below 1e-6 or at least 1e21,
     * then exponent form with {@code e-07} cleaned to {@code e-7}.
     */
    public static String jsonFloat(double v) {
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        double abs = Math.abs(v);
        Decimal d = Decimal.of(v);
        return abs < 1e-6 || abs >= 1e21 ? d.exponentForm(true) : d.plainForm();
    }

    /** Shortest round-trip digits of a double (JDK 19+ {@link Double#toString} is shortest, as Go's is). */
    private record Decimal(boolean negative, String digits, int exponent) {

        static Decimal of(double v) {
            BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
            String digits = bd.unscaledValue().toString();
            return new Decimal(v < 0, digits, digits.length() - 1 - bd.scale());
        }

        String plainForm() {
            BigDecimal value = new BigDecimal(new BigInteger(digits), digits.length() - 1 - exponent);
            return (negative ? "-" : "") + value.toPlainString();
        }

        String exponentForm(boolean jsonCleanup) {
            StringBuilder out = new StringBuilder(negative ? "-" : "");
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int abs = Math.abs(exponent);
            out.append('e').append(exponent < 0 ? '-' : '+');
            if (abs < 10 && !(jsonCleanup && exponent < 0)) {
                out.append('0');
            }
            return out.append(abs).toString();
        }
    }

    /** {@code json.Marshal} of a value; {@code escapeHtml} as the encoder's SetEscapeHTML (Marshal: true). */
    public static String marshal(Object v, boolean escapeHtml) {
        StringBuilder out = new StringBuilder();
        marshalTo(out, v, escapeHtml);
        return out.toString();
    }

    private static void marshalTo(StringBuilder out, Object v, boolean escapeHtml) {
        switch (v) {
            case null -> out.append("null");
            case String s -> quoteJson(out, s, escapeHtml);
            case Double d -> out.append(jsonFloat(d));
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Uint8 u -> out.append(u.value());
            case Map<?, ?> map -> marshalMap(out, map, escapeHtml);
            case TypedMap typed -> {
                if (typed.isNil()) {
                    out.append("null");
                } else {
                    marshalMap(out, typed.entries(), escapeHtml);
                }
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    marshalTo(out, list.get(i), escapeHtml);
                }
                out.append(']');
            }
            case RawJson json -> out.append(compact(json.marshal(), escapeHtml));
            default ->
                throw new IllegalArgumentException(
                        "no JSON form for " + v.getClass().getName());
        }
    }

    private static void marshalMap(StringBuilder out, Map<?, ?> map, boolean escapeHtml) {
        out.append('{');
        boolean first = true;
        for (String key : sortedKeys(map)) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quoteJson(out, key, escapeHtml);
            out.append(':');
            marshalTo(out, map.get(key), escapeHtml);
        }
        out.append('}');
    }

    /** A JSON string as Go's encoder writes it (Go 1.22+: {@code \b} and {@code \f} in short form). */
    public static String quoteJson(String s, boolean escapeHtml) {
        StringBuilder out = new StringBuilder();
        quoteJson(out, s, escapeHtml);
        return out.toString();
    }

    private static void quoteJson(StringBuilder out, String s, boolean escapeHtml) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (c < 0x20 || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd"); // not valid UTF-8 in Go either
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * {@code json.Compact}-like: what the encoder does to a {@code MarshalJSON} result. Whitespace between tokens goes;
     * with {@code escapeHtml}, {@code <>&} and U+2028/U+2029 become escapes. The input must be valid JSON.
     */
    public static String compact(String json, boolean escapeHtml) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    out.append(c).append(json.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    inString = false;
                }
                if (escapeHtml && (c == '<' || c == '>' || c == '&')) {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else if (escapeHtml && (c == '\u2028' || c == '\u2029')) {
                    out.append(c == '\u2028' ? "\\u2028" : "\\u2029");
                } else {
                    out.append(c);
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code strconv.Quote}: a Go string literal, as {@code %q} prints a string. */
    public static String quote(String s) {
        return GoStrconv.quote(s);
    }

    /** The Go type name {@code reflect} reports for a value, as text/template error messages show it. */
    public static String typeName(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case String s -> "string";
            case Double d -> "float64";
            case Boolean b -> "bool";
            case Long l -> "int";
            case Uint8 u -> "uint8";
            case Map<?, ?> m -> "map[string]interface {}";
            case List<?> l -> "[]interface {}";
            case RawJson j -> "v1.JSON";
            case TypedMap t -> t.kind().goType();
            case byte[] b -> "[]uint8";
            default -> v.getClass().getSimpleName();
        };
    }

    /**
     * A JSON value as {@code encoding/json} decodes it into {@code interface{}}: every number a float64.
     *
     * @throws NumberFormatException for a number float64 cannot hold, with Go's "number 1e400" wording
     */
    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        } else if (node.isTextual()) {
            return node.textValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isNumber()) {
            double d = node.doubleValue();
            if (Double.isInfinite(d)) {
                throw new NumberFormatException("number " + node.asText());
            }
            return d;
        } else if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(element -> out.add(fromJson(element)));
            return out;
        } else if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.properties().forEach(e -> out.put(e.getKey(), fromJson(e.getValue())));
            return out;
        }
        return node.asText();
    }

    /**
     * A value from the user's YAML as the API server keeps it: integral numbers that fit int64 stay exact
     * (apimachinery's unstructured decoding), every other number is a float64.
     */
    public static Object fromApiServer(JsonNode node) {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        } else if (node != null && node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(element -> out.add(fromApiServer(element)));
            return out;
        } else if (node != null && node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.properties().forEach(e -> out.put(e.getKey(), fromApiServer(e.getValue())));
            return out;
        }
        return fromJson(node);
    }

    /** A copy that shares nothing mutable, so merges cannot reach back into another parameter set. */
    public static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, value) -> out.put((String) k, deepCopy(value)));
            return out;
        } else if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(value -> out.add(deepCopy(value)));
            return out;
        }
        return v; // strings, numbers, booleans, RawJson and TypedMap are immutable
    }

    /** A byte of a string, as {@code index} on a string returns it. */
    record Uint8(int value) {}
}
