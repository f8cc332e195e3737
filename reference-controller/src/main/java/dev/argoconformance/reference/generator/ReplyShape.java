package dev.argoconformance.reference.generator;

/** What a plugin's reply amounted to, as Argo CD reads it (argo-behaviour.md §CD1.3). */
public enum ReplyShape {

    /** {@code output.parameters} held at least one parameter set. */
    PARAMETER_SETS,

    /**
     * {@code output.parameters} was {@code []}: zero sets, said explicitly. Argo then deletes the Applications it had
     * generated (when the ApplicationSet's sync policy allows deletion).
     */
    EMPTY_LIST,

    /**
     * Zero sets without an explicit empty list: an empty body, {@code null}, {@code {}}, no {@code output},
     * {@code output: null}, no or {@code null} {@code output.parameters}. Argo treats it exactly as
     * {@link #EMPTY_LIST}, deletions included, and reports nothing; the reference controller reproduces that and
     * flags it (note {@code GEN-SILENT-EMPTY}), because it is almost always a plugin bug.
     */
    SILENT_EMPTY,

    /** The call failed (transport, status, decoding): Argo reports an error and leaves the Applications alone. */
    ERROR
}
