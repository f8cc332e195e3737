package dev.argoconformance.suite.certification;

/** How binding a requirement is: a failed {@code @must} fails the certification, a failed {@code @should} costs the full badge. */
public enum Level {
    MUST,
    SHOULD;

    public String tag() {
        return name().toLowerCase();
    }
}
