package dev.argoconformance.suite.regression;

import dev.argoconformance.reference.protocol.GoDuration;
import dev.argoconformance.reference.protocol.NodePhase;
import io.cucumber.java.ParameterType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The contract's nouns, turned into types once. */
public final class ParameterTypes {

    /** Fault's folder names; an annotation needs a constant, and {@link Fault#named} refuses any other name. */
    private static final String FAULT = "flaky-503|not-found|stall|reset|garbage|status|scripted";

    /** A fault plugin by its folder name under sample-plugins/faults. */
    @ParameterType(FAULT)
    public Fault fault(String name) {
        return Fault.named(name);
    }

    /** Fault plugins in the agent's order: "not-found, flaky-503". */
    @ParameterType("(?:" + FAULT + ")(?:, (?:" + FAULT + "))*")
    public List<Fault> faults(String names) {
        return Arrays.stream(names.split(", ")).map(Fault::named).toList();
    }

    /** A plugin the agent knows, by name: a fault, or a stand-in such as "nowhere". */
    @ParameterType("[a-z][a-z0-9-]*")
    public String plugin(String name) {
        return name;
    }

    /** A node phase as Argo spells it. */
    @ParameterType("Pending|Running|Succeeded|Skipped|Failed|Error|Omitted")
    public NodePhase phase(String phase) {
        return NodePhase.fromWire(phase).orElseThrow();
    }

    /** A Go duration, as plugins and Argo write them: "1s", "1.2s", "500ms". */
    @ParameterType("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+")
    public Duration goDuration(String text) {
        return GoDuration.parse(text);
    }
}
