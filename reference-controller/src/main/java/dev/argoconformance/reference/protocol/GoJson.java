package dev.argoconformance.reference.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

    private static final ObjectMapper LENIENT = new ObjectMapper()
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

    /** Reads the first JSON value of the body; the result is never null (JSON null is a NullNode). */
    public static JsonNode readFirstValue(byte[] body) throws DecodeException {
        String text = new String(body, StandardCharsets.UTF_8); // malformed bytes become U+FFFD, as in Go
        if (text.isBlank()) {
            throw new DecodeException("EOF", false);
        }
        try (JsonParser parser = LENIENT.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new DecodeException("EOF", false);
            }
            return LENIENT.readTree(parser);
        } catch (JsonEOFException e) {
            throw new DecodeException("unexpected EOF", true);
        } catch (StreamReadException e) {
            throw new DecodeException(syntaxMessage(text, e), false);
        } catch (JsonProcessingException e) {
            throw new DecodeException(e.getOriginalMessage(), false);
        } catch (IOException e) {
            throw new DecodeException(e.getMessage(), false);
        }
    }

    /**
     * Go's syntax error text where it is easy to reproduce exactly (a bad first character); else the
     * same shape with the offending character. Documented as an approximation in the compatibility notes.
     */
    private static String syntaxMessage(String text, StreamReadException e) {
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        char c = text.charAt(start);
        if ("{[\"-0123456789tfn".indexOf(c) < 0) {
            return "invalid character " + goQuoteChar(c) + " looking for beginning of value";
        }
        long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        if (offset > 0 && offset <= text.length()) {
            return "invalid character " + goQuoteChar(text.charAt((int) offset - 1)) + " in JSON value";
        }
        return "invalid JSON: " + e.getOriginalMessage();
    }

    private static String goQuoteChar(char c) {
        return switch (c) {
            case '\'' -> "'\\''";
            case '\n' -> "'\\n'";
            case '\t' -> "'\\t'";
            case '\r' -> "'\\r'";
            case '\0' -> "'\\x00'";
            default -> "'" + c + "'";
        };
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
