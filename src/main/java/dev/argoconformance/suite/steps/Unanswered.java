package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.suite.certification.CertificationRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The calls of the run that got no HTTP response (a dropped connection, a reset, a timeout), among
 * those the suite made one at a time: the whole-run reply requirement judges them. A call that ran
 * into the full timeout also stops the run from waiting again: every later scenario that needs the
 * plugin is blocked by that requirement at once, so a plugin that stalls costs one timeout, not one
 * per probe. Concurrent bursts, load and hostile input judge their own silences and are not counted.
 */
final class Unanswered {

    /** One call left without a response, and the requirement that was being checked. */
    record Silence(String requirement, RecordedCall call, boolean timedOut) {}

    private final List<Silence> silences = new ArrayList<>();

    static Unanswered of(CertificationRun run) {
        return run.getOrCompute(Unanswered.class, Unanswered::new);
    }

    synchronized void saw(String requirement, RecordedCall call, Duration timeout) {
        if (!call.hasResponse()) {
            // A little slack: the client's own timer and ours do not start at the same instant.
            boolean timedOut = call.duration().compareTo(timeout.minusSeconds(1)) >= 0;
            silences.add(new Silence(requirement, call, timedOut));
        }
    }

    synchronized List<Silence> all() {
        return List.copyOf(silences);
    }

    /** The first call that waited out its whole timeout, if any. */
    synchronized Optional<Silence> firstStall() {
        return silences.stream().filter(Silence::timedOut).findFirst();
    }
}
