package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.suite.config.ExampleTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What one scenario sent and got back, for the reply steps to judge. */
public final class Exchanges {

    /** Tokens that appear in Argo's documentation and tutorials; a plugin must not accept any of them. */
    static final List<String> DOCUMENTED_TOKENS = List.of("strong-password", "changeme", "password", "token", "secret", "argo");

    /** One example template taken through Argo's requeue loop: every dispatch's outcome, in order. */
    record ExampleRun(ExampleTemplate example, List<TaskOutcome> dispatches, boolean outOfTime) {
        TaskOutcome last() {
            return dispatches.get(dispatches.size() - 1);
        }
    }

    private final World world;
    private final List<RecordedCall> direct = new ArrayList<>();
    private final List<ExampleRun> exampleRuns = new ArrayList<>();
    private PluginClient client;
    private String method;

    public Exchanges(World world) {
        this.world = world;
    }

    /** A template.execute request with the first example, Argo's headers and this Authorization value (null: none). */
    RecordedCall direct(String authorization) {
        ExampleTemplate example = world.examples().get(0);
        RecordedCall call = world.probe().post(Requests.EXECUTE_PATH, Requests.argoHeaders(authorization), Requests.executeBody(example.template()));
        world.record(call);
        direct.add(call);
        return call;
    }

    List<RecordedCall> directCalls() {
        return List.copyOf(direct);
    }

    void client(PluginClient client, String method) {
        this.client = client;
        this.method = method;
    }

    PluginClient client() {
        return client;
    }

    String method() {
        return method;
    }

    /**
     * Runs every example through the reference agent as Argo would: dispatch, then re-dispatch after
     * each requeue, until the plugin stops asking or the example's time bound runs out.
     */
    void executeExamples() {
        for (ExampleTemplate example : world.examples()) {
            exampleRuns.add(execute(example));
        }
    }

    private ExampleRun execute(ExampleTemplate example) {
        List<TaskOutcome> dispatches = new ArrayList<>();
        long deadline = System.nanoTime() + example.within().toNanos();
        try (Agent agent = Agent.builder(Requests.workflow()).plugin(new ExecutorPlugin(world.referenceClient())).workers(1).build()) {
            while (true) {
                TaskOutcome outcome = agent.execute(example.template());
                dispatches.add(outcome);
                world.outcome(outcome);
                if (!outcome.willRequeue()) {
                    return new ExampleRun(example, dispatches, false);
                }
                Duration wait = outcome.requeue();
                if (System.nanoTime() + wait.toNanos() > deadline) {
                    return new ExampleRun(example, dispatches, true);
                }
                sleep(wait);
            }
        }
    }

    List<ExampleRun> exampleRuns() {
        return List.copyOf(exampleRuns);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a requeue", e);
        }
    }
}
