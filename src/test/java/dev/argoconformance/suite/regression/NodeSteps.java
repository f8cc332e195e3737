package dev.argoconformance.suite.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.protocol.NodeResult;
import io.cucumber.java.en.Then;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the agent reported for a node: the phase, message and outputs it would patch into the WorkflowTaskSet, and
 * which plugin accepted the template. "The node" is the last template the scenario executed.
 */
public final class NodeSteps {

    /**
     * {@code <address of nowhere>} or {@code <port of nowhere>} in an expected message: where that plugin listens,
     * known only at run time.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("<(address|port) of ([a-z0-9-]+)>");

    private final RegressionWorld world;

    public NodeSteps(RegressionWorld world) {
        this.world = world;
    }

    @Then("the node is {phase}")
    public void theNodeIs(NodePhase phase) {
        assertThat(last(world.lastNode()).phase())
                .as("the node's phase; calls:%n%s", world.callTable())
                .isEqualTo(phase.wire());
    }

    @Then("the node is {phase} with the message {string}")
    public void theNodeIsWithTheMessage(NodePhase phase, String message) {
        nodeIs(world.lastNode(), phase, message);
    }

    @Then("the node is {phase} with a message starting {string}")
    public void theNodeIsWithAMessageStarting(NodePhase phase, String start) {
        NodeResult result = last(world.lastNode());
        assertThat(result.phase())
                .as("the node's phase (message: %s); calls:%n%s", result.message(), world.callTable())
                .isEqualTo(phase.wire());
        assertThat(result.message()).as("the node's message").startsWith(expand(start, false));
    }

    @Then("the node is {phase} with a message ending {string}")
    public void theNodeIsWithAMessageEnding(NodePhase phase, String end) {
        NodeResult result = last(world.lastNode());
        assertThat(result.phase())
                .as("the node's phase (message: %s); calls:%n%s", result.message(), world.callTable())
                .isEqualTo(phase.wire());
        assertThat(result.message()).as("the node's message").endsWith(expand(end, false));
    }

    /** A regular expression over the whole message; placeholders are quoted into it. */
    @Then("the node is {phase} with a message matching {string}")
    public void theNodeIsWithAMessageMatching(NodePhase phase, String regex) {
        NodeResult result = last(world.lastNode());
        assertThat(result.phase())
                .as("the node's phase (message: %s); calls:%n%s", result.message(), world.callTable())
                .isEqualTo(phase.wire());
        assertThat(result.message()).as("the node's message").matches(expand(regex, true));
    }

    @Then("every node is {phase} with the message {string}")
    public void everyNodeIsWithTheMessage(NodePhase phase, String message) {
        world.nodeIds().forEach(node -> nodeIs(node, phase, message));
    }

    @Then("the node's output {word} is {string}")
    public void theNodesOutputIs(String name, String value) {
        assertThat(last(world.lastNode()).outputs().parameter(name))
                .as("output parameter %s", name)
                .contains(value);
    }

    @Then("the node was accepted by {fault}")
    public void theNodeWasAcceptedBy(Fault fault) {
        assertThat(lastOutcome(world.lastNode()).accepted())
                .as("the plugin that accepted the node")
                .contains(fault.folder());
    }

    @Then("every node was accepted by {fault} after {faults} declined or was skipped")
    public void everyNodeWasAcceptedAfter(Fault fault, List<Fault> declined) {
        for (String node : world.nodeIds()) {
            TaskOutcome outcome = lastOutcome(node);
            assertThat(outcome.accepted())
                    .as("the plugin that accepted %s", node)
                    .contains(fault.folder());
            assertThat(outcome.declinedBy())
                    .as("the plugins that declined %s, or were skipped", node)
                    .containsExactlyElementsOf(
                            declined.stream().map(Fault::folder).toList());
        }
    }

    @Then("no plugin accepted the node")
    public void noPluginAcceptedTheNode() {
        assertThat(lastOutcome(world.lastNode()).accepted())
                .as("the plugin that accepted the node")
                .isEmpty();
    }

    /** Every phase the agent reported, in order: "Running, Running, Succeeded". An empty phase is never reported. */
    @Then("the agent reported the node as {string}")
    public void theAgentReportedTheNodeAs(String phases) {
        String reported = world.reported(world.lastNode()).stream()
                .map(o -> o.result().phase())
                .collect(Collectors.joining(", "));
        assertThat(reported)
                .as("the phases reported for the node; calls:%n%s", world.callTable())
                .isEqualTo(phases);
    }

    private void nodeIs(String node, NodePhase phase, String message) {
        NodeResult result = last(node);
        String expected = expand(message, false);
        assertThat(result.phase() + ": " + result.message())
                .as("the node's phase and message; calls:%n%s", world.callTable())
                .isEqualTo(phase.wire() + ": " + expected);
    }

    private String expand(String message, boolean asRegex) {
        Matcher m = PLACEHOLDER.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            URI address = world.plugin(m.group(2)).address();
            String value = m.group(1).equals("address") ? address.toString() : String.valueOf(address.getPort());
            m.appendReplacement(out, Matcher.quoteReplacement(asRegex ? Pattern.quote(value) : value));
        }
        return m.appendTail(out).toString();
    }

    private NodeResult last(String node) {
        return lastOutcome(node).result();
    }

    private TaskOutcome lastOutcome(String node) {
        List<TaskOutcome> outcomes = world.reported(node);
        assertThat(outcomes)
                .as("results the agent reported for %s; calls:%n%s", node, world.callTable())
                .isNotEmpty();
        return outcomes.get(outcomes.size() - 1);
    }
}
