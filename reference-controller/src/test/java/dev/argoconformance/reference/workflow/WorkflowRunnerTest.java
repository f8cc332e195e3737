package dev.argoconformance.reference.workflow;

import static dev.argoconformance.reference.workflow.LoopbackPlugin.accepting;
import static dev.argoconformance.reference.workflow.LoopbackPlugin.node;
import static dev.argoconformance.reference.workflow.LoopbackPlugin.requeue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner against plugins on loopback: the seed's hello workflow, steps and dags, parameters, failures, requeue,
 * a node Argo would never call again, the deadline. Plugins that must see calls side by side wait for each other
 * (bounded), so a run that serialised them would fail, not hang.
 */
class WorkflowRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<NodeStatus> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private LoopbackPlugin plugin(String name, LoopbackPlugin.Behaviour behaviour) throws Exception {
        LoopbackPlugin plugin = new LoopbackPlugin(name, behaviour);
        toClose.add(plugin);
        return plugin;
    }

    private WorkflowRunner.Builder runner(LoopbackPlugin... plugins) {
        WorkflowRunner.Builder builder =
                WorkflowRunner.builder().deadline(DEADLINE).onNode(changes::add);
        for (LoopbackPlugin p : plugins) {
            builder.plugin(p.executorPlugin());
        }
        return builder;
    }

    private static Workflow workflow(String yaml) throws WorkflowException {
        return Workflow.parse(yaml, "test.yaml", "argo");
    }

    private List<String> phasesOf(String nodeName) {
        return changes.stream()
                .filter(n -> n.name().equals(nodeName))
                .map(NodeStatus::phase)
                .toList();
    }

    private static boolean await(CountDownLatch latch) throws InterruptedException {
        return latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void runsTheSeedHelloWorkflowAsArgoWould() throws Exception {
        LoopbackPlugin hello = plugin(
                "hello", accepting("hello", (body, n) -> node("Succeeded", "Hello template!", Map.of("foo", "bar"))));
        Workflow workflow = workflow("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  generateName: hello-
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      plugin:
                        hello: { }
                """);

        WorkflowResult result = runner(hello).build().run(workflow);

        assertThat(result.phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(result.end()).isEqualTo(WorkflowResult.End.FINISHED);
        NodeStatus root = result.node(workflow.name()).orElseThrow();
        assertThat(root.id())
                .as("the workflow's own node has the workflow's name as ID")
                .isEqualTo(workflow.name());
        assertThat(root.type()).isEqualTo(NodeType.PLUGIN);
        assertThat(root.message()).isEqualTo("Hello template!");
        assertThat(result.outputs().parameters()).containsExactly(new Parameter("foo", "bar"));
        assertThat(phasesOf(workflow.name())).containsExactly("Pending", "Succeeded");

        JsonNode sent = hello.calls().getFirst().body();
        assertThat(sent.path("workflow").path("metadata"))
                .isEqualTo(Json.read("{\"name\":\"" + workflow.name() + "\",\"namespace\":\"argo\",\"uid\":\""
                        + workflow.uid() + "\"}"));
        assertThat(sent.path("template"))
                .as("the processed template, inputs, outputs and metadata included")
                .isEqualTo(Json.read(
                        "{\"name\":\"main\",\"inputs\":{},\"outputs\":{},\"metadata\":{},\"plugin\":{\"hello\":{}}}"));
    }

    @Test
    void runsStepGroupsInOrderAndTheStepsOfAGroupInParallel() throws Exception {
        CountDownLatch bothArrived = new CountDownLatch(2);
        LoopbackPlugin gate = plugin("gate", accepting("gate", (body, n) -> {
            String id =
                    body.path("template").path("plugin").path("gate").path("id").asText();
            if (!id.equals("c")) {
                bothArrived.countDown();
                if (!await(bothArrived)) {
                    return node("Failed", id + " waited alone: the steps of a group did not run in parallel");
                }
            }
            return node("Succeeded", id);
        }));
        Workflow workflow = workflow("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: groups}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: a, template: gate, arguments: {parameters: [{name: id, value: a}]}}
                          - {name: b, template: gate, arguments: {parameters: [{name: id, value: b}]}}
                        - - {name: c, template: gate, arguments: {parameters: [{name: id, value: c}]}}
                    - name: gate
                      inputs: {parameters: [{name: id}]}
                      plugin:
                        gate: {id: "{{inputs.parameters.id}}"}
                """);

        WorkflowResult result = runner(gate).build().run(workflow);

        assertThat(result.phase()).as(result.message()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(result.nodes())
                .extracting(NodeStatus::name)
                .containsExactly("groups", "groups[0]", "groups[0].a", "groups[0].b", "groups[1]", "groups[1].c");
        assertThat(result.node("groups[0]").orElseThrow().type()).isEqualTo(NodeType.STEP_GROUP);
        LoopbackPlugin.Call c = gate.calls().stream()
                .filter(call -> call.plugin("gate").path("id").asText().equals("c"))
                .findFirst()
                .orElseThrow();
        assertThat(gate.calls())
                .filteredOn(call -> !call.plugin("gate").path("id").asText().equals("c"))
                .as("c starts only after a and b answered")
                .hasSize(2)
                .allSatisfy(ab -> assertThat(ab.answeredNanos()).isLessThan(c.arrivedNanos()));
        int group0Done = changes.indexOf(changes.stream()
                .filter(n -> n.name().equals("groups[0]") && n.phase().equals("Succeeded"))
                .findFirst()
                .orElseThrow());
        int group1Seen = changes.indexOf(changes.stream()
                .filter(n -> n.name().startsWith("groups[1]"))
                .findFirst()
                .orElseThrow());
        assertThat(group0Done).as("group 1 appears after group 0 succeeded").isLessThan(group1Seen);
    }

    @Test
    void passesInputsWorkflowParametersAndStepOutputsDown() throws Exception {
        LoopbackPlugin echo = plugin("echo", accepting("echo", (body, n) -> {
            Map<String, String> out = new LinkedHashMap<>();
            body.path("template")
                    .path("plugin")
                    .path("echo")
                    .properties()
                    .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return node("Succeeded", "echoed", out);
        }));
        Workflow workflow = workflow("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: params, namespace: team-a}
                spec:
                  entrypoint: main
                  arguments:
                    parameters: [{name: greeting, value: hello}]
                  templates:
                    - name: main
                      inputs: {parameters: [{name: greeting}]}
                      outputs:
                        parameters:
                          - name: final
                            valueFrom: {parameter: "{{steps.second.outputs.parameters.text}}"}
                      steps:
                        - - name: first
                            template: echo
                            arguments:
                              parameters: [{name: text, value: "{{inputs.parameters.greeting}} {{ workflow.parameters.greeting }}"}]
                        - - name: second
                            template: echo
                            arguments:
                              parameters: [{name: text, value: "{{steps.first.outputs.parameters.text}} from {{workflow.name}}/{{workflow.namespace}}"}]
                    - name: echo
                      inputs:
                        parameters: [{name: text}, {name: suffix, default: "!"}]
                      plugin:
                        echo:
                          text: "{{inputs.parameters.text}}{{inputs.parameters.suffix}}"
                          uid: "{{workflow.uid}}"
                """);

        WorkflowResult result = runner(echo).build().run(workflow);

        assertThat(result.phase()).as(result.message()).isEqualTo(WorkflowPhase.SUCCEEDED);
        List<LoopbackPlugin.Call> calls = echo.calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).plugin("echo").path("text").asText()).isEqualTo("hello hello!");
        assertThat(calls.get(0).plugin("echo").path("uid").asText()).isEqualTo(workflow.uid());
        assertThat(calls.get(0).template().path("inputs").path("parameters"))
                .as("inputs go out with their values")
                .isEqualTo(
                        Json.read(
                                "[{\"name\":\"text\",\"value\":\"hello hello\"},{\"name\":\"suffix\",\"default\":\"!\",\"value\":\"!\"}]"));
        assertThat(calls.get(1).plugin("echo").path("text").asText()).isEqualTo("hello hello! from params/team-a!");
        assertThat(result.outputs().parameter("final")).contains("hello hello! from params/team-a!");
    }

    @Test
    void runsDagTasksOnceTheirDependenciesSucceeded() throws Exception {
        CountDownLatch middleArrived = new CountDownLatch(2);
        LoopbackPlugin echo = plugin("echo", accepting("echo", (body, n) -> {
            String text = body.path("template")
                    .path("plugin")
                    .path("echo")
                    .path("text")
                    .asText();
            if (text.startsWith("B") || text.startsWith("C")) {
                middleArrived.countDown();
                if (!await(middleArrived)) {
                    return node("Failed", text + " waited alone: B and C did not run in parallel");
                }
            }
            return node("Succeeded", text, Map.of("text", text));
        }));
        Workflow workflow = workflow("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: diamond}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      outputs:
                        parameters: [{name: joined, valueFrom: {parameter: "{{tasks.D.outputs.parameters.text}}"}}]
                      dag:
                        tasks:
                          - {name: D, template: echo, depends: "B && C.Succeeded",
                             arguments: {parameters: [{name: text, value: "D({{tasks.B.outputs.parameters.text}},{{tasks.C.outputs.parameters.text}})"}]}}
                          - {name: B, template: echo, dependencies: [A],
                             arguments: {parameters: [{name: text, value: "B<{{tasks.A.outputs.parameters.text}}"}]}}
                          - {name: C, template: echo, depends: A,
                             arguments: {parameters: [{name: text, value: "C<{{tasks.A.outputs.parameters.text}}"}]}}
                          - {name: A, template: echo, arguments: {parameters: [{name: text, value: "A"}]}}
                    - name: echo
                      inputs: {parameters: [{name: text}]}
                      plugin:
                        echo: {text: "{{inputs.parameters.text}}"}
                """);

        WorkflowResult result = runner(echo).build().run(workflow);

        assertThat(result.phase()).as(result.message()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(result.node("diamond").orElseThrow().type()).isEqualTo(NodeType.DAG);
        assertThat(result.node("diamond.D").orElseThrow().message()).isEqualTo("D(B<A,C<A)");
        assertThat(result.outputs().parameter("joined")).contains("D(B<A,C<A)");
        List<LoopbackPlugin.Call> calls = echo.calls();
        assertThat(calls.getFirst().plugin("echo").path("text").asText()).isEqualTo("A");
        assertThat(calls.getLast().plugin("echo").path("text").asText()).startsWith("D");
        assertThat(calls.getLast().arrivedNanos())
                .as("D starts after B and C answered")
                .isGreaterThan(calls.get(1).answeredNanos())
                .isGreaterThan(calls.get(2).answeredNanos());
    }

    private static final String FAILING_STEPS = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: failing}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: ok, template: work, arguments: {parameters: [{name: outcome, value: Succeeded}]}}
                      - {name: bad, template: work, arguments: {parameters: [{name: outcome, value: %s}]}%s}
                    - - {name: after, template: work, arguments: {parameters: [{name: outcome, value: Succeeded}]}}
                - name: work
                  inputs: {parameters: [{name: outcome}]}
                  plugin:
                    work: {outcome: "{{inputs.parameters.outcome}}"}
            """;

    private LoopbackPlugin workPlugin() throws Exception {
        return plugin("work", accepting("work", (body, n) -> {
            String outcome = body.path("template")
                    .path("plugin")
                    .path("work")
                    .path("outcome")
                    .asText();
            return node(outcome, outcome.equals("Succeeded") ? "done" : "boom");
        }));
    }

    @Test
    void failsTheGroupAndTheStepsNodeAndRunsNoLaterGroupWhenAStepFails() throws Exception {
        LoopbackPlugin work = workPlugin();

        WorkflowResult result = runner(work).build().run(workflow(FAILING_STEPS.formatted("Failed", "")));

        String badId = NodeIds.of("failing", "failing[0].bad");
        assertThat(result.phase()).isEqualTo(WorkflowPhase.FAILED);
        assertThat(result.message()).isEqualTo("child '" + badId + "' failed");
        assertThat(result.node("failing[0].bad").orElseThrow().message()).isEqualTo("boom");
        assertThat(result.node("failing[0]").orElseThrow().phase()).isEqualTo("Failed");
        assertThat(result.node("failing[0].ok").orElseThrow().phase()).isEqualTo("Succeeded");
        assertThat(result.node("failing[1]")).as("no later group runs").isEmpty();
        assertThat(work.calls()).hasSize(2);
    }

    @Test
    void endsInErrorWhenAPluginReportsError() throws Exception {
        LoopbackPlugin work = workPlugin();

        WorkflowResult result = runner(work).build().run(workflow(FAILING_STEPS.formatted("Error", "")));

        assertThat(result.phase()).isEqualTo(WorkflowPhase.ERROR);
        assertThat(result.node("failing[0].bad").orElseThrow().phase()).isEqualTo("Error");
    }

    @Test
    void goesOnPastAFailedStepThatContinuesOnFailure() throws Exception {
        LoopbackPlugin work = workPlugin();

        WorkflowResult result =
                runner(work).build().run(workflow(FAILING_STEPS.formatted("Failed", ", continueOn: {failed: true}")));

        assertThat(result.phase()).as(result.message()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(result.node("failing[0].bad").orElseThrow().phase()).isEqualTo("Failed");
        assertThat(result.node("failing[1].after").orElseThrow().phase()).isEqualTo("Succeeded");
    }

    private static final String FAILING_DAG = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: dag}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    failFast: %s
                    tasks:
                      - {name: A, template: work, arguments: {parameters: [{name: outcome, value: Failed}]}}
                      - {name: B, template: work, depends: A, arguments: {parameters: [{name: outcome, value: Succeeded}]}}
                      - {name: X, template: work, arguments: {parameters: [{name: outcome, value: Slow}]}}
                      - {name: C, template: work, dependencies: [X], arguments: {parameters: [{name: outcome, value: Succeeded}]}}
                - name: work
                  inputs: {parameters: [{name: outcome}]}
                  plugin:
                    work: {outcome: "{{inputs.parameters.outcome}}"}
            """;

    /** X answers only once the run has seen A fail, so whether C starts is up to failFast alone. */
    private WorkflowResult runFailingDag(boolean failFast) throws Exception {
        CountDownLatch aFailed = new CountDownLatch(1);
        LoopbackPlugin work = plugin("work", accepting("work", (body, n) -> {
            String outcome = body.path("template")
                    .path("plugin")
                    .path("work")
                    .path("outcome")
                    .asText();
            if (outcome.equals("Slow")) {
                return await(aFailed) ? node("Succeeded", "slow") : node("Failed", "A's failure never showed");
            }
            return node(outcome, outcome);
        }));
        NodeListener listener = node -> {
            changes.add(node);
            if (node.name().equals("dag.A") && node.phase().equals("Failed")) {
                aFailed.countDown();
            }
        };
        return WorkflowRunner.builder()
                .plugin(work.executorPlugin())
                .deadline(DEADLINE)
                .onNode(listener)
                .build()
                .run(workflow(FAILING_DAG.formatted(failFast)));
    }

    @Test
    void startsNoDagTaskAfterAFailureWithFailFast() throws Exception {
        WorkflowResult result = runFailingDag(true);

        assertThat(result.phase()).isEqualTo(WorkflowPhase.FAILED);
        assertThat(result.message()).isEqualTo("child '" + NodeIds.of("dag", "dag.A") + "' failed");
        assertThat(result.node("dag.X").orElseThrow().phase())
                .as("already running, X finishes")
                .isEqualTo("Succeeded");
        assertThat(result.node("dag.B")).isEmpty();
        assertThat(result.node("dag.C")).isEmpty();
    }

    @Test
    void omitsDependantsOfAFailedTaskAndRunsTheRestWithoutFailFast() throws Exception {
        WorkflowResult result = runFailingDag(false);

        assertThat(result.phase()).isEqualTo(WorkflowPhase.FAILED);
        NodeStatus b = result.node("dag.B").orElseThrow();
        assertThat(b.phase()).isEqualTo("Omitted");
        assertThat(b.type()).isEqualTo(NodeType.SKIPPED);
        assertThat(b.message()).isEqualTo("omitted: depends condition not met");
        assertThat(result.node("dag.C").orElseThrow().phase()).isEqualTo("Succeeded");
    }

    @Test
    void callsARunningNodeAgainAfterItsRequeueUntilItSucceeds() throws Exception {
        LoopbackPlugin job = plugin("job", accepting("job", (body, n) -> switch (n) {
            case 1 -> requeue("Pending", "", "50ms");
            case 2 -> requeue("Running", "step 2", "50ms");
            case 3 -> requeue("Running", "step 3", "50ms");
            default -> node("Succeeded", "done");
        }));
        Workflow workflow = workflow(single("job: {id: j1}"));

        WorkflowResult result = runner(job).build().run(workflow);

        assertThat(result.phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(job.calls())
                .hasSize(4)
                .extracting(LoopbackPlugin.Call::body)
                .as("the same request each time")
                .containsOnly(job.calls().getFirst().body());
        assertThat(changes)
                .filteredOn(n -> n.name().equals(workflow.name()))
                .extracting(n -> n.phase() + ":" + n.message())
                .as("a Pending reply that changes nothing is no change")
                .containsExactly("Pending:", "Running:step 2", "Running:step 3", "Succeeded:done");
    }

    @Test
    void keepsARunAliveWhileAPluginPollsSilently() throws Exception {
        LoopbackPlugin job = plugin(
                "job",
                accepting(
                        "job",
                        (body, n) -> n <= 3
                                ? "{\"node\":{\"message\":\"still going\"},\"requeue\":\"150ms\"}"
                                : node("Succeeded", "done")));
        Workflow workflow = workflow(single("job: {}"));

        WorkflowResult result = runner(job).build().run(workflow);

        assertThat(result.phase())
                .as("three silent polls, each longer than a progress check: " + result.message())
                .isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(job.calls()).hasSize(4);
        assertThat(phasesOf(workflow.name()))
                .as("an empty phase is never reported")
                .containsExactly("Pending", "Succeeded");
    }

    @Test
    void endsStuckWhenARunningNodeHasNoRequeueAsArgoWouldNeverCallAgain() throws Exception {
        LoopbackPlugin job = plugin(
                "job",
                accepting(
                        "job",
                        (body, n) -> body.path("template")
                                        .path("plugin")
                                        .path("job")
                                        .path("id")
                                        .asText()
                                        .equals("forever")
                                ? node("Running", "started")
                                : node("Succeeded", "quick")));
        Workflow workflow = workflow("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: stuck}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: forever, template: job, arguments: {parameters: [{name: id, value: forever}]}}
                          - {name: quick, template: job, arguments: {parameters: [{name: id, value: quick}]}}
                    - name: job
                      inputs: {parameters: [{name: id}]}
                      plugin:
                        job: {id: "{{inputs.parameters.id}}"}
                """);

        long start = System.nanoTime();
        WorkflowResult result = runner(job).build().run(workflow);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.end()).isEqualTo(WorkflowResult.End.STUCK);
        assertThat(result.phase()).isEqualTo(WorkflowPhase.RUNNING);
        assertThat(result.message())
                .isEqualTo(
                        "node stuck[0].forever (Running) will never finish: the plugin's last reply neither ended the node"
                                + " nor asked for a requeue, so Argo would never call the plugin for it again (EXEC-REQUEUE-03)");
        assertThat(result.node("stuck[0].forever").orElseThrow().message()).isEqualTo("started");
        assertThat(took).as("detected, not timed out").isLessThan(Duration.ofSeconds(5));
        assertThat(job.calls()).as("each node called once").hasSize(2);
    }

    @Test
    void endsAtTheDeadlineWithTheWorkflowStillRunning() throws Exception {
        LoopbackPlugin job = plugin("job", accepting("job", (body, n) -> requeue("Running", "poll " + n, "20ms")));
        Workflow workflow = workflow(single("job: {}"));

        long start = System.nanoTime();
        WorkflowResult result =
                runner(job).deadline(Duration.ofMillis(400)).build().run(workflow);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.end()).isEqualTo(WorkflowResult.End.DEADLINE);
        assertThat(result.phase()).isEqualTo(WorkflowPhase.RUNNING);
        assertThat(result.message())
                .isEqualTo("the run's deadline of 400ms passed with node " + workflow.name() + " (Running) unfinished");
        assertThat(took).isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
        assertThat(job.calls().size()).as("polled all along").isGreaterThan(3);
    }

    @Test
    void errorsANodeWhoseTemplateStillHasATagAtDispatchAndNeverCallsThePlugin() throws Exception {
        LoopbackPlugin hello = plugin("hello", accepting("hello", (body, n) -> node("Succeeded", "hi")));

        WorkflowResult result =
                runner(hello).build().run(workflow(single("hello: {who: \"{{inputs.parameters.nobody}}\"}")));

        assertThat(result.phase()).isEqualTo(WorkflowPhase.ERROR);
        assertThat(result.message()).isEqualTo("failed to resolve {{inputs.parameters.nobody}}");
        assertThat(hello.calls()).isEmpty();
    }

    @Test
    void errorsAStepWhoseArgumentNamesAnOutputItsStepDidNotProduce() throws Exception {
        LoopbackPlugin hello = plugin("hello", accepting("hello", (body, n) -> node("Succeeded", "hi")));
        Workflow workflow = workflow("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: missing}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: first, template: hello}
                        - - {name: second, template: takes, arguments: {parameters: [{name: x, value: "{{steps.first.outputs.parameters.nope}}"}]}}
                        - - {name: third, template: takes}
                    - name: hello
                      plugin: {hello: {}}
                    - name: takes
                      inputs: {parameters: [{name: x}]}
                      plugin: {hello: {x: "{{inputs.parameters.x}}"}}
                """);

        WorkflowResult result = runner(hello).build().run(workflow);

        assertThat(result.node("missing[1].second").orElseThrow())
                .extracting(NodeStatus::phase, NodeStatus::message)
                .containsExactly("Error", "failed to resolve {{steps.first.outputs.parameters.nope}}");
        assertThat(result.phase()).isEqualTo(WorkflowPhase.ERROR);
        assertThat(hello.calls()).hasSize(1);
    }

    @Test
    void errorsATemplateWhoseInputIsNotSupplied() throws Exception {
        Workflow workflow = workflow("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: unsupplied}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      inputs: {parameters: [{name: who}]}
                      plugin: {hello: {}}
                """);

        WorkflowResult result = runner().build().run(workflow);

        assertThat(result.phase()).isEqualTo(WorkflowPhase.ERROR);
        assertThat(result.message()).isEqualTo("inputs.parameters.who was not supplied");
    }

    @Test
    void failsWithNoPluginExecutedTheTemplateWhenNoPluginAccepts() throws Exception {
        LoopbackPlugin other = plugin("other", accepting("other", (body, n) -> node("Succeeded", "not mine")));
        Workflow workflow = workflow(single("hello: {}"));

        WorkflowResult declined = runner(other).build().run(workflow);
        WorkflowResult none = runner().build().run(workflow);

        assertThat(declined.phase()).isEqualTo(WorkflowPhase.FAILED);
        assertThat(declined.message()).isEqualTo("no plugin executed the template");
        assertThat(other.calls()).as("asked, and declined with {}").hasSize(1);
        assertThat(none.phase()).isEqualTo(WorkflowPhase.FAILED);
        assertThat(none.message()).isEqualTo("no plugin executed the template");
    }

    @Test
    void dispatchesNoMoreTasksAtOnceThanTheAgentHasWorkers() throws Exception {
        LoopbackPlugin slow = plugin("slow", accepting("slow", (body, n) -> {
            Thread.sleep(150);
            return node("Succeeded", "slept");
        }));
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            steps.append("        - {name: s").append(i).append(", template: slow}\n");
        }
        Workflow workflow = workflow("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: workers}
                spec:
                  entrypoint: main
                  templates:
                    - name: slow
                      plugin: {slow: {}}
                    - name: main
                      steps:
                      -
                """ + steps);

        WorkflowResult result = runner(slow).workers(2).build().run(workflow);

        assertThat(result.phase()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(slow.calls()).hasSize(5);
        assertThat(slow.maxInFlight()).isEqualTo(2);
    }

    /** A workflow whose entrypoint is one plugin template with this {@code plugin} body. */
    private static String single(String pluginBody) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: single-}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      plugin: {%s}
                """.formatted(pluginBody);
    }
}
