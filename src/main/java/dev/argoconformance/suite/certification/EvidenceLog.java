package dev.argoconformance.suite.certification;

import dev.argoconformance.reference.client.RecordedCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The evidence each scenario gathered, by test case id, handed from the steps to the writers. */
public final class EvidenceLog {

    /**
     * What one scenario saw: every exchange, in order, and the notes it took; and, when the plugin's
     * container stopped during it, the requirement that owns that stop ({@code blockedBy}, else ""),
     * which takes any failure of the scenario over: a call to a dead plugin fails for that reason.
     */
    public record Evidence(List<RecordedCall> calls, List<String> notes, String blockedBy, String blockReason) {
        public static final Evidence NONE = new Evidence(List.of(), List.of(), "", "");

        public Evidence {
            calls = List.copyOf(calls);
            notes = List.copyOf(notes);
        }
    }

    private final Map<String, Evidence> byTestCase = new ConcurrentHashMap<>();

    public static EvidenceLog of(CertificationRun run) {
        return run.getOrCompute(EvidenceLog.class, EvidenceLog::new);
    }

    public void put(String testCaseId, Evidence evidence) {
        byTestCase.put(testCaseId, evidence);
    }

    public Evidence take(String testCaseId) {
        return Optional.ofNullable(byTestCase.remove(testCaseId)).orElse(Evidence.NONE);
    }
}
