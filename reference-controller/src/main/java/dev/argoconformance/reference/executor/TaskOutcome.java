package dev.argoconformance.reference.executor;

import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.protocol.NodeResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the agent made of one dispatch of a plugin template: the node result, the requeue it will
 * honour (zero for none), which plugin accepted, and which ones declined or were skipped.
 */
public record TaskOutcome(NodeResult result, Duration requeue, String acceptedBy, List<String> declinedBy) {

    public TaskOutcome {
        requeue = requeue == null || requeue.isNegative() ? Duration.ZERO : requeue;
        declinedBy = List.copyOf(declinedBy);
    }

    public boolean willRequeue() {
        return !requeue.isZero();
    }

    /**
     * Whether the node is done after this outcome: no requeue, or a fulfilled phase. The agent calls a
     * Failed or Error node with a requeue again (PR #10681), but the controller has already copied the
     * fulfilled node and never takes a later result for it (the differential tier's harness shows it).
     */
    public boolean finishesTheNode() {
        return !willRequeue()
                || NodePhase.fromWire(result.phase())
                        .map(NodePhase::isFulfilled)
                        .orElse(false);
    }

    public Optional<String> accepted() {
        return Optional.ofNullable(acceptedBy);
    }
}
