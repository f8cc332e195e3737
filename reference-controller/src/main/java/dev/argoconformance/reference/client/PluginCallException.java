package dev.argoconformance.reference.client;

/**
 * A failed plugin call. The message is the text Argo puts on the node (Go's {@code err.Error()}):
 * {@code "500 Internal Server Error: boom"}, {@code "EOF"}, {@code "Post \"…\": dial tcp …"}.
 */
public final class PluginCallException extends Exception {

    private final boolean transientError;

    PluginCallException(String message, boolean transientError, Throwable cause) {
        super(message, cause);
        this.transientError = transientError;
    }

    /** Transient errors are retried with the backoff; once the attempts run out the last one is fatal. */
    public boolean isTransient() {
        return transientError;
    }
}
