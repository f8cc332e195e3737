package dev.argoconformance.suite.certification;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One clause of a plugin contract, as a scenario states it: an ID ({@code EXEC-AUTH-01}), a level,
 * a plugin kind, an area, a title and the quoted clause.
 */
public record Requirement(
        String id, Level level, String kind, String area, String title, String clause, String source) {

    private static final Pattern ID = Pattern.compile("[A-Z]+(-[A-Z0-9]+)*-\\d{2}");

    /** The requirement ID among a scenario's tags (with or without '@'), if any. */
    public static String idIn(Set<String> tags) {
        return tags.stream()
                .map(t -> t.startsWith("@") ? t.substring(1) : t)
                .filter(t -> ID.matcher(t).matches())
                .findFirst()
                .orElse(null);
    }

    public static Level levelIn(Set<String> tags) {
        return tags.contains("should") || tags.contains("@should") ? Level.SHOULD : Level.MUST;
    }

    public static String kindIn(Set<String> tags) {
        for (String kind : new String[] {"executor", "generator", "controller"}) {
            if (tags.contains(kind) || tags.contains("@" + kind)) {
                return kind;
            }
        }
        return "";
    }

    /** Short form for consoles: {@code EXEC-AUTH-01 (must)}. */
    public String label() {
        return id + " (" + level.tag() + ")";
    }
}
