package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.CallListener;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.Clause;
import dev.argoconformance.suite.certification.ContractViolation;
import dev.argoconformance.suite.certification.EvidenceLog;
import dev.argoconformance.suite.certification.FeatureClauses;
import dev.argoconformance.suite.certification.Level;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.certification.Requirement;
import dev.argoconformance.suite.certification.ShouldViolation;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.plugin.PluginTarget;
import dev.argoconformance.suite.probe.HttpProbe;
import io.cucumber.java.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What one scenario shares between its steps: the requirement it checks, the plugin, every exchange
 * it made and the last outcome. Rebuilt for every scenario; the plugin itself lives with the run.
 */
public final class World {

    /** The name a plugin without plugin.yaml goes by. */
    static final String UNNAMED_PLUGIN = "plugin-under-test";

    /**
     * Requirements a stalled call never blocks: those that judge the whole run (they report it), and
     * those that look at the container rather than wait for answers.
     */
    private static final java.util.Set<String> NOT_BLOCKED_BY_A_STALL = java.util.Set.of(
            "EXEC-REPLY-05",
            "EXEC-RUN-04",
            "GEN-TIME-02",
            "GEN-RUN-03",
            "EXEC-RUN-01",
            "EXEC-RUN-02",
            "EXEC-RUN-03",
            "GEN-RUN-01",
            "GEN-RUN-02");

    private final CertificationRun run = CertificationRun.current();
    private final List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private Requirement requirement;
    private RecordedCall lastCall;
    private TaskOutcome lastOutcome;

    void begin(Scenario scenario) {
        var tags = new HashSet<>(scenario.getSourceTagNames());
        var text = FeatureClauses.at(scenario.getUri().toString(), scenario.getLine());
        requirement = new Requirement(
                Requirement.idIn(tags),
                Requirement.levelIn(tags),
                Requirement.kindIn(tags),
                "",
                scenario.getName(),
                text.map(FeatureClauses.ScenarioText::clause).orElse(""),
                scenario.getUri() + ":" + scenario.getLine());
        boolean needsNoPlugin = tags.contains("@static");
        RunTarget.of(run).nowChecking(requirement.id(), needsNoPlugin);
        if (!needsNoPlugin && !NOT_BLOCKED_BY_A_STALL.contains(requirement.id())) {
            Unanswered.of(run).firstStall().ifPresent(stall -> {
                throw NotChecked.blocked(
                        unansweredCause(),
                        "the plugin left a call unanswered for its whole "
                                + stall.call().duration().toSeconds() + " s while " + stall.requirement()
                                + " was checked ("
                                + stall.call().requestLine() + "): the run does not wait on it again");
            });
        }
    }

    void finish(Scenario scenario) {
        List<RecordedCall> snapshot;
        synchronized (calls) {
            snapshot = List.copyOf(calls);
        }
        var stop = RunTarget.of(run).stoppedWhileChecking(requirement.id());
        EvidenceLog.of(run)
                .put(
                        scenario.getId(),
                        new EvidenceLog.Evidence(
                                snapshot,
                                List.copyOf(notes),
                                stop.map(RunTarget.Stop::owner).orElse(""),
                                stop.map(RunTarget.Stop::description).orElse("")));
        if (!snapshot.isEmpty()) {
            String transcript =
                    snapshot.stream().limit(20).map(RecordedCall::transcript).collect(Collectors.joining("\n\n"));
            scenario.attach(transcript, "text/plain", "exchanges (token redacted)");
        }
    }

    CertificationRun run() {
        return run;
    }

    Requirement requirement() {
        return requirement;
    }

    /** The running plugin; a scenario that needs it is blocked when it never started (see {@link RunTarget}). */
    PluginTarget target() {
        return RunTarget.of(run).require();
    }

    /** The plugin's name as Argo knows it: the manifest's, else a stand-in. */
    String pluginName() {
        return RunTarget.of(run).manifest().map(m -> m.name()).orElse(UNNAMED_PLUGIN);
    }

