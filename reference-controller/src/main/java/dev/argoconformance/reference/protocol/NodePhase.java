package dev.argoconformance.reference.protocol;

import java.util.Optional;

/**
 * The node phases Argo defines ({@code pkg/apis/workflow/v1alpha1/workflow_types.go}). Nothing in Argo
 * validates the phase a plugin sends, so the wire keeps the raw string; this enum names the known ones.
 */
public enum NodePhase {
    PENDING("Pending"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    SKIPPED("Skipped"),
    FAILED("Failed"),
    ERROR("Error"),
    OMITTED("Omitted");

    private final String wire;

    NodePhase(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Fulfilled phases end a node; Pending and Running do not. */
    public boolean isFulfilled() {
        return this != PENDING && this != RUNNING;
    }

    public static Optional<NodePhase> fromWire(String phase) {
        for (NodePhase p : values()) {
            if (p.wire.equals(phase)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wire;
    }
}
