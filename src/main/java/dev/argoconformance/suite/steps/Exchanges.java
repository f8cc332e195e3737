package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.Backoff;
import dev.argoconformance.reference.client.PluginCallException;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.ExecuteTemplateReply;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.plugin.PluginTarget;
import dev.argoconformance.suite.probe.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** What one scenario sent and got back, for the reply steps to judge. */
public final class Exchanges {

    /** Tokens that appear in Argo's documentation and tutorials; a plugin must not accept any of them. */
    static final List<String> DOCUMENTED_TOKENS =
            List.of("strong-password", "changeme", "password", "token", "secret", "argo");

    /** The agent's timeout for one exchange (workflow/executor/plugins/rpc/plugin.go). */
    static final Duration AGENT_TIMEOUT = PluginClient.EXECUTOR_TIMEOUT;

    /**
     * One example template taken through Argo's requeue loop: the workflow it ran in, every
     * dispatch's outcome and every exchange, in order.
     */
    record ExampleRun(
            ExampleTemplate example,
            ObjectNode template,
            WorkflowMetadata workflow,
            List<TaskOutcome> dispatches,
            List<RecordedCall> calls,
            boolean outOfTime) {
        TaskOutcome last() {
            return dispatches.get(dispatches.size() - 1);
        }

        RecordedCall lastCall() {
            return calls.isEmpty() ? null : calls.get(calls.size() - 1);
        }
    }

    private final World world;
    private final List<RecordedCall> direct = Collections.synchronizedList(new ArrayList<>());
    private final List<ExampleRun> exampleRuns = Collections.synchronizedList(new ArrayList<>());
    private final List<TaskOutcome> repeats = new ArrayList<>();
    private PluginClient client;
    private String method;

    public Exchanges(World world) {
        this.world = world;
    }

    /** A template.execute request with the first example, Argo's headers and this Authorization value (null: none). */
    RecordedCall direct(String authorization) {
        return direct(
                Requests.EXECUTE_PATH,
                Requests.argoHeaders(authorization),
                Requests.executeBody(world.examples().get(0).template()));
    }

    /**
     * A request Argo never sends, on a connection the suite reads to its end, so a handler that
     * refuses and then carries on shows (see {@link RefusedCalls}). A 503 is retried with Argo's
     * backoff, as Argo retries it: a plugin that warms up behind 503s is judged on its real answer.
     */
    RecordedCall direct(String path, Map<String, String> headers, byte[] body) {
        return direct(path, headers, body, true);
    }

    /**
     * {@code ordinary}: a request any server should answer, so a silence counts for the whole-run
     * reply requirement; a deliberately oversized one is judged by its own clause alone.
     */
    RecordedCall direct(String path, Map<String, String> headers, byte[] body, boolean ordinary) {
        PluginTarget target = world.target();
        RawHttp http = new RawHttp(target.baseUrl(), target.token(), AGENT_TIMEOUT);
        List<RecordedCall.Header> sent = headers.entrySet().stream()
                .map(h -> new RecordedCall.Header(h.getKey(), h.getValue()))
                .toList();
        RawHttp.Exchange exchange = http.send("POST", path, sent, body, false);
        for (int attempt = 2; exchange.call().status() == 503 && attempt <= Backoff.EXECUTOR.steps(); attempt++) {
            world.record(exchange.call());
            sleep(Backoff.EXECUTOR.sleepBefore(attempt, ThreadLocalRandom.current()));
            exchange = http.send("POST", path, sent, body, false);
        }
        RecordedCall call = exchange.call();
        world.record(call);
        if (ordinary) {
            world.answered(call, AGENT_TIMEOUT);
        }
        direct.add(call);
        RefusedCalls.of(world.run()).add(world.requirement().id(), exchange);
        return call;
    }

    /** A call made outside the reference agent (a generator probe, a concurrent burst), judged like a direct one. */
    void addDirect(RecordedCall call) {
        direct.add(call);
    }

    List<RecordedCall> directCalls() {
        synchronized (direct) {
            return List.copyOf(direct);
        }
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
     * Every example, through the reference agent, as Argo runs it: once per run. Every scenario that
     * judges the examples' outcome reuses that one run (its exchanges become this scenario's evidence
     * too), so a plugin that drops or stalls its calls costs Argo's retries once, not once a scenario.
     */
    void executeExamples() {
        List<ExampleRun> runs = examplesOfTheRun();
        for (ExampleRun run : runs) {
            run.calls().forEach(world::record);
            world.outcome(run.last());
            exampleRuns.add(run);
        }
    }

    /** Every example again, with its template changed first (unknown fields added), or as it is after other calls. */
    void executeExamplesAgain(UnaryOperator<ObjectNode> change) {
        requireExamplesAnswered();
        for (ExampleRun run : freshRuns(change)) {
            run.calls().forEach(world::record);
            exampleRuns.add(run);
        }
    }

    private record ExamplesOfTheRun(List<ExampleRun> runs) {}

    /** Stops before the first example, or after any, once a call has stalled: each would wait out Argo's retries for the same verdict. */
    private List<ExampleRun> freshRuns(UnaryOperator<ObjectNode> change) {
        List<ExampleRun> runs = new ArrayList<>();
        for (ExampleTemplate example : world.examples()) {
            if (Unanswered.of(world.run()).firstStall().isPresent()) {
                break;
            }
            ExampleRun run = execute(example, change.apply(example.template().deepCopy()), Requests.workflow(), true);
            runs.add(run);
            world.outcome(run.last());
        }
        return runs;
    }