    RunTarget runTarget() {
        return RunTarget.of(run);
    }

    String token() {
        return target().token();
    }

    List<ExampleTemplate> examples() {
        return RunExamples.executor(run);
    }

    List<dev.argoconformance.suite.config.GeneratorExample> generatorExamples() {
        return RunExamples.generator(run);
    }

    /** REST-assured, for plain requests Argo never sends where a normal HTTP client's view is the point. */
    HttpProbe probe() {
        return new HttpProbe(target().baseUrl(), target().token());
    }

    /** A reference-controller client for the plugin, recording every attempt into this scenario. */
    PluginClient referenceClient() {
        PluginTarget target = target();
        return PluginClient.builder(pluginName(), target.baseUrl(), target.token())
                .listener(recorder())
                .build();
    }

    CallListener recorder() {
        return this::recordArgoCall;
    }

    void record(RecordedCall call) {
        calls.add(call);
        lastCall = call;
    }

    /** Argo's own calls also feed the run's latency profile; probes do not, their client is not Argo's. */
    private void recordArgoCall(RecordedCall call) {
        record(call);
        argoCallMade(call);
    }

    /** One of Argo's calls, for the run's latency profile. */
    void argoCallMade(RecordedCall call) {
        if (call.hasResponse()) {
            run.facts().recordLatency(call.duration());
        }
    }

    /**
     * A call Argo made with the mounted token, answered 401 or 403: whatever clause the scenario
     * checks cannot be judged, because the plugin refused Argo itself (EXEC-AUTH-08).
     */
    void blockIfArgoWasRefused(RecordedCall call) {
        if (call != null && !call.plugin().startsWith("probe") && (call.status() == 401 || call.status() == 403)) {
            String cause = run.options().kind() == dev.argoconformance.suite.config.PluginKind.GENERATOR
                    ? "GEN-AUTH-04"
                    : "EXEC-AUTH-08";
            throw NotChecked.blocked(
                    cause, "the plugin refused Argo's own call with the mounted token (" + call.statusLine() + ")");
        }
    }

    /**
     * Counts a call the suite made one at a time for the whole-run reply requirement: a call without
     * a response is a silence the run remembers (see {@link Unanswered}).
     */
    void answered(RecordedCall call, java.time.Duration timeout) {
        Unanswered.of(run).saw(requirement.id(), call, timeout);
    }

    /** The requirement that owns a call without an HTTP response. */
    String unansweredCause() {
        return run.options().kind() == dev.argoconformance.suite.config.PluginKind.GENERATOR
                ? "GEN-TIME-02"
                : "EXEC-REPLY-05";
    }

    /** A call that got no HTTP response blocks the clause that made it: the whole-run reply requirement judges it. */
    void blockIfUnanswered(RecordedCall call) {
        if (call != null && !call.hasResponse()) {
            throw NotChecked.blocked(
                    unansweredCause(),
                    "the plugin gave no HTTP response to " + call.requestLine() + " (" + call.error() + ")");
        }
    }

    void note(String note) {
        notes.add(note);
    }

    RecordedCall lastCall() {
        return lastCall;
    }

    List<RecordedCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    void outcome(TaskOutcome outcome) {
        this.lastOutcome = outcome;
    }

    TaskOutcome outcome() {
        return lastOutcome;
    }

    /** Fails the scenario unless {@code condition}: quoting the clause and showing the last exchange. */
    void require(boolean condition, String expected, Supplier<String> received) {
        if (!condition) {
            fail(expected, received.get(), lastCall);
        }
    }

    /** Always throws: a {@link ContractViolation} for a {@code @must}, a {@link ShouldViolation} for a {@code @should}. */
    void fail(String expected, String received, RecordedCall call) {
        String message = Clause.describe(requirement, expected, received, call);
        if (requirement.level() == Level.SHOULD) {
            throw new ShouldViolation(message);
        }
        throw new ContractViolation(message);
    }
}
