package dev.argoconformance.reference.hooks;

import dev.argoconformance.reference.client.PluginCallException;
import java.util.List;

/**
 * A controller plugin call that failed, with the text Argo would put on the workflow or node ({@code err.Error()}:
 * {@code "500 Internal Server Error: boom"}, {@code "Post \"…\": context deadline exceeded (…)"}, {@code "EOF"}).
 *
 * <p>{@link #isTransient()} is Argo's {@code errorsutil.IsTransientErr} of 2021 as the call sites apply it: a 503
 * ({@code ErrTransient}), or an error text holding one of its network patterns. A timeout or a refused connection
 * reaches the call sites as a {@code *url.Error}, which that version does not count as transient: such a call
 * fails (seed 003: "Transient errors are retried, all other errors are considered fatal").
 */
public final class HookFailure extends Exception {

    /** util/errors/errors.go isTransientNetworkErr (v3.2, 2021): substrings that make any other error transient. */
    static final List<String> TRANSIENT_PATTERNS = List.of(
            "net/http: TLS handshake timeout",
            "i/o timeout",
            "connection timed out",
            "connection reset by peer",
            "http2: client connection lost");

    private final String plugin;
    private final String method;
    private final boolean transientError;
    private final int status;

    HookFailure(String plugin, String method, String message, boolean transientError, int status, Throwable cause) {
        super(message, cause);
        this.plugin = plugin;
        this.method = method;
        this.transientError = transientError;
        this.status = status;
    }

    static HookFailure of(String plugin, String method, PluginCallException e) {
        String message = e.getMessage();
        // A transport error (status 0) is a *url.Error in Go, which isTransientNetworkErr does not look into.
        boolean transientError = e.status() == 503
                || (e.status() != 0 && TRANSIENT_PATTERNS.stream().anyMatch(message::contains));
        return new HookFailure(plugin, method, message, transientError, e.status(), e);
    }

    /** The plugin's name: its ConfigMap's name. */
    public String plugin() {
        return plugin;
    }

    /** The method that failed: {@code workflow.preOperate}, … */
    public String method() {
        return method;
    }

    /** Transient: nothing fails; the reconcile is skipped (seed 002: "Transient errors are ignored, and reconciliation aborted"). */
    public boolean isTransient() {
        return transientError;
    }

    /** The reply's HTTP status; 0 when there was none (a timeout, a connection error, an undecodable 200). */
    public int status() {
        return status;
    }
}
