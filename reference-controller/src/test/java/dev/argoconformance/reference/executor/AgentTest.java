package dev.argoconformance.reference.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent against 1–3 plugin sidecars on loopback (argo-behaviour.md §W2.5–§W2.8, §W3.2–§W3.3): the plugin chain,
 * decline, the 404 memory, the requeue table, the considered set and the worker limit. Requeues are
 * real and short (200 ms); every wait is bounded.
 */
class AgentTest {

    private static final WorkflowMetadata WORKFLOW = new WorkflowMetadata("hello-x7k2p", "argo", "uid-1");
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String SUCCEEDED = "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"done\"}}";
    private static final String RUNNING = "{\"node\":{\"phase\":\"Running\"}}";

    private record Reported(String nodeId, TaskOutcome outcome, long nanoTime) {}

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final BlockingQueue<Reported> reported = new LinkedBlockingQueue<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private FakePlugin plugin(String name) throws Exception {
        FakePlugin plugin = new FakePlugin(name);
        toClose.add(plugin);
        return plugin;
    }

    private Agent.Builder agentWith(FakePlugin... plugins) {
        Agent.Builder builder = Agent.builder(WORKFLOW)
                .onResult((nodeId, outcome) -> reported.add(new Reported(nodeId, outcome, System.nanoTime())));
        for (FakePlugin p : plugins) {
            builder.plugin(p.asExecutorPlugin());
        }
        return builder;
    }

    private Agent start(Agent.Builder builder) {
        Agent agent = builder.build();
        toClose.add(agent);
        return agent;
    }

    private static ObjectNode template(String plugin) {
        return (ObjectNode) Json.read("{\"name\":\"main\",\"plugin\":{\"" + plugin + "\":{}}}");
    }

