package dev.argoconformance.suite.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.workflow.NodeStatus;
import dev.argoconformance.reference.workflow.Workflow;
import dev.argoconformance.reference.workflow.WorkflowException;
import dev.argoconformance.reference.workflow.WorkflowResult;
import dev.argoconformance.reference.workflow.WorkflowRunner;
import io.cucumber.docstring.DocString;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.stream.Collectors;

/** Whole workflows, run by the reference controller's {@link WorkflowRunner} against the agent's plugins. */
public final class WorkflowSteps {

    /** Longer than any workflow here needs; the runner reports the workflow still Running if it passes. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final RegressionWorld world;

    public WorkflowSteps(RegressionWorld world) {
        this.world = world;
    }

    @When("Argo runs the workflow")
    public void argoRunsTheWorkflow(DocString yaml) throws WorkflowException, InterruptedException {
        Workflow workflow = Workflow.parse(yaml.getContent(), "the scenario's workflow", "argo");
        WorkflowResult result = WorkflowRunner.builder()
                .plugins(world.executorPlugins())
                .deadline(DEADLINE)
                .onNode(world.nodeChanges()::add)
                .build()
                .run(workflow);
        world.workflowResult(result);
    }

    @Then("the workflow is {word}")
    public void theWorkflowIs(String phase) {
        WorkflowResult result = world.workflowResult();
        assertThat(result.phase().wire())
                .as("the workflow's phase (%s: %s); nodes:%n%s", result.end(), result.message(), nodes())
                .isEqualTo(phase);
        assertThat(result.end()).as("how the run ended").isEqualTo(WorkflowResult.End.FINISHED);
    }

    @Then("the step {string} is {phase} with the message {string}")
    public void theStepIsWithTheMessage(String step, NodePhase phase, String message) {
        NodeStatus node = step(step);
        assertThat(node.phase() + ": " + node.message())
                .as("step %s; nodes:%n%s", step, nodes())
                .isEqualTo(phase.wire() + ": " + message);
    }

    @Then("the step {string} went {string}")
    public void theStepWent(String step, String phases) {
        String name = step(step).name();
        String went = world.nodeChanges().stream()
                .filter(n -> n.name().equals(name))
                .map(NodeStatus::phase)
                .collect(Collectors.joining(", "));
        assertThat(went).as("the phases step %s went through", step).isEqualTo(phases);
    }

    @Then("the workflow has no step {string}")
    public void theWorkflowHasNoStep(String step) {
        assertThat(world.workflowResult().nodes())
                .as("the workflow's nodes")
                .noneMatch(n -> n.displayName().equals(step));
    }

    private NodeStatus step(String displayName) {
        return world.workflowResult().nodes().stream()
                .filter(n -> n.displayName().equals(displayName))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("the workflow has no step " + displayName + "; nodes:\n" + nodes()));
    }

    private String nodes() {
        return world.workflowResult().nodes().stream()
                .map(n -> "  " + n.name() + "  " + n.phase() + (n.message().isEmpty() ? "" : "  " + n.message()))
                .collect(Collectors.joining("\n"));
    }
}
