package dev.argoconformance.reference.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argoconformance.reference.goruntime.GoJsonScanner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decoding the way Go's {@code json.NewDecoder(body).Decode(&v)} does, which is how both Argo
 * Workflows and Argo CD read plugin replies: only the first JSON value counts (trailing bytes are
 * ignored), an empty body is {@code EOF}, a truncated one {@code unexpected EOF}, invalid UTF-8
 * becomes U+FFFD, object keys match struct fields case-insensitively and the last one wins.
 */
public final class GoJson {

    /** Go sets no limits below its nesting depth of 10000; neither may Jackson's defaults. */
    private static final ObjectMapper LENIENT = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(GoJsonScanner.MAX_DEPTH)
                            .maxNumberLength(Integer.MAX_VALUE)
                            .maxStringLength(Integer.MAX_VALUE)
                            .maxNameLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private GoJson() {}

    /** The decode failures Go distinguishes; Argo treats {@code unexpected EOF} as transient. */
    public static final class DecodeException extends Exception {
        private final boolean unexpectedEof;

        DecodeException(String goMessage, boolean unexpectedEof) {
            super(goMessage);
            this.unexpectedEof = unexpectedEof;
        }

        public boolean isUnexpectedEof() {
            return unexpectedEof;
        }
    }

    /**
     * Reads the first JSON value of the body; the result is never null (JSON null is a NullNode).
     * {@link GoJsonScanner} finds where that value ends and reports syntax errors with Go's texts,
     * so only well-formed JSON reaches Jackson; whatever follows the value is never read.
     */
    public static JsonNode readFirstValue(byte[] body) throws DecodeException {
        GoJsonScanner scanner = new GoJsonScanner();
        int end;
        try {
            end = scanner.feed(body, 0, body.length);
            if (end < 0) {
                scanner.finish();
                end = body.length;
            }
        } catch (GoJsonScanner.SyntaxError e) {
            throw new DecodeException(e.getMessage(), e.isUnexpectedEof());
        }
        String text = new String(body, 0, end, StandardCharsets.UTF_8); // malformed bytes become U+FFFD, as in Go
        try {
            return LENIENT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DecodeException(e.getOriginalMessage(), false);
        }
    }

    /** Go's name for a JSON value's kind in "cannot unmarshal X into …" errors. */
    public static String kind(JsonNode node) {
        if (node.isObject()) {
            return "object";
        } else if (node.isArray()) {
            return "array";
        } else if (node.isTextual()) {
            return "string";
        } else if (node.isNumber()) {
            return "number";
        } else if (node.isBoolean()) {
            return "bool";
        }
        return "null";
    }

    /** The values whose keys match {@code field} case-insensitively, in document order (Go assigns each; the last wins). */
    public static JsonNode field(JsonNode object, String field) {
        JsonNode found = null;
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(field)) {
                found = entry.getValue();
            }
        }
        return found;
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: the shortest round-trip digits, never an exponent. */
    public static String formatFloatF(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Argo's {@code AnyString}: strings as is, numbers as decimals, booleans as words, anything else empty. */
    public static String anyString(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        } else if (value.isNumber()) {
            return formatFloatF(value.doubleValue());
        } else if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        return "";
    }

    /** Elements of an array node, as a list. */
    public static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
