package dev.argoconformance.reference.protocol;

import java.util.Optional;

/**
 * What a plugin says about a node: {@code {phase, message, outputs, progress}}
 * ({@code pkg/apis/workflow/v1alpha1/task_set_types.go}). The phase stays a raw string because
 * Argo does not validate it; {@link #knownPhase()} maps it when it is one Argo defines.
 */
public record NodeResult(String phase, String message, Outputs outputs, String progress) {

    public NodeResult {
        phase = phase == null ? "" : phase;
        message = message == null ? "" : message;
        outputs = outputs == null ? Outputs.NONE : outputs;
        progress = progress == null ? "" : progress;
    }

    public static NodeResult of(NodePhase phase, String message) {
        return new NodeResult(phase.wire(), message, Outputs.NONE, "");
    }

    public Optional<NodePhase> knownPhase() {
        return NodePhase.fromWire(phase);
    }

    public boolean hasPhase(NodePhase expected) {
        return expected.wire().equals(phase);
    }
}
