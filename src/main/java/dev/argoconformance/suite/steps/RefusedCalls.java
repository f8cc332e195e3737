package dev.argoconformance.suite.steps;

import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.probe.RawHttp;
import java.util.ArrayList;
import java.util.List;

/**
 * Every call of the run that the suite read to the end of its connection, with the requirement that
 * sent it: the refusal probes of all auth scenarios, so one scenario can tell whether any refusal
 * was followed by more (a handler that answers 403 and carries on) and the others need not.
 */
final class RefusedCalls {

    record Probe(String requirement, RawHttp.Exchange exchange) {}

    private final List<Probe> probes = new ArrayList<>();

    static RefusedCalls of(CertificationRun run) {
        return run.getOrCompute(RefusedCalls.class, RefusedCalls::new);
    }

    synchronized void add(String requirement, RawHttp.Exchange exchange) {
        probes.add(new Probe(requirement, exchange));
    }

    synchronized List<Probe> all() {
        return List.copyOf(probes);
    }
}
