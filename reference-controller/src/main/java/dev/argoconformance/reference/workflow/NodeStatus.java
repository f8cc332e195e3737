package dev.argoconformance.reference.workflow;

import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.protocol.Outputs;
import java.time.Instant;

/**
 * One node of a run as it stood at {@code at}: Argo's node ID and name ({@code hello-x7k2p[0].greet}), the step or
 * task name it displays, its type and template, and the phase, message and outputs. The phase is a string because a
 * plugin may send one Argo does not define; such a phase does not end the node.
 */
public record NodeStatus(
        String id,
        String name,
        String displayName,
        NodeType type,
        String templateName,
        String phase,
        String message,
        Outputs outputs,
        Instant at) {

    public NodeStatus {
        message = message == null ? "" : message;
        outputs = outputs == null ? Outputs.NONE : outputs;
    }

    /** Succeeded, Failed, Error, Skipped or Omitted: nothing will change the node again. */
    public boolean isFulfilled() {
        return NodePhase.fromWire(phase).map(NodePhase::isFulfilled).orElse(false);
    }

    /** Argo's {@code Successful()}: Succeeded, Skipped or Omitted. */
    public boolean isSuccessful() {
        return phase.equals(NodePhase.SUCCEEDED.wire())
                || phase.equals(NodePhase.SKIPPED.wire())
                || phase.equals(NodePhase.OMITTED.wire());
    }
}
