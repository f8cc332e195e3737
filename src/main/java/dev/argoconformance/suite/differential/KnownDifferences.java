package dev.argoconformance.suite.differential;

import dev.argoconformance.reference.client.ArgoTransientErrors;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The allow-list: differences between Argo's agent (the version the harness links) and the reference
 * controller that are there on purpose. Where Argo's code and the seeds (the user's docs) disagree,
 * the reference follows the seeds; where the harness's pinned Argo is older than the spec's (v4.1.2,
 * the version the reference follows: the Go module proxy does not serve it), the reference keeps the
 * newer behaviour. Each entry names its compatibility note and says why; everything else fails.
 */
final class KnownDifferences {

    private static final Set<Field> ANY_TASK_FIELD = EnumSet.of(
            Field.ENDING,
            Field.PHASE,
            Field.MESSAGE,
            Field.OUTPUTS,
            Field.CALLS,
            Field.REQUEUE_CLASS,
            Field.REQUEUES,
            Field.FINAL_ERROR,
            Field.CONNECTIONS);

    /** A truncated 200 body: retried since v3.7.17 / v4.0.8 / v4.1.0 (#16484); the spec's v4.1.2 retries it. */
    public static final KnownDifference UNEXPECTED_EOF_RETRIED = new KnownDifference(
            "ARGO-V4.0.8-UNEXPECTED-EOF",
            "a 200 body cut short (unexpected EOF) is retried since Argo v4.0.8 (#16484); the reference follows the spec's v4.1.2",
            new CompatibilityNote(
                    "ARGO-V4.0.8-UNEXPECTED-EOF",
                    "a 200 reply whose body ends inside its JSON",
                    "before v3.7.17 / v4.0.8 the node fails at once with 'unexpected EOF'; since then it is retried with the backoff",
                    "retried with the backoff, as v4.1.2 does",
                    "workflow/util/plugins/plugin.go, util/errors/errors.go; spec history D4"),
            ANY_TASK_FIELD,
            version -> olderThan(version, 4, 0, 8),
            (argo, reference) -> argo.calls() < reference.calls()
                    && argo.errors().contains("unexpected EOF")
                    && reference.errors().contains("unexpected EOF"));

    /** Wrapped network errors (write: broken pipe): transient since v4.1.0 (#15345). */
    public static final KnownDifference WRAPPED_NETWORK_ERRORS_RETRIED = new KnownDifference(
            "ARGO-V4.1-WRAPPED-NET-ERRORS",
            "a network error wrapped in Go's url.Error (write: broken pipe) is transient since Argo v4.1.0 (#15345); the reference follows the spec's v4.1.2",
            new CompatibilityNote(
                    "ARGO-V4.1-WRAPPED-NET-ERRORS",
                    "a network error the plugin client sees wrapped, such as write: broken pipe",
                    "before v4.1.0 fatal after one call; since then retried with the backoff",
                    "retried with the backoff, as v4.1.2 does",
                    "util/errors/errors.go isTransientNetworkErr (errors.As since #15345); spec history D4"),
            ANY_TASK_FIELD,
            version -> olderThan(version, 4, 1, 0),
            (argo, reference) ->
                    argo.calls() < reference.calls() && argo.finalError().contains("broken pipe"));

    /** Four error texts IsTransientErr matches only since v4.1.0. */
    public static final KnownDifference NEWER_TRANSIENT_TEXTS = new KnownDifference(
            "ARGO-V4.1-TRANSIENT-TEXTS",
            "'unexpected error when reading response body', 'stream error when reading response body', 'request did not complete within"
                    + " requested timeout' and 'client rate limiter Wait returned an error' make an error transient only since Argo v4.1.0;"
                    + " the reference follows the spec's v4.1.2",
            new CompatibilityNote(
                    "ARGO-V4.1-TRANSIENT-TEXTS",
                    "an error whose text contains one of the transient texts added in v4.1.0",
                    "before v4.1.0 fatal after one call; since then retried",
                    "retried with the backoff, as v4.1.2 does",
                    "util/errors/errors.go isTransientNetworkErr, isClientGoRateLimiterWaitErr; argo-behaviour.md §W2.2"),
            ANY_TASK_FIELD,
            version -> olderThan(version, 4, 1, 0),
            (argo, reference) -> argo.calls() < reference.calls() && onlyNewerTransientText(argo.finalError()));

    /** Every entry, in the order they are tried. */
    public static final List<KnownDifference> ALL =
            List.of(UNEXPECTED_EOF_RETRIED, WRAPPED_NETWORK_ERRORS_RETRIED, NEWER_TRANSIENT_TEXTS);

    private KnownDifferences() {}

    /** The entry that explains this difference, if any. */
    public static Optional<KnownDifference> explain(Difference d, String argoVersion, Outcome argo, Outcome reference) {
        return ALL.stream()
                .filter(k -> k.explains(d, argoVersion, argo, reference))
                .findFirst();
    }

    private static final List<String> SINCE_V4_1 = List.of(
            "unexpected error when reading response body",
            "stream error when reading response body",
            "request did not complete within requested timeout",
            "client rate limiter Wait returned an error");

    private static boolean onlyNewerTransientText(String error) {
        if (SINCE_V4_1.stream().noneMatch(error::contains)) {
            return false;
        }
        String rest = error;
        for (String t : SINCE_V4_1) {
            rest = rest.replace(t, "");
        }
        return !ArgoTransientErrors.matches(rest);
    }

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");

    /** Whether the linked Argo version (v4.0.5) is older than major.minor.patch; an unreadable version is not. */
    static boolean olderThan(String version, int major, int minor, int patch) {
        Matcher m = VERSION.matcher(version == null ? "" : version);
        if (!m.find()) {
            return false;
        }
        int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        int[] w = {major, minor, patch};
        for (int i = 0; i < 3; i++) {
            if (v[i] != w[i]) {
                return v[i] < w[i];
            }
        }
        return false;
    }
}
