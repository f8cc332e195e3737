package dev.argoconformance.reference.executor;

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

    public Optional<String> accepted() {
        return Optional.ofNullable(acceptedBy);
    }
}
