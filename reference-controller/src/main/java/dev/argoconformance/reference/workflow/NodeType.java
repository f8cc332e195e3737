package dev.argoconformance.reference.workflow;

/** The node types the runner creates, with Argo's names for them ({@code pkg/apis/workflow/v1alpha1/workflow_types.go}). */
public enum NodeType {
    STEPS("Steps"),
    STEP_GROUP("StepGroup"),
    DAG("DAG"),
    PLUGIN("Plugin"),
    /** A DAG task whose dependencies ended so that it must not run; Argo marks it Omitted. */
    SKIPPED("Skipped");

    private final String wire;

    NodeType(String wire) {
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
