package dev.argoconformance.suite.plugin;

import java.security.SecureRandom;

/**
 * Tokens as Argo's agent makes them: {@code rand.String(32)} from k8s apimachinery, 32 characters
 * of {@code bcdfghjklmnpqrstvwxz2456789} (cmd/argoexec/commands/agent.go). Fresh for every run, so a
 * plugin can only know it by reading /var/run/argo/token.
 */
public final class Tokens {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    public static String fresh() {
        StringBuilder b = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
