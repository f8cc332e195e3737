package dev.argoconformance.reference.goruntime;

/**
 * Finds where the first JSON value of a byte stream ends, the way Go's {@code json.Decoder} reads a
 * reply: byte by byte, with Go's syntax error texts ({@code invalid character 'x' looking for
 * beginning of value}), {@code EOF} when the input held only white space and {@code unexpected EOF}
 * when it stopped inside a value. Bytes after the first value are never looked at.
 *
 * <p>Objects and arrays end on their closing byte. A top-level string, literal or number needs one
 * more byte (or the end of input) to be known complete, as in Go, whose decoder blocks for that byte.
 * Feed it incrementally with {@link #feed}; call {@link #finish} at end of input.
 */
public final class GoJsonScanner {

    /** Go's maxNestingDepth in encoding/json. */
    public static final int MAX_DEPTH = 10_000;

    /** Go's syntax error, {@code EOF} or {@code unexpected EOF} (which Argo treats as transient). */
    public static final class SyntaxError extends Exception {
        private final boolean unexpectedEof;

        SyntaxError(String goMessage, boolean unexpectedEof) {
            super(goMessage);
            this.unexpectedEof = unexpectedEof;
        }

        public boolean isUnexpectedEof() {
            return unexpectedEof;
        }
    }

    private enum State {
        BEGIN_VALUE,
        BEGIN_ELEMENT_OR_END,
        BEGIN_KEY_OR_END,
        BEGIN_KEY,
        AFTER_KEY,
        AFTER_VALUE,
        STRING,
        STRING_ESCAPE,
        STRING_U1,
        STRING_U2,
        STRING_U3,
        STRING_U4,
        MINUS,
        ZERO,
        DIGITS,
        DOT,
        FRACTION,
        EXP,
        EXP_SIGN,
        EXP_DIGITS,
        LITERAL,
        END_TOP,
        DONE
    }

    private static final byte OBJECT = 1;
    private static final byte ARRAY = 2;

    private State state = State.BEGIN_VALUE;
    private byte[] stack = new byte[16];
    private int depth;
    private boolean inKey;
    private boolean sawValue;
    private long length;
    // The literal being matched (true, false, null) and how much of it has been seen.
    private String literal;
    private int literalAt;

