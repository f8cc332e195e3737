package dev.argoconformance.reference.generator.gotext;

/** The few Go string functions Argo CD's plugin generator leans on, with Go's exact edges and error texts. */
public final class GoStrings {

    private GoStrings() {}

    /** Thrown with the text of Go's {@code *strconv.NumError}. */
    public static final class NumberException extends Exception {
        NumberException(String message) {
            super(message);
        }
    }

    /**
     * {@code strconv.Atoi} on a 64-bit platform: an optional sign, then decimal digits only (no spaces, no
     * underscores, no {@code 0x}); {@code "+60"} is 60. Errors read
     * {@code strconv.Atoi: parsing "5s": invalid syntax} or {@code ...: value out of range}.
     */
    public static long atoi(String s) throws NumberException {
        String digits = s;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            digits = s.substring(1);
        }
        if (digits.isEmpty()) {
            throw syntax(s);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw syntax(s);
            }
        }
        try {
            return Long.parseLong((negative ? "-" : "") + digits);
        } catch (NumberFormatException e) {
            throw new NumberException("strconv.Atoi: parsing " + GoValues.quote(s) + ": value out of range");
        }
    }

    private static NumberException syntax(String s) {
        return new NumberException("strconv.Atoi: parsing " + GoValues.quote(s) + ": invalid syntax");
    }

    /** {@code strings.TrimSpace}: Unicode white space, which is not Java's {@link String#strip()} set. */
    public static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code unicode.IsSpace}. */
    static boolean isSpace(char c) {
        return switch (c) {
            case '\t',
                    '\n',
                    '\u000b',
                    '\f',
                    '\r',
                    ' ',
                    '\u0085',
                    '\u00a0',
                    '\u1680',
                    '\u2028',
                    '\u2029',
                    '\u202f',
                    '\u205f',
                    '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200a';
        };
    }
}