    /**
     * Blocks the scenario when the run's examples got no HTTP response: a clause that needs Argo's
     * calls answered cannot be judged, and sending them again only waits out the same retries.
     */
    void requireExamplesAnswered() {
        for (ExampleRun run : examplesOfTheRun()) {
            world.blockIfUnanswered(run.lastCall());
        }
    }

    /** The examples as Argo ran them in this run: run by the first scenario that needs them, reused after. */
    private List<ExampleRun> examplesOfTheRun() {
        return world.run()
                .getOrCompute(ExamplesOfTheRun.class, () -> new ExamplesOfTheRun(freshRuns(UnaryOperator.identity())))
                .runs();
    }

    /**
     * Argo offering the plugin a template of another plugin: once per run, reused like the examples.
     * Returns the outcome; the exchanges become this scenario's evidence.
     */
    TaskOutcome offerForeignTemplate() {
        ForeignOffer offer = world.run().getOrCompute(ForeignOffer.class, () -> {
            List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());
            try (Agent agent = Agent.builder(Requests.workflow())
                    .plugin(new ExecutorPlugin(argoClient(calls, true)))
                    .workers(1)
                    .build()) {
                return new ForeignOffer(agent.execute(Requests.foreignTemplate()), List.copyOf(calls));
            }
        });
        offer.calls().forEach(world::record);
        world.outcome(offer.outcome());
        return offer.outcome();
    }

    private record ForeignOffer(TaskOutcome outcome, List<RecordedCall> calls) {}

    /**
     * A reference-controller client for the plugin whose calls feed the run's latency profile and,
     * when made one at a time, the whole-run reply requirement; {@code calls} collects them.
     */
    private PluginClient argoClient(List<RecordedCall> calls, boolean oneAtATime) {
        PluginTarget target = world.target();
        return PluginClient.builder(world.pluginName(), target.baseUrl(), target.token())
                .listener(call -> {
                    calls.add(call);
                    world.argoCallMade(call);
                    if (oneAtATime) {
                        world.answered(call, AGENT_TIMEOUT);
                    }
                })
                .build();
    }

    /**
     * Runs one template as Argo would: dispatch, then again after each requeue, until the plugin
     * stops asking or the example's time bound runs out. One agent, so its 404 memory holds throughout.
     */
    ExampleRun execute(ExampleTemplate example, ObjectNode template, WorkflowMetadata workflow, boolean oneAtATime) {
        List<TaskOutcome> dispatches = new ArrayList<>();
        List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + example.within().toNanos();
        try (Agent agent = Agent.builder(workflow)
                .plugin(new ExecutorPlugin(argoClient(calls, oneAtATime)))
                .workers(1)
                .build()) {
            while (true) {
                TaskOutcome outcome = agent.execute(template);
                dispatches.add(outcome);
                if (outcome.finishesTheNode()) {
                    return new ExampleRun(example, template, workflow, dispatches, List.copyOf(calls), false);
                }
                Duration wait = outcome.requeue();
                if (System.nanoTime() + wait.toNanos() > deadline) {
                    return new ExampleRun(example, template, workflow, dispatches, List.copyOf(calls), true);
                }
                sleep(wait);
            }
        }
    }

    List<ExampleRun> exampleRuns() {
        synchronized (exampleRuns) {
            return List.copyOf(exampleRuns);
        }
    }

    /** Sends each finished example's last request again, {@code times} times, as a requeue or a restarted agent would. */
    void repeatEachExample(int times) {
        requireExamplesAnswered();
        for (ExampleRun run : exampleRuns()) {
            try (Agent agent = Agent.builder(run.workflow())
                    .plugin(new ExecutorPlugin(world.referenceClient()))
                    .workers(1)
                    .build()) {
                for (int i = 0; i < times; i++) {
                    repeats.add(agent.execute(run.template()));
                }
            }
        }
    }

    List<TaskOutcome> repeats() {
        return List.copyOf(repeats);
    }

    /** {@code copies} runs of one example at once, each with its own value in the example's varied field. */
    void executeConcurrently(ExampleTemplate example, int copies) {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<ExampleRun>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                String value = "conformance-" + i + "-"
                        + Long.toHexString(world.run().facts().inputSeed() + i);
                ObjectNode template = example.concurrency().orElseThrow().templateWith(example.template(), value);
                futures.add(pool.submit(() -> execute(example, template, Requests.workflow(), false)));
            }
            for (Future<ExampleRun> f : futures) {
                ExampleRun run = f.get(example.within().toSeconds() + 60, TimeUnit.SECONDS);
                run.calls().forEach(world::record);
                exampleRuns.add(run);
            }
        } catch (Exception e) {
            throw new IllegalStateException("concurrent example runs did not finish: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code workers} template.execute calls with the first example at the same moment, each a single
     * attempt with the agent's 30 s timeout, as the agent's task workers make them.
     */
    void callAtOnce(int workers) {
        ExampleTemplate example = world.examples().get(0);
        PluginTarget target = world.target();
        PluginClient once = PluginClient.builder(world.pluginName(), target.baseUrl(), target.token())
                .backoff(Backoff.NONE)
                .listener(call -> {
                    direct.add(call);
                    world.recorder().onCall(call);
                })
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(() -> {
                    try {
                        once.call(
                                "template.execute",
                                Requests.executeBody(example.template()),
                                body -> ExecuteTemplateReply.decode(body, ExecuteTemplateReply.EMPTY));
                    } catch (PluginCallException e) {
                        // recorded by the listener; judged by the reply steps
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(AGENT_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("concurrent calls did not finish: " + e, e);
        } finally {
            pool.shutdownNow();
        }
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
