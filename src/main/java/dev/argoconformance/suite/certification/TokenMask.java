package dev.argoconformance.suite.certification;

import dev.argoconformance.reference.client.Redaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Masks the run's token in a bundle, and what the checks derive from it. Redaction at the source
 * masks the token and any long run of it (the auth checks send a prefix of the token), but they
 * also send the token reversed, which gives it away just as well: this masks both directions, as
 * {@link Redaction} does, in every file of the bundle.
 */
final class TokenMask {

    private final List<String> variants;

    TokenMask(String token) {
        this.variants = token == null || token.isEmpty()
                ? List.of()
                : List.of(bytes(token), bytes(new StringBuilder(token).reverse().toString()));
    }

    /** Masks {@code text}, the bytes of a file read as ISO-8859-1 (one character a byte). */
    String apply(String text) {
        String masked = text;
        for (String variant : variants) {
            masked = Redaction.redact(masked, variant);
        }
        return masked;
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
}
