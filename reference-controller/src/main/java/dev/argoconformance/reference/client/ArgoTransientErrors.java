package dev.argoconformance.reference.client;

import java.util.List;

/**
 * The text half of Argo's retry predicate. Argo decides whether to retry an attempt from the error's
 * type <em>and</em> from its text: {@code strings.Contains(err.Error(), "connection refused") ||
 * errors.IsTransientErr(ctx, err)} ({@code workflow/util/plugin/plugin.go}), and {@code IsTransientErr}
 * matches substrings of the whole message ({@code util/errors/errors.go}). The message of a non-2xx
 * reply is {@code "<status>: <body>"}, so a plugin whose body says {@code connection refused} (a
 * backend error passed on, say) is retried with the backoff like a refused connection, and fails
 * with that text once the attempts run out (spec errata D1).
 *
 * <p>The list is v4.1.2's, the version the spec was read at. Argo v4.0.x lacks the four marked
 * "since v4.1.0"; the differential tier reports that as compatibility note
 * {@code ARGO-V4.1-TRANSIENT-TEXTS}. {@code TRANSIENT_ERROR_PATTERN} would add a regular expression,
 * but the controller never gives it to agent pods ({@code workflow/controller/agent.go}).
 */
public final class ArgoTransientErrors {

    /** Substrings of an error message that make it transient, in the order Argo checks them. */
    public static final List<String> TEXTS = List.of(
            "connection refused", // plugin.go
            "unexpected error when reading response body", // isTransientNetworkErr, since v4.1.0
            "stream error when reading response body", // isTransientNetworkErr, since v4.1.0
            "Connection closed by foreign host", // isTransientNetworkErr
            "net/http: TLS handshake timeout",
            "i/o timeout",
            "connection timed out",
            "connection reset by peer",
            "http2: client connection lost",
            "http2: server sent GOAWAY and closed the connection",
            "request did not complete within requested timeout", // isTransientNetworkErr, since v4.1.0
            "connect: connection refused",
            "invalid connection",
            "etcdserver: leader changed", // isTransientEtcdErr
            "etcdserver: request timed out",
            "etcdserver: too many requests",
            "client rate limiter Wait returned an error", // isClientGoRateLimiterWaitErr, since v4.1.0
            "upper: no more rows in"); // isTransientSqbErr

    private ArgoTransientErrors() {}

    /** True when Argo would retry an error with this message whatever its type. */
    public static boolean matches(String message) {
        if (message == null || message.isEmpty()) {
            return false;
        }
        for (String text : TEXTS) {
            if (message.contains(text)) {
                return true;
            }
        }
        return false;
    }
}
