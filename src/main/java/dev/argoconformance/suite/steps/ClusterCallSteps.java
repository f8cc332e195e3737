package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.cluster.AgentPod;
import dev.argoconformance.suite.config.ExampleTemplate;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** EXEC-CLUSTER-03: Argo's agent calls the plugin running as a sidecar of the agent pod. */
public final class ClusterCallSteps {

    private final World world;
    private final ClusterStages stages;
    private final List<Exchanges.ExampleRun> exampleRuns = Collections.synchronizedList(new ArrayList<>());

    public ClusterCallSteps(World world, ClusterStages stages) {
        this.world = world;
        this.stages = stages;
    }

    @Given("the plugin runs as a sidecar of an agent pod in the cluster")
    public void thePluginRunsInTheAgentPod() {
        world.note("checked on " + stages.installed().where());
        stages.stage(() -> stages.installed().ready(ClusterStages.READY_BOUND));
        URI url = stages.stage(() -> stages.installed().url());
        world.note("calling the agent pod's sidecar through a port-forward at " + url);
    }

    @When("Argo's agent executes each example template through the agent pod")
    public void theAgentExecutesEachExample() {
        ClusterStages.Installed installed = stages.installed();
        URI url = stages.stage(installed::url);
        AgentPod pod = stages.stage(installed::created);
        for (ExampleTemplate example : world.examples()) {
            WorkflowMetadata workflow = new WorkflowMetadata(
                    pod.workflowName(), pod.namespace(), UUID.randomUUID().toString());
            exampleRuns.add(execute(example, example.template().deepCopy(), workflow, url, installed.token()));
        }
    }

    @Then("every example executed in the cluster ends in its expected phase")
    public void everyExampleEndsInItsPhase() {
        List<String> problems = new ArrayList<>();
        List<Exchanges.ExampleRun> runs;
        synchronized (exampleRuns) {
            runs = List.copyOf(exampleRuns);
        }
        for (Exchanges.ExampleRun run : runs) {
            Optional<String> cause = Diagnosis.cause(run);
            if (cause.isPresent()) {
                throw NotChecked.blocked(
                        cause.get(),
                        "in the cluster, example " + run.example().name() + " ended " + ReplySteps.describe(run.last())
                                + " (" + ReplySteps.received(run.lastCall()) + ")");
            }
            if (!run.last().result().phase().equals(run.example().phase())) {
                problems.add(run.example().name() + ": ended " + ReplySteps.describe(run.last()) + " after "
                        + run.dispatches().size() + " call(s)");
            }
        }
        world.require(
                !runs.isEmpty() && problems.isEmpty(),
                "each example ends in its expected phase when Argo calls the pod: "
                        + runs.stream()
                                .map(r -> r.example().name() + "=" + r.example().phase())
                                .collect(Collectors.joining(", ")),
                () -> runs.isEmpty() ? "no example ran" : String.join("\n", problems));
    }

    /**
     * One example through Argo's requeue loop against the pod, as {@link Exchanges#execute} does against the
     * container: one agent, so its 404 memory holds; the example's own bound for requeues.
     */
    private Exchanges.ExampleRun execute(
            ExampleTemplate example, ObjectNode template, WorkflowMetadata workflow, URI url, String token) {
        List<TaskOutcome> dispatches = new ArrayList<>();
        List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());
        PluginClient client = PluginClient.builder(stages.installed().install().pluginName(), url, token)
                .listener(call -> {
                    calls.add(call);
                    // Not world.recorder(): calls through a port-forward would skew the run's latency profile.
                    world.record(call);
                })
                .build();
        long deadline = System.nanoTime() + example.within().toNanos();
        try (Agent agent = Agent.builder(workflow)
                .plugin(new ExecutorPlugin(client))
                .workers(1)
                .build()) {
            while (true) {
                TaskOutcome outcome = agent.execute(template);
                dispatches.add(outcome);
                world.outcome(outcome);
                if (outcome.finishesTheNode()) {
                    return new Exchanges.ExampleRun(example, template, workflow, dispatches, List.copyOf(calls), false);
                }
                if (System.nanoTime() + outcome.requeue().toNanos() > deadline) {
                    return new Exchanges.ExampleRun(example, template, workflow, dispatches, List.copyOf(calls), true);
                }
                try {
                    Thread.sleep(outcome.requeue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a requeue", e);
                }
            }
        }
    }
}
