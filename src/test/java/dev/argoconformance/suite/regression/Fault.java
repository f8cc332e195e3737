package dev.argoconformance.suite.regression;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The fault plugins under {@code sample-plugins/faults/}: real containers that misbehave on purpose, each in one way,
 * as its template asks. Each is also the plugin's name as the agent knows it (the {@code RecordedCall}'s plugin).
 */
public enum Fault {
    FLAKY_503("flaky-503"),
    NOT_FOUND("not-found"),
    STALL("stall"),
    RESET("reset"),
    GARBAGE("garbage"),
    STATUS("status"),
    SCRIPTED("scripted");

    /** Every fault's name, for the {@code {fault}} parameter type. */
    static final String NAMES = Arrays.stream(values()).map(Fault::folder).collect(Collectors.joining("|"));

    private final String folder;

    Fault(String folder) {
        this.folder = folder;
    }

    /** Its folder under sample-plugins/faults, and the name the agent calls it by. */
    public String folder() {
        return folder;
    }

    static Fault named(String name) {
        return Arrays.stream(values())
                .filter(f -> f.folder.equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("no fault plugin is called " + name + "; there are " + NAMES));
    }

    @Override
    public String toString() {
        return folder;
    }
}
