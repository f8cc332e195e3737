package dev.argoconformance.reference.workflow;

/**
 * A workflow the reference runner will not run. The message is one sentence that names the file, the template or
 * the step at fault and says what to change; Argo's own words where Argo has them
 * ({@code expected exactly one key, got 2}).
 */
public final class WorkflowException extends Exception {

    WorkflowException(String message) {
        super(message);
    }

    WorkflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
