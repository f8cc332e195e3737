package hello;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON parser (RFC 8259), because the JDK has none: objects become maps, arrays lists,
 * strings strings, numbers their text, true and false booleans, null {@link #NULL}. Anything that is
 * not JSON, or nested deeper than {@link #MAX_DEPTH}, is a {@link Malformed}.
 */
final class Json {

    /** JSON's null, so that a key holding null differs from an absent key. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Argo's templates nest a few levels; a deeper body is an attack on the parser's stack. */
    static final int MAX_DEPTH = 512;

    /** Not JSON: the client's mistake, a 400. */
    static final class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final String s;
    private int i;

    private Json(String text) {
        s = text;
    }

    static Object parse(String text) {
        Json p = new Json(text);
        try {
            p.whitespace();
            Object value = p.value(0);
            p.whitespace();
            if (p.i != p.s.length()) {
                throw p.error("text after the value");
            }
            return value;
        } catch (StackOverflowError e) {
            throw new Malformed("nested too deep for this thread's stack");
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        if (i >= s.length()) {
            throw error("the text ends where a value should be");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) {
        i++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        whitespace();
        if (next('}')) {
            return map;
        }
        while (true) {
            whitespace();
            if (i >= s.length() || s.charAt(i) != '"') {
                throw error("expected a key");
            }
            String key = string();
            whitespace();
            expect(':');
            whitespace();
            map.put(key, value(depth + 1));
            whitespace();
            if (next(',')) {
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> array(int depth) {
        i++; // [
        List<Object> list = new ArrayList<>();
        whitespace();
        if (next(']')) {
            return list;
        }
        while (true) {
            whitespace();
            list.add(value(depth + 1));
            whitespace();
            if (next(',')) {
                continue;
            }
            expect(']');
            return list;
        }
    }

    private String string() {
        i++; // "
        StringBuilder b = new StringBuilder();
        while (true) {
            int start = i;
            while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '\\' && s.charAt(i) >= 0x20) {
                i++;
            }
            b.append(s, start, i);
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("a control character in a string");
            }
            if (i >= s.length()) {
                throw error("unterminated escape");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> b.append(hex4());
                default -> throw error("a bad escape");
            }
        }
    }

    private char hex4() {
        if (i + 4 > s.length()) {
            throw error("a short \\u escape");
        }
        int code = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(i++), 16);
            if (d < 0) {
                throw error("a bad \\u escape");
            }
            code = code * 16 + d;
        }
        return (char) code;
    }

    private String number() {
        int start = i;
        next('-');
        if (next('0')) {
            // a leading zero stands alone
        } else if (digits() == 0) {
            throw error("a number without digits");
        }
        if (next('.') && digits() == 0) {
            throw error("a fraction without digits");
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (!next('+')) {
                next('-');
            }
            if (digits() == 0) {
                throw error("an exponent without digits");
            }
        }
        return s.substring(start, i);
    }

    private int digits() {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - start;
    }

    private void literal(String word) {
        if (!s.startsWith(word, i)) {
            throw error("unexpected word");
        }
        i += word.length();
    }

    private boolean next(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void whitespace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private Malformed error(String what) {
        return new Malformed(what + " at offset " + i);
    }
}