    /**
     * Scans {@code len} bytes of {@code buf} from {@code off}.
     *
     * @return how many of these bytes belong to the first value once it is complete, or -1 if more
     *     input is needed
     * @throws SyntaxError with Go's syntax error text
     */
    public int feed(byte[] buf, int off, int len) throws SyntaxError {
        if (state == State.DONE) {
            return 0;
        }
        for (int i = 0; i < len; i++) {
            int c = buf[off + i] & 0xFF;
            if (state == State.END_TOP || endsTopLevelNumber(c)) {
                state = State.DONE;
                return i;
            }
            step(c);
            length++;
            if (state == State.DONE) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Ends the input: returns when the first value is complete, else throws {@code EOF} (nothing but
     * white space was read) or {@code unexpected EOF} (the input stopped inside a value; Argo retries it).
     */
    public void finish() throws SyntaxError {
        if (state == State.DONE
                || state == State.END_TOP
                || (depth == 0
                        && (state == State.ZERO
                                || state == State.DIGITS
                                || state == State.FRACTION
                                || state == State.EXP_DIGITS))) {
            state = State.DONE;
            return;
        }
        if (!sawValue) {
            throw new SyntaxError("EOF", false);
        }
        throw new SyntaxError("unexpected EOF", true);
    }

    /** True once the first value is known complete. */
    public boolean isComplete() {
        return state == State.DONE;
    }

    /** The number of bytes up to the end of the first value (leading white space included). */
    public long length() {
        return length;
    }

    private boolean endsTopLevelNumber(int c) {
        if (depth != 0) {
            return false;
        }
        return switch (state) {
            case ZERO -> c != '.' && c != 'e' && c != 'E';
            case DIGITS -> !isDigit(c) && c != '.' && c != 'e' && c != 'E';
            case FRACTION -> !isDigit(c) && c != 'e' && c != 'E';
            case EXP_DIGITS -> !isDigit(c);
            default -> false;
        };
    }

    private void step(int c) throws SyntaxError {
        switch (state) {
            case BEGIN_VALUE -> beginValue(c);
            case BEGIN_ELEMENT_OR_END -> {
                if (isSpace(c)) {
                    return;
                }
                if (c == ']') {
                    closeContainer();
                } else {
                    beginValue(c);
                }
            }
            case BEGIN_KEY_OR_END -> {
                if (isSpace(c)) {
                    return;
                }
                if (c == '}') {
                    closeContainer();
                } else {
                    beginKey(c);
                }
            }
            case BEGIN_KEY -> {
                if (!isSpace(c)) {
                    beginKey(c);
                }
            }
            case AFTER_KEY -> {
                if (isSpace(c)) {
                    return;
                }
                if (c != ':') {
                    throw error(c, "after object key");
                }
                state = State.BEGIN_VALUE;
            }
            case AFTER_VALUE -> afterValue(c);
            case STRING -> {
                if (c == '"') {
                    if (inKey) {
                        inKey = false;
                        state = State.AFTER_KEY;
                    } else {
                        endValue();
                    }
                } else if (c == '\\') {
                    state = State.STRING_ESCAPE;
                } else if (c < 0x20) {
                    throw error(c, "in string literal");
                }
            }
            case STRING_ESCAPE -> {
                switch (c) {
                    case 'b', 'f', 'n', 'r', 't', '\\', '/', '"' -> state = State.STRING;
                    case 'u' -> state = State.STRING_U1;
                    default -> throw error(c, "in string escape code");
                }
            }
            case STRING_U1, STRING_U2, STRING_U3, STRING_U4 -> {
                if (!isHex(c)) {
                    throw error(c, "in \\u hexadecimal character escape");
                }
                state = state == State.STRING_U4 ? State.STRING : State.values()[state.ordinal() + 1];
            }
            case MINUS -> {
                if (c == '0') {
                    state = State.ZERO;
                } else if (c >= '1' && c <= '9') {
                    state = State.DIGITS;
                } else {
                    throw error(c, "in numeric literal");
                }
            }
            case ZERO, DIGITS -> {
                if (state == State.DIGITS && isDigit(c)) {
                    return;
                }
                if (c == '.') {
                    state = State.DOT;
                } else if (c == 'e' || c == 'E') {
                    state = State.EXP;
                } else {
                    endValue();
                    step(c);
                }
            }
            case DOT -> {
                if (!isDigit(c)) {
                    throw error(c, "after decimal point in numeric literal");
                }
                state = State.FRACTION;
            }
            case FRACTION -> {
                if (isDigit(c)) {
                    return;
                }
                if (c == 'e' || c == 'E') {
                    state = State.EXP;
                } else {
                    endValue();
                    step(c);
                }
            }
            case EXP -> {
                if (c == '+' || c == '-') {
                    state = State.EXP_SIGN;
                } else if (isDigit(c)) {
                    state = State.EXP_DIGITS;
                } else {
                    throw error(c, "in exponent of numeric literal");
                }
            }
            case EXP_SIGN -> {
                if (!isDigit(c)) {
                    throw error(c, "in exponent of numeric literal");
                }
                state = State.EXP_DIGITS;
            }
            case EXP_DIGITS -> {
                if (!isDigit(c)) {
                    endValue();
                    step(c);
                }
            }
            case LITERAL -> {
                char expected = literal.charAt(literalAt);
                if (c != expected) {
                    throw error(c, "in literal " + literal + " (expecting '" + expected + "')");
                }
                if (++literalAt == literal.length()) {
                    endValue();
                }
            }
            case END_TOP, DONE -> throw new IllegalStateException("the first value is already complete");
        }
    }

    private void beginValue(int c) throws SyntaxError {
        if (isSpace(c)) {
            return;
        }
        sawValue = true;
        switch (c) {
            case '{' -> {
                push(OBJECT, c);
                state = State.BEGIN_KEY_OR_END;
            }
            case '[' -> {
                push(ARRAY, c);
                state = State.BEGIN_ELEMENT_OR_END;
            }
            case '"' -> state = State.STRING;
            case '-' -> state = State.MINUS;
            case '0' -> state = State.ZERO;
            case 't' -> beginLiteral("true");
            case 'f' -> beginLiteral("false");
            case 'n' -> beginLiteral("null");
            default -> {
                if (c >= '1' && c <= '9') {
                    state = State.DIGITS;
                } else {
                    throw error(c, "looking for beginning of value");
                }
            }
        }
    }

    private void beginLiteral(String word) {
        literal = word;
        literalAt = 1;
        state = State.LITERAL;
    }

    private void beginKey(int c) throws SyntaxError {
        if (c != '"') {
            throw error(c, "looking for beginning of object key string");
        }
        inKey = true;
        state = State.STRING;
    }

    private void afterValue(int c) throws SyntaxError {
        if (isSpace(c)) {
            return;
        }
        if (stack[depth - 1] == OBJECT) {
            if (c == ',') {
                state = State.BEGIN_KEY;
            } else if (c == '}') {
                closeContainer();
            } else {
                throw error(c, "after object key:value pair");
            }
        } else {
            if (c == ',') {
                state = State.BEGIN_VALUE;
            } else if (c == ']') {
                closeContainer();
            } else {
                throw error(c, "after array element");
            }
        }
    }

    private void push(byte kind, int c) throws SyntaxError {
        if (depth == MAX_DEPTH) {
            throw error(c, "exceeded max depth");
        }
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        }
        stack[depth++] = kind;
    }

    private void closeContainer() {
        depth--;
        state = depth == 0 ? State.DONE : State.AFTER_VALUE;
    }

    /** A scalar value ended: inside a container look for a separator; at the top wait for one more byte. */
    private void endValue() {
        state = depth == 0 ? State.END_TOP : State.AFTER_VALUE;
    }

    private static SyntaxError error(int c, String context) {
        return new SyntaxError("invalid character " + quoteChar(c) + " " + context, false);
    }

    /**
     * Go's quoteChar: the byte as a rune (so a UTF-8 lead byte reads as Latin-1), quoted like
     * strconv.Quote but between single quotes.
     */
    static String quoteChar(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String body = switch (c) {
            case '\\' -> "\\\\";
            case 0x07 -> "\\a";
            case 0x08 -> "\\b";
            case 0x0C -> "\\f";
            case 0x0A -> "\\n";
            case 0x0D -> "\\r";
            case 0x09 -> "\\t";
            case 0x0B -> "\\v";
            default -> {
                if (c < 0x20 || c == 0x7F) {
                    yield String.format("\\x%02x", c);
                } else if (c < 0x7F) {
                    yield String.valueOf((char) c);
                } else if (c <= 0xA0 || c == 0xAD) {
                    yield String.format("\\u%04x", c); // not printable in Go: C1 controls, NBSP, soft hyphen
                } else {
                    yield String.valueOf((char) c);
                }
            }
        };
        return "'" + body + "'";
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
