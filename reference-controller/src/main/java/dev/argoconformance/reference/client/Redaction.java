package dev.argoconformance.reference.client;

/**
 * Keeps tokens out of evidence. The whole secret becomes a mask, and so does any run of
 * {@value #MIN_RUN} or more of its characters: conformance checks send parts of the token (a prefix,
 * the token with more after it), and a part that long gives the token away as well.
 */
public final class Redaction {

    public static final String MASK = "*****";

    /** Shorter runs are too likely to be chance in ordinary text, and reveal too little to matter. */
    static final int MIN_RUN = 8;

    private Redaction() {}

    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        int minRun = Math.min(MIN_RUN, secret.length());
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < text.length(); ) {
            int run = longestPartAt(text, i, secret);
            if (run >= minRun) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, i).append(MASK);
                i += run;
                copied = i;
            } else {
                i++;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The length of the longest run of {@code secret}'s characters, in order, that starts at {@code text[i]}. */
    private static int longestPartAt(String text, int i, String secret) {
        int best = 0;
        for (int j = secret.indexOf(text.charAt(i)); j >= 0; j = secret.indexOf(text.charAt(i), j + 1)) {
            int n = 0;
            while (i + n < text.length() && j + n < secret.length() && text.charAt(i + n) == secret.charAt(j + n)) {
                n++;
            }
            best = Math.max(best, n);
        }
        return best;
    }
}