    private Reported nextReport() throws InterruptedException {
        Reported r = reported.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r).as("a result was reported within %s", WAIT).isNotNull();
        return r;
    }

    private void assertNoReportWithin(Duration d) throws InterruptedException {
        assertThat(reported.poll(d.toMillis(), TimeUnit.MILLISECONDS))
                .as("nothing more reported within %s", d)
                .isNull();
    }

    /** Watches a count for the whole window and fails as soon as it moves. */
    private static void assertStaysAt(IntSupplier count, int expected, Duration window, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(count.getAsInt()).as(what).isEqualTo(expected);
            Thread.sleep(20);
        }
        assertThat(count.getAsInt()).as(what).isEqualTo(expected);
    }

    private static void awaitCount(IntSupplier count, int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count.getAsInt() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count.getAsInt()).as(what).isEqualTo(expected);
    }

    // ---- the plugin chain ---------------------------------------------------------------------

    @ParameterizedTest(name = "A replies {0}")
    @ValueSource(strings = {"{}", "null", "{\"node\":null}", "{\"unknown\":true}"})
    void aDeclineFromAHandsTheTemplateToB(String declined) throws Exception {
        FakePlugin a = plugin("a").replies(declined);
        FakePlugin b = plugin("b").replies(SUCCEEDED);
        Agent agent = start(agentWith(a, b));

        TaskOutcome outcome = agent.execute(template("b"));

        assertThat(outcome.result().phase()).isEqualTo("Succeeded");
        assertThat(outcome.result().message()).isEqualTo("done");
        assertThat(outcome.accepted()).contains("b");
        assertThat(outcome.declinedBy()).containsExactly("a");
        assertThat(a.calls()).isEqualTo(1);
        assertThat(b.calls()).isEqualTo(1);
    }

    @Test
    void reportsTheAcceptedNodeAsThePluginSentIt() throws Exception {
        FakePlugin a = plugin("a").replies("""
                {"node":{"phase":"Succeeded","message":"m","outputs":{"parameters":[{"name":"foo","value":"bar"}]}}}""");
        Agent agent = start(agentWith(a));

        agent.submit("node-1", template("a"));

        Reported r = nextReport();
        assertThat(r.nodeId()).isEqualTo("node-1");
        assertThat(r.outcome().result().phase()).isEqualTo("Succeeded");
        assertThat(r.outcome().result().message()).isEqualTo("m");
        assertThat(r.outcome().result().outputs().parameter("foo")).contains("bar");
    }

    @Test
    void a503FiveTimesFailsTheNodeWithTheLastMessage() throws Exception {
        FakePlugin a = plugin("a");
        for (int i = 1; i <= 5; i++) {
            a.then(FakePlugin.status("HTTP/1.1 503 Service Unavailable", "not ready " + i));
        }
        FakePlugin b = plugin("b").otherwise(SUCCEEDED);
        Agent agent = start(agentWith(a, b));

        TaskOutcome outcome = agent.execute(template("a"));

        assertThat(outcome.result().phase()).isEqualTo("Failed");
        assertThat(outcome.result().message()).isEqualTo("not ready 5");
        assertThat(a.calls()).isEqualTo(5);
        assertThat(b.calls()).as("an error stops the chain, retried or not").isZero();
    }

    static Stream<Arguments> undecodableBodies() {
        return Stream.of(
                Arguments.of("", "EOF"),
                Arguments.of("<html>", "invalid character '<' looking for beginning of value"),
                Arguments.of(
                        "{\"node\":{\"phase\":\"Running\"},\"requeue\":120}",
                        "json: cannot unmarshal number into Go struct field ExecuteTemplateReply.requeue of type string"),
                Arguments.of(
                        "{\"node\":{\"phase\":\"Running\"},\"requeue\":\"1d\"}",
                        "time: unknown unit \"d\" in duration \"1d\""));
    }

    @ParameterizedTest(name = "body [{0}] fails the node")
    @MethodSource("undecodableBodies")
    void aBodyArgoCannotDecodeFailsTheNode(String body, String message) throws Exception {
        FakePlugin a = plugin("a").replies(body);
        Agent agent = start(agentWith(a));

        TaskOutcome outcome = agent.execute(template("a"));

        assertThat(outcome.result().phase()).isEqualTo("Failed");
        assertThat(outcome.result().message()).isEqualTo(message);
        assertThat(a.calls()).as("not transient: one call").isEqualTo(1);
    }

    @Test
    void whenEveryPluginDeclinesTheNodeFails() throws Exception {
        FakePlugin a = plugin("a").replies("{}");
        FakePlugin b = plugin("b").replies("null");
        FakePlugin c = plugin("c").replies("{\"requeue\":\"1m\"}");
        Agent agent = start(agentWith(a, b, c));

        TaskOutcome outcome = agent.execute(template("nobody"));

        assertThat(outcome.result().phase()).isEqualTo("Failed");
        assertThat(outcome.result().message()).isEqualTo("no plugin executed the template");
        assertThat(outcome.accepted()).isEmpty();
        assertThat(outcome.declinedBy()).containsExactly("a", "b", "c");
        assertThat(outcome.willRequeue()).as("a failure never requeues").isFalse();
    }

    @Test
    void withNoPluginsEveryTemplateFails() {
        Agent agent = start(Agent.builder(WORKFLOW));

        TaskOutcome outcome = agent.execute(template("hello"));

        assertThat(outcome.result().phase()).isEqualTo("Failed");
        assertThat(outcome.result().message()).isEqualTo("no plugin executed the template");
    }

    @Test
    void afterA404FromATemplatesGoStraightToB() throws Exception {
        FakePlugin a = plugin("a").then(FakePlugin.status("HTTP/1.1 404 Not Found", "404 page not found"));
        FakePlugin b = plugin("b").otherwise(SUCCEEDED);
        Agent agent = start(agentWith(a, b));

        TaskOutcome first = agent.execute(template("a"));
        TaskOutcome second = agent.execute(template("a"));
        TaskOutcome third = agent.execute(template("b"));

        assertThat(List.of(first, second, third))
                .allSatisfy(o -> assertThat(o.accepted()).contains("b"));
        assertThat(a.calls())
                .as("A is never called again by this agent, even for its own templates")
                .isEqualTo(1);
        assertThat(b.calls()).isEqualTo(3);
    }

    @Test
    void anErrorFromAFailsTheNodeAndBIsNotAsked() throws Exception {
        FakePlugin a = plugin("a").then(FakePlugin.status("HTTP/1.1 500 Internal Server Error", "boom"));
        FakePlugin b = plugin("b").otherwise(SUCCEEDED);
        Agent agent = start(agentWith(a, b));

        TaskOutcome outcome = agent.execute(template("b"));

        assertThat(outcome.result().phase()).isEqualTo("Failed");
        assertThat(outcome.result().message()).isEqualTo("500 Internal Server Error: boom");
        assertThat(a.calls()).isEqualTo(1);
        assertThat(b.calls()).isZero();
    }

    @Test
    void aDeclinedPluginsRequeueLeaksIntoTheNextPluginsResult() throws Exception {
        FakePlugin a = plugin("a").replies("{\"requeue\":\"1m\"}", "{\"requeue\":\"1m\"}");
        FakePlugin b = plugin("b").replies(RUNNING, SUCCEEDED);
        Agent agent = start(agentWith(a, b));

        TaskOutcome running = agent.execute(template("b"));
        assertThat(running.accepted()).contains("b");
        assertThat(running.requeue())
                .as("B sent no requeue; A's stays on the shared reply")
                .isEqualTo(Duration.ofMinutes(1));

        TaskOutcome succeeded = agent.execute(template("b"));
        assertThat(succeeded.requeue())
                .as("Succeeded ignores any requeue, leaked or not")
                .isZero();
    }

    @Test
    void theLeakedRequeueReallyRedispatchesTheNode() throws Exception {
        FakePlugin a = plugin("a").replies("{\"requeue\":\"200ms\"}", "{}");
        FakePlugin b = plugin("b").replies(RUNNING, SUCCEEDED);
        Agent agent = start(agentWith(a, b));

        agent.submit("node-1", template("b"));

        assertThat(nextReport().outcome().result().phase()).isEqualTo("Running");
        assertThat(nextReport().outcome().result().phase()).isEqualTo("Succeeded");
        assertThat(b.calls())
                .as("B said Running without a requeue, yet was called again")
                .isEqualTo(2);
    }

    @Test
    void sendsTheWorkflowAndTemplateToEveryPlugin() throws Exception {
        FakePlugin a = plugin("a").replies("{}");
        FakePlugin b = plugin("b").replies(SUCCEEDED);
        Agent agent = start(agentWith(a, b));

        agent.execute(template("b"));

        String expected =
                "{\"workflow\":{\"metadata\":{\"name\":\"hello-x7k2p\",\"namespace\":\"argo\",\"uid\":\"uid-1\"}},"
                        + "\"template\":{\"name\":\"main\",\"inputs\":{},\"outputs\":{},\"metadata\":{},\"plugin\":{\"b\":{}}}}";
        assertThat(a.arrivals().getFirst().request().getBody().utf8()).isEqualTo(expected);
        assertThat(b.arrivals().getFirst().request().getBody().utf8()).isEqualTo(expected);
        assertThat(a.arrivals().getFirst().request().getHeaders().get("Authorization"))
                .isEqualTo("Bearer token-a");
        assertThat(b.arrivals().getFirst().request().getHeaders().get("Authorization"))
                .isEqualTo("Bearer token-b");
    }

    // ---- the requeue table (argo-behaviour.md §W3.3) -------------------------------------------------------------

    @Test
    void succeededIsNeverCalledAgainWhateverItsRequeue() throws Exception {
        FakePlugin a = plugin("a")
                .replies("{\"node\":{\"phase\":\"Succeeded\"},\"requeue\":\"200ms\"}")
                .otherwise(SUCCEEDED);
        Agent agent = start(agentWith(a));

        agent.submit("node-1", template("a"));

        Reported r = nextReport();
        assertThat(r.outcome().result().phase()).isEqualTo("Succeeded");
        assertThat(r.outcome().willRequeue()).isFalse();
        assertStaysAt(a::calls, 1, Duration.ofMillis(700), "calls after a Succeeded with requeue 200ms");
    }

    @ParameterizedTest(name = "{0} + 200ms is called again until Succeeded")
    @ValueSource(strings = {"Running", "Pending"})
    void pendingOrRunningWithARequeueIsCalledAgainUntilSucceeded(String phase) throws Exception {
        String poll = "{\"node\":{\"phase\":\"" + phase + "\",\"message\":\"working\"},\"requeue\":\"200ms\"}";
        FakePlugin a = plugin("a").replies(poll, poll, SUCCEEDED);
        Agent agent = start(agentWith(a));

        agent.submit("node-1", template("a"));

        List<String> phases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Reported r = nextReport();
            assertThat(r.nodeId()).isEqualTo("node-1");
            phases.add(r.outcome().result().phase());
        }
        assertThat(phases).as("every dispatch is reported").containsExactly(phase, phase, "Succeeded");
        List<FakePlugin.Arrival> arrivals = a.arrivals();
        assertThat(arrivals).hasSize(3);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.ofNanos(
                            arrivals.get(i).nanoTime() - arrivals.get(i - 1).nanoTime()))
                    .as("call %d comes after the requeue", i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
        assertStaysAt(a::calls, 3, Duration.ofMillis(500), "calls after Succeeded");
    }

    @ParameterizedTest(name = "Running with {0} is called exactly once")
    @ValueSource(strings = {"", ",\"requeue\":null", ",\"requeue\":\"0s\"", ",\"requeue\":\"-1s\""})
    void runningWithoutARequeueIsCalledExactlyOnce(String requeue) throws Exception {
        FakePlugin a = plugin("a")
                .replies("{\"node\":{\"phase\":\"Running\"}" + requeue + "}")
                .otherwise(SUCCEEDED);
        Agent agent = start(agentWith(a));

        agent.submit("node-1", template("a"));

        Reported r = nextReport();
        assertThat(r.outcome().result().phase()).isEqualTo("Running");
        assertThat(r.outcome().willRequeue()).isFalse();
        agent.submit("node-1", template("a")); // the next TaskSet event carries the node again
        assertStaysAt(a::calls, 1, Duration.ofMillis(500), "calls for a Running node without requeue");
        assertNoReportWithin(Duration.ofMillis(50));
    }

    @ParameterizedTest(name = "{0} + 200ms is called again")
    @ValueSource(strings = {"Failed", "Error", "Omitted", "Skipped", "Weird"})
    void aFinalPhaseOtherThanSucceededWithARequeueIsCalledAgain(String phase) throws Exception {
        FakePlugin a = plugin("a")
                .replies("{\"node\":{\"phase\":\"" + phase + "\",\"message\":\"m\"},\"requeue\":\"200ms\"}", SUCCEEDED);
        Agent agent = start(agentWith(a));

        agent.submit("node-1", template("a"));

        assertThat(nextReport().outcome().result().phase()).isEqualTo(phase);
        assertThat(nextReport().outcome().result().phase())
                .as("the documented quirk: the finalised node is overwritten by the next result")
                .isEqualTo("Succeeded");
        assertThat(a.calls()).isEqualTo(2);
    }

    @Test
    void aNodeWithAnEmptyPhaseAndARequeueIsPolledSilently() throws Exception {
        String silent = "{\"node\":{\"message\":\"x\"},\"requeue\":\"200ms\"}";
        FakePlugin a = plugin("a").replies(silent, silent, SUCCEEDED);
        Agent agent = start(agentWith(a));

        agent.submit("node-1", template("a"));

        Reported first = nextReport();
        assertThat(first.outcome().result().phase())
                .as("the two silent polls were not reported")
                .isEqualTo("Succeeded");
        assertThat(a.calls()).isEqualTo(3);
        assertNoReportWithin(Duration.ofMillis(300));
    }

    @Test
    void anEmptyPhaseWithoutRequeueIsNeitherReportedNorCalledAgain() throws Exception {
        FakePlugin a = plugin("a").replies("{\"node\":{}}").otherwise(SUCCEEDED);
        Agent agent = start(agentWith(a));

        agent.submit("node-1", template("a"));

        awaitCount(a::calls, 1, "the first call");
        assertNoReportWithin(Duration.ofMillis(400));
        assertThat(a.calls()).as("stuck, as in Argo").isEqualTo(1);
    }

    @Test
    void aRequeueResendsTheTemplateCapturedAtFirstDispatch() throws Exception {
        FakePlugin a = plugin("a").replies("{\"node\":{\"phase\":\"Running\"},\"requeue\":\"300ms\"}", SUCCEEDED);
        Agent agent = start(agentWith(a));
        ObjectNode first = (ObjectNode) Json.read("{\"name\":\"main\",\"plugin\":{\"a\":{\"v\":1}}}");
        ObjectNode changed = (ObjectNode) Json.read("{\"name\":\"main\",\"plugin\":{\"a\":{\"v\":2}}}");

        agent.submit("node-1", first);
        assertThat(nextReport().outcome().result().phase()).isEqualTo("Running");
        agent.submit("node-1", changed); // still considered: skipped
        assertThat(nextReport().outcome().result().phase()).isEqualTo("Succeeded");

        List<FakePlugin.Arrival> arrivals = a.arrivals();
        assertThat(arrivals).hasSize(2);
        assertThat(arrivals.get(1).request().getBody().utf8())
                .isEqualTo(arrivals.get(0).request().getBody().utf8());
        assertThat(arrivals.get(1).request().getBody().utf8()).contains("\"v\":1");
    }

    // ---- the considered set and the workers (argo-behaviour.md §W2.8) --------------------------------------------

    @Test
    void aNodeAlreadyConsideredIsNotDispatchedTwice() throws Exception {
        FakePlugin a = plugin("a").otherwise(SUCCEEDED);
        Agent agent = start(agentWith(a).workers(1)); // one worker: tasks run in submission order

        agent.submit("node-1", template("a"));
        agent.submit("node-1", template("a"));
        agent.submit("node-2", template("a"));
        assertThat(nextReport().nodeId()).isEqualTo("node-1");
        assertThat(nextReport().nodeId()).isEqualTo("node-2");

        agent.submit("node-1", template("a")); // finished, but still considered
        agent.submit("node-3", template("a"));
        assertThat(nextReport().nodeId()).isEqualTo("node-3");

        assertThat(a.calls()).as("node-1 was called once").isEqualTo(3);
        assertNoReportWithin(Duration.ofMillis(100));
    }

    @Test
    void runsAtMostSixteenPluginCallsAtOnce() throws Exception {
        AtomicBoolean sixteenSeen = new AtomicBoolean();
        FakePlugin slow = plugin("slow").otherwise(SUCCEEDED).holdEachRequest(inFlight -> {
            if (inFlight >= Agent.DEFAULT_WORKERS) {
                sixteenSeen.set(true);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (!sixteenSeen.get() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return Duration.ofMillis(150); // long enough for a 17th call to show up if one could
        });
        Agent agent = start(agentWith(slow)); // the default: ARGO_AGENT_TASK_WORKERS unset

        for (int i = 1; i <= 20; i++) {
            agent.submit("node-" + i, template("slow"));
        }
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            nodes.add(nextReport().nodeId());
        }

        assertThat(Agent.DEFAULT_WORKERS).isEqualTo(16);
        assertThat(slow.maxInFlight()).as("calls the plugin saw at once").isEqualTo(16);
        assertThat(nodes).as("each node reported").hasSize(20);
        assertThat(slow.calls()).as("each node called once").isEqualTo(20);
    }

    @Test
    void aWorkerSurvivesAListenerThatThrows() throws Exception {
        FakePlugin a = plugin("a").otherwise(SUCCEEDED);
        AtomicBoolean thrown = new AtomicBoolean();
        Agent agent = start(Agent.builder(WORKFLOW)
                .plugin(a.asExecutorPlugin())
                .workers(1)
                .onResult((nodeId, outcome) -> {
                    if (thrown.compareAndSet(false, true)) {
                        throw new IllegalStateException("listener bug");
                    }
                    reported.add(new Reported(nodeId, outcome, System.nanoTime()));
                }));

        agent.submit("node-1", template("a"));
        agent.submit("node-2", template("a"));

        assertThat(nextReport().nodeId())
                .as("the one worker went on to the next task")
                .isEqualTo("node-2");
        assertThat(thrown).isTrue();
    }

    @Test
    void aPluginTheClientCannotEvenAddressFailsTheNodeAndTheWorkerGoesOn() throws Exception {
        ExecutorPlugin unreachable = new ExecutorPlugin(dev.argoconformance.reference.client.PluginClient.builder(
                        "odd", java.net.URI.create("ftp://127.0.0.1:4355"), "t")
                .build());
        Agent agent = start(Agent.builder(WORKFLOW)
                .plugin(unreachable)
                .workers(1)
                .onResult((nodeId, outcome) -> reported.add(new Reported(nodeId, outcome, System.nanoTime()))));

        agent.submit("node-1", template("odd"));
        agent.submit("node-2", template("odd"));

        for (String node : List.of("node-1", "node-2")) {
            Reported r = nextReport();
            assertThat(r.nodeId()).isEqualTo(node);
            assertThat(r.outcome().result().phase()).isEqualTo("Failed");
            assertThat(r.outcome().result().message())
                    .isEqualTo(
                            "Post \"ftp://127.0.0.1:4355/api/v1/template.execute\": unsupported protocol scheme \"ftp\"");
        }
    }

    @Test
    void closingStopsRequeues() throws Exception {
        FakePlugin a = plugin("a").otherwise("{\"node\":{\"phase\":\"Running\"},\"requeue\":\"100ms\"}");
        Agent agent = start(agentWith(a));

        agent.submit("node-1", template("a"));
        assertThat(nextReport().outcome().result().hasPhase(NodePhase.RUNNING)).isTrue();
        agent.close();
        int calls = a.calls();

        assertStaysAt(a::calls, calls, Duration.ofMillis(400), "calls after close");
    }
}
