package dev.argoconformance.suite.config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How much of the contract a run checks. {@code quick} is the author's inner loop, {@code core}
 * every {@code @must}, {@code full} also every {@code @should}, load and hostile input: only
 * {@code full} can earn the "certified" badge.
 */
public enum Profile {
    QUICK("every @must of auth, decline and accept"),
    CORE("every @must"),
    FULL("every @must and @should, with load and hostile input");

    private static final Set<String> QUICK_AREAS = Set.of("auth", "decline", "accept");

    private final String description;

    Profile(String description) {
        this.description = description;
    }

    public String id() {
        return name().toLowerCase();
    }

    public String description() {
        return description;
    }

    /** Whether a requirement of this level and area (the middle of its ID: "auth") belongs to this profile. */
    public boolean includes(boolean must, String area) {
        return switch (this) {
            case FULL -> true;
            case CORE -> must;
            case QUICK -> must && QUICK_AREAS.contains(area);
        };
    }

    public static Profile parse(String value) {
        for (Profile p : values()) {
            if (p.id().equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new HarnessException("Unknown profile '" + value + "': use one of "
                + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", ")) + ".");
    }
}
