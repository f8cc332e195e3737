package dev.argoconformance.reference.executor;

/**
 * Receives what the agent would patch into the WorkflowTaskSet's status: every outcome whose node
 * phase is not empty (an empty phase is a silent poll, never reported).
 */
@FunctionalInterface
public interface ResultListener {
    void onResult(String nodeId, TaskOutcome outcome);
}
