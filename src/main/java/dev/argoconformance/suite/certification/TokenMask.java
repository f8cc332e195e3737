package dev.argoconformance.suite.certification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Masks the run's token in a bundle, and what the checks derive from it. Redaction at the source
 * replaces the exact token, but the auth checks send a prefix of the token (all but its last
 * character) and the token reversed, which give the token away just as well. Any run of at least
 * {@link #MIN_RUN} characters that is part of the token or of its reverse becomes {@code *****}.
 */
final class TokenMask {

    /** Shorter runs are too likely to be chance in long random text, and reveal too little to matter. */
    static final int MIN_RUN = 8;

    static final String MASK = "*****";

    private final List<String> variants;
    private final int minRun;

    TokenMask(String token) {
        this.variants = token == null || token.isEmpty() ? List.of()
                : List.of(bytes(token), bytes(new StringBuilder(token).reverse().toString()));
        this.minRun = variants.isEmpty() ? 0 : Math.min(MIN_RUN, variants.get(0).length());
    }

    /** Masks {@code text}, the bytes of a file read as ISO-8859-1 (one character a byte). */
    String apply(String text) {
        if (variants.isEmpty() || text == null) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < text.length(); ) {
            int run = longestRunAt(text, i);
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

    /** Rewrites every file of {@code dir} that holds a run of the token; returns how many it rewrote. */
    int applyToFiles(Path dir) {
        int rewritten = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                // ISO-8859-1 maps bytes one to one: any encoding round-trips, and the token's characters are ASCII.
                String content = Files.readString(file, StandardCharsets.ISO_8859_1);
                String masked = apply(content);
                if (!masked.equals(content)) {
                    Files.writeString(file, masked, StandardCharsets.ISO_8859_1);
                    rewritten++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mask the token in " + dir, e);
        }
        return rewritten;
    }

    /** The UTF-8 bytes of {@code s} as one character a byte: how the token appears in a file read as ISO-8859-1. */
    private static String bytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The longest prefix of {@code text} from {@code at} that appears in one of the variants. */
    private int longestRunAt(String text, int at) {
        int best = 0;
        for (String variant : variants) {
            for (int start = 0; start < variant.length(); start++) {
                int n = 0;
                while (start + n < variant.length() && at + n < text.length() && variant.charAt(start + n) == text.charAt(at + n)) {
                    n++;
                }
                best = Math.max(best, n);
            }
        }
        return best;
    }
}
