package dev.argoconformance.reference.workflow;

/** A workflow's phase, with Argo's names. A run that ends before its entrypoint node does stays {@code Running}. */
public enum WorkflowPhase {
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    ERROR("Error");

    private final String wire;

    WorkflowPhase(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
