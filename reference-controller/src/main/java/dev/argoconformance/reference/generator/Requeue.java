package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.generator.GeneratorSpec.Kind;
import java.time.Duration;
import java.util.List;

/**
 * When the ApplicationSet controller reconciles again on its own ({@code getMinRequeueAfter} in
 * applicationset_controller.go, {@code GetRequeueAfter} of each generator). Durations are Go's: nanoseconds in a
 * long, seconds multiplied with Go's wrap-around.
 */
final class Requeue {

    /** {@code generators.DefaultRequeueAfter}: git and clusterDecisionResource when unset. */
    static final Duration GIT_DEFAULT = Duration.ofMinutes(3);
    /** {@code DefaultSCMProviderRequeueAfter}, {@code DefaultPullRequestRequeueAfter}. */
    static final Duration SCM_DEFAULT = Duration.ofMinutes(30);
    /** {@code ReconcileRequeueOnValidationError}: after a generation error, or validation errors with no requeue. */
    static final Duration ON_ERROR = Duration.ofMinutes(3);

    private Requeue() {}

    /** The minimum of the non-zero values over the top-level generators; 0 when none is set. */
    static Duration of(List<GeneratorSpec> entries) {
        long result = 0;
        for (GeneratorSpec entry : entries) {
            for (Kind kind : entry.kinds()) {
                long t = nanos(entry, kind);
                if (result == 0) {
                    result = t;
                } else if (t != 0 && t < result) {
                    result = t;
                }
            }
        }
        return Duration.ofNanos(result);
    }

    private static long nanos(GeneratorSpec entry, Kind kind) {
        return switch (kind) {
            case LIST, CLUSTERS -> 0;
            case PLUGIN -> PluginGenerator.requeueAfter(entry.plugin()).toNanos();
            case GIT, CLUSTER_DECISION_RESOURCE -> seconds(entry.others().get(kind.key), GIT_DEFAULT);
            case SCM_PROVIDER, PULL_REQUEST -> seconds(entry.others().get(kind.key), SCM_DEFAULT);
            case MATRIX -> nested(entry.matrix().generators());
            case MERGE -> nested(entry.merge().generators());
        };
    }

    /** Matrix and merge: the smallest non-zero value of their children (a negative one included), else 0. */
    private static long nested(List<GeneratorSpec> children) {
        long result = Long.MAX_VALUE;
        boolean found = false;
        for (GeneratorSpec child : children) {
            for (Kind kind : child.kinds()) {
                long t = nanos(child, kind);
                if (t < result && t != 0) {
                    found = true;
                    result = t;
                }
            }
        }
        return found ? result : 0;
    }

    private static long seconds(JsonNode generator, Duration otherwise) {
        JsonNode seconds = generator.path("requeueAfterSeconds");
        return seconds.isIntegralNumber() ? seconds.longValue() * 1_000_000_000L : otherwise.toNanos();
    }
}
