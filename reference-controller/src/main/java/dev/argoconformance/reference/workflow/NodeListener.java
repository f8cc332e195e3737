package dev.argoconformance.reference.workflow;

/**
 * Sees every change of a node's phase or message, in the order the run makes them, from one thread. A slow listener
 * slows the run; an exception it throws is ignored.
 */
@FunctionalInterface
public interface NodeListener {

    NodeListener NONE = node -> {};

    void onNode(NodeStatus node);
}
