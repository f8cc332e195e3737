package dev.argoconformance.suite.differential;

/** What the differential tier compares, per template and for the client's connections, and per generator input. */
public enum Field {
    ENDING("how the task ended"),
    PHASE("final phase"),
    MESSAGE("message"),
    OUTPUTS("outputs"),
    CALLS("number of calls"),
    REQUEUE_CLASS("requeue timing class"),
    REQUEUES("number of requeues"),
    FINAL_ERROR("error text of the last failed attempt"),
    CONNECTIONS("connections opened"),
    CONNECTIONS_ONE_CALL("connections opened for one call"),
    CONNECTIONS_CONCURRENT("connections opened for concurrent calls"),
    CONNECTIONS_KEPT_IDLE("connections kept open after concurrent calls"),
    PARAMETER_SETS("parameter sets"),
    ERROR("error"),
    REQUEUE_AFTER("requeue after");

    private final String label;

    Field(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
