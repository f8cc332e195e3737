package dev.argoconformance.reference.client;

/**
 * A failed plugin call. The message is the text Argo puts on the node (Go's {@code err.Error()}):
 * {@code "500 Internal Server Error: boom"}, {@code "EOF"}, {@code "Post \"…\": dial tcp …"}.
 */
public final class PluginCallException extends Exception {

    private final boolean transientError;
    private final int status;

    PluginCallException(String message, boolean transientError, Throwable cause) {
        this(message, transientError, cause, 0);
    }

    PluginCallException(String message, boolean transientError, Throwable cause, int status) {
        super(message, cause);
        this.transientError = transientError;
        this.status = status;
    }

    /**
     * The HTTP status of the reply that failed the call (503, 500, …); 0 when no reply status did (a connection
     * error, a timeout, an undecodable 200). Callers that classify errors as Argo's call sites do need it: the
     * controller plugins' call sites count a 503 as transient and nothing else of the client's.
     */
    public int status() {
        return status;
    }

    /** Transient errors are retried with the backoff; once the attempts run out the last one is fatal. */
    public boolean isTransient() {
        return transientError;
    }
}
