package dev.argoconformance.reference.client;

/** Keeps tokens out of evidence: every occurrence of a secret becomes a mask. */
public final class Redaction {

    public static final String MASK = "*****";

    private Redaction() {}

    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, MASK);
    }
}
