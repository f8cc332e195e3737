package dev.argoconformance.suite.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plugin systems the suite certifies; each is a feature tag. */
public enum PluginKind {
    EXECUTOR,
    GENERATOR,
    /** Argo Workflows' proposed controller plugins (PR #7255, never released): no token, a 1 s timeout. */
    CONTROLLER;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PluginKind parse(String value) {
        for (PluginKind kind : values()) {
            if (kind.tag().equalsIgnoreCase(value.trim())) {
                return kind;
            }
        }
        throw new HarnessException("Unknown plugin kind '" + value + "': use one of "
                + Arrays.stream(values()).map(PluginKind::tag).collect(Collectors.joining(", ")) + ".");
    }
}
