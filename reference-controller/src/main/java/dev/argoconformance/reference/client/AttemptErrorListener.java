package dev.argoconformance.reference.client;

/**
 * Told about every attempt that ended in an error, with the error as Argo's retry predicate sees it
 * (its {@code err.Error()}, e.g. {@code busy} for a 503 with body {@code busy}) and whether the client
 * retries it. Must be thread-safe: the agent calls from many workers.
 */
@FunctionalInterface
public interface AttemptErrorListener {

    AttemptErrorListener NONE = (method, attempt, message, retried) -> {};

    /** {@code retried}: the error is transient and another attempt follows (false after the last step). */
    void onError(String method, int attempt, String message, boolean retried);
}
