package dev.argoconformance.reference.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.Outputs;
import java.util.List;
import java.util.Optional;

/**
 * How a run ended: the workflow's phase and message, why the run stopped, and every node as it last stood.
 *
 * <p>{@link End#STUCK} means no node could change any more although the entrypoint had not finished: a plugin node
 * was left Pending or Running by a reply without a requeue, and Argo never calls the plugin for it again
 * (EXEC-REQUEUE-03). {@link End#DEADLINE} means the caller's deadline passed first. Both leave the phase
 * {@link WorkflowPhase#RUNNING}, as Argo would show it.
 *
 * <p>{@code metadata} is the Workflow's ObjectMeta as it ended, with what controller plugins' workflow.preOperate
 * replies merged into it; {@code notes} say where the run followed the seeds rather than Argo's code.
 */
public record WorkflowResult(
        String workflowName,
        WorkflowPhase phase,
        String message,
        End end,
        List<NodeStatus> nodes,
        ObjectNode metadata,
        List<CompatibilityNote> notes) {

    public enum End {
        /** The entrypoint node finished; the phase says how. */
        FINISHED,
        /** A node Argo would never call its plugin for again keeps the workflow Running. */
        STUCK,
        /** The caller's deadline passed before the workflow finished. */
        DEADLINE
    }

    public WorkflowResult {
        message = message == null ? "" : message;
        nodes = List.copyOf(nodes);
        metadata = metadata == null ? Json.object() : metadata.deepCopy();
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public WorkflowResult(String workflowName, WorkflowPhase phase, String message, End end, List<NodeStatus> nodes) {
        this(workflowName, phase, message, end, nodes, null, null);
    }

    /** The node with this name ({@code hello-x7k2p[0].greet}) or, failing that, this display name ({@code greet}). */
    public Optional<NodeStatus> node(String name) {
        return nodes.stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .or(() ->
                        nodes.stream().filter(n -> n.displayName().equals(name)).findFirst());
    }

    /** The entrypoint node's outputs; none while it has not finished. */
    public Outputs outputs() {
        return node(workflowName).map(NodeStatus::outputs).orElse(Outputs.NONE);
    }
}
