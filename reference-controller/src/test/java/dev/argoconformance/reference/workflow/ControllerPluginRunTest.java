package dev.argoconformance.reference.workflow;

import static dev.argoconformance.reference.testing.FakeControllerPlugin.json;
import static dev.argoconformance.reference.testing.FakeControllerPlugin.slow;
import static dev.argoconformance.reference.testing.FakeControllerPlugin.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.hooks.ControllerHooks;
import dev.argoconformance.reference.hooks.ControllerPlugin;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import dev.argoconformance.reference.testing.FakeControllerPlugin;
import dev.argoconformance.reference.testing.PluginServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner with controller plugins on loopback: the seed's hello controller plugin completing plugin nodes itself,
 * preOperate and postOperate around every reconcile, parameters.add in substitution, and each failure mode of seeds
 * 002 and 003 (a node hook errors the node, any other hook the workflow, a 503 skips and nothing fails).
 */
class ControllerPluginRunTest {

    static final String HELLO = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: hello-
              labels: {team: conformance}
            spec:
              entrypoint: main
              templates:
                - name: main
                  plugin:
                    hello: { }
            """;

    static final String STEPS_WITH_PARAMETER = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: params
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: greet
                        template: greet
                        arguments:
                          parameters: [{name: text, value: "{{hello}}, {{workflow.name}}"}]
                - name: greet
                  inputs:
                    parameters: [{name: text}]
                  plugin:
                    echo:
                      text: "{{inputs.parameters.text}}"
            """;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private FakeControllerPlugin controllerPlugin() throws Exception {
        FakeControllerPlugin plugin = new FakeControllerPlugin();
        toClose.add(plugin);
        return plugin;
    }

    /** PR #7255's examples/plugins/controller/hello: an annotation, a parameter, and plugin: {hello: {}} nodes done. */
    private FakeControllerPlugin hello() throws Exception {
        return controllerPlugin()
                .on(
                        ControllerPlugin.PRE_OPERATE,
                        json("{\"workflow\":{\"metadata\":{\"annotations\":{\"hello\":\"good morning\"}}}}"))
                .on(ControllerPlugin.ADD_PARAMETERS, json("{\"parameters\":{\"hello\":\"good morning\"}}"))
                .answer(
                        ControllerPlugin.PRE_EXECUTE,
                        args -> args.path("template").path("plugin").has("hello")
                                ? "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"Hello workflow!\"}}"
                                : "{}");
    }

    private static WorkflowResult run(String yaml, FakeControllerPlugin... plugins) throws Exception {
        return runner(plugins).build().run(Workflow.parse(yaml, "test.yaml", "argo"));
    }

    private static WorkflowRunner.Builder runner(FakeControllerPlugin... plugins) {
        List<ControllerPlugin> controllerPlugins = new ArrayList<>();
        for (int i = 0; i < plugins.length; i++) {
            controllerPlugins.add(ControllerPlugin.connect("plugin-" + i, plugins[i].uri(), call -> {}));
        }
        return WorkflowRunner.builder()
                .deadline(Duration.ofSeconds(20))
                .transientRetry(Duration.ofMillis(100))
                .controllerHooks(ControllerHooks.of(controllerPlugins));
    }

    @Test
    void theHelloControllerPluginCompletesItsNodesWithoutAnAgent() throws Exception {
        FakeControllerPlugin hello = hello();

        WorkflowResult result = run(HELLO, hello);

        assertThat(result.phase()).as(result.message()).isEqualTo(WorkflowPhase.SUCCEEDED);
        NodeStatus root = result.node(result.workflowName()).orElseThrow();
        assertThat(root.phase()).isEqualTo("Succeeded");
        assertThat(root.message())
                .as("fulfilled by node.preExecute, never sent to an executor plugin")
                .isEqualTo("Hello workflow!");
        assertThat(result.metadata().path("annotations").path("hello").asText()).isEqualTo("good morning");
        assertThat(result.metadata().path("labels").path("team").asText()).isEqualTo("conformance");
        JsonNode node = hello.calls(ControllerPlugin.PRE_EXECUTE).get(0).json().path("node");
        assertThat(node.path("phase").asText()).isEqualTo("Pending");
        assertThat(node.path("type").asText()).isEqualTo("Plugin");
        assertThat(node.path("id").asText()).isEqualTo(result.workflowName());
    }

    @Test
    void preOperateAndPostOperateSurroundEveryReconcile() throws Exception {
        FakeControllerPlugin hello = hello().on(ControllerPlugin.POST_OPERATE, json("{}"));

        WorkflowResult result = run(HELLO, hello);

        assertThat(hello.calls())
                .extracting(PluginServer.Call::method)
                .containsExactly(
                        "workflow.preOperate",
                        "parameters.add",
                        "node.preExecute",
                        "node.postExecute",
                        "workflow.postOperate");
        JsonNode first = hello.calls(ControllerPlugin.PRE_OPERATE)
                .get(0)
                .json()
                .path("workflow")
                .path("metadata");
        assertThat(first.path("name").asText()).isEqualTo(result.workflowName());
        assertThat(first.path("uid").asText()).isNotBlank();
        assertThat(first.has("creationTimestamp")).isTrue();
        JsonNode post = hello.calls(ControllerPlugin.POST_OPERATE).get(0).json();
        assertThat(post.path("old").path("metadata").path("annotations").has("hello"))
                .as("old: before preOperate's patch")
                .isFalse();
        assertThat(post.path("new")
                        .path("metadata")
                        .path("annotations")
                        .path("hello")
                        .asText())
                .isEqualTo("good morning");
        assertThat(post.path("new")
                        .path("metadata")
                        .path("labels")
                        .path("workflows.argoproj.io/phase")
                        .asText())
                .isEqualTo("Succeeded");
        assertThat(post.path("new")
                        .path("metadata")
                        .path("labels")
                        .path("workflows.argoproj.io/completed")
                        .asText())
                .isEqualTo("true");
        JsonNode postExecute = hello.calls(ControllerPlugin.POST_EXECUTE).get(0).json();
        assertThat(postExecute.path("old").path("phase").asText()).isEqualTo("Pending");
        assertThat(postExecute.path("new").path("phase").asText()).isEqualTo("Succeeded");
    }

    @Test
    void addsTheParametersOfParametersAddToSubstitution() throws Exception {
        FakeControllerPlugin hello = hello();
        FakeControllerPlugin echo = controllerPlugin()
                .answer(
                        ControllerPlugin.PRE_EXECUTE,
                        args -> args.path("template").path("plugin").has("echo")
                                ? "{\"node\":{\"phase\":\"Succeeded\",\"message\":"
                                        + args.path("template")
                                                .path("plugin")
                                                .path("echo")
                                                .path("text") + "}}"
                                : "{}");

        WorkflowResult result = run(STEPS_WITH_PARAMETER, hello, echo);

        assertThat(result.phase()).as(result.message()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(result.node("greet").orElseThrow().message()).isEqualTo("good morning, params");
        assertThat(hello.count(ControllerPlugin.ADD_PARAMETERS))
                .as("once for each template processed")
                .isEqualTo(2);
    }

    @Test
    void laterPluginsParametersWin() throws Exception {
        FakeControllerPlugin first =
                controllerPlugin().on(ControllerPlugin.ADD_PARAMETERS, json("{\"parameters\":{\"hello\":\"first\"}}"));
        FakeControllerPlugin second =
                controllerPlugin().on(ControllerPlugin.ADD_PARAMETERS, json("{\"parameters\":{\"hello\":\"second\"}}"));
        FakeControllerPlugin echo = controllerPlugin()
                .answer(
                        ControllerPlugin.PRE_EXECUTE,
                        args -> args.path("template").path("plugin").has("echo")
                                ? "{\"node\":{\"phase\":\"Succeeded\",\"message\":"
                                        + args.path("template")
                                                .path("plugin")
                                                .path("echo")
                                                .path("text") + "}}"
                                : "{}");

        WorkflowResult result = run(STEPS_WITH_PARAMETER, first, second, echo);

        assertThat(result.node("greet").orElseThrow().message()).isEqualTo("second, params");
    }

    @Test
    void aNodeHookErrorErrorsTheNode() throws Exception {
        FakeControllerPlugin broken = controllerPlugin().on(ControllerPlugin.PRE_EXECUTE, status(500, "boom"));

        WorkflowResult result = run(HELLO, broken);

        NodeStatus root = result.node(result.workflowName()).orElseThrow();
        assertThat(root.phase()).isEqualTo("Error");
        assertThat(root.message()).isEqualTo("500 Server Error: boom");
        assertThat(result.phase()).as("the workflow fails through its node").isEqualTo(WorkflowPhase.ERROR);
        assertThat(result.end()).isEqualTo(WorkflowResult.End.FINISHED);
    }

    @Test
    void aPostExecuteErrorErrorsTheNodeThatEnded() throws Exception {
        FakeControllerPlugin hello = hello().on(ControllerPlugin.POST_EXECUTE, status(500, "cannot record lineage"));

        WorkflowResult result = run(HELLO, hello);

        NodeStatus root = result.node(result.workflowName()).orElseThrow();
        assertThat(root.phase()).isEqualTo("Error");
        assertThat(root.message()).isEqualTo("500 Server Error: cannot record lineage");
    }

    @Test
    void aSlowNodeHookIsAnErrorAfterOneSecond() throws Exception {
        FakeControllerPlugin slowOne =
                controllerPlugin().on(ControllerPlugin.PRE_EXECUTE, slow(Duration.ofMillis(1800), "{}"));

        WorkflowResult result = run(HELLO, slowOne);

        NodeStatus root = result.node(result.workflowName()).orElseThrow();
        assertThat(root.phase()).isEqualTo("Error");
        assertThat(root.message())
                .endsWith(
                        "/api/v1/node.preExecute\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
    }

    @Test
    void aWorkflowHookErrorErrorsTheWorkflow() throws Exception {
        FakeControllerPlugin preOperate =
                controllerPlugin().on(ControllerPlugin.PRE_OPERATE, status(500, "no such team"));
        FakeControllerPlugin postOperate = hello().on(ControllerPlugin.POST_OPERATE, status(500, "notify failed"));

        WorkflowResult before = run(HELLO, preOperate);
        WorkflowResult after = run(HELLO, postOperate);

        assertThat(before.phase()).isEqualTo(WorkflowPhase.ERROR);
        assertThat(before.message()).isEqualTo("500 Server Error: no such team");
        assertThat(before.nodes()).as("the reconcile never got to run a node").isEmpty();
        assertThat(after.phase()).isEqualTo(WorkflowPhase.ERROR);
        assertThat(after.message()).isEqualTo("500 Server Error: notify failed");
        assertThat(after.metadata()
                        .path("labels")
                        .path("workflows.argoproj.io/phase")
                        .asText())
                .isEqualTo("Error");
    }

    @Test
    void aParametersAddErrorErrorsTheWorkflowAsTheSeedsSay() throws Exception {
        FakeControllerPlugin broken =
                controllerPlugin().on(ControllerPlugin.ADD_PARAMETERS, status(500, "vault sealed"));

        WorkflowResult result = run(HELLO, broken);

        assertThat(result.phase()).isEqualTo(WorkflowPhase.ERROR);
        assertThat(result.message()).isEqualTo("500 Server Error: vault sealed");
        assertThat(result.notes()).extracting(CompatibilityNote::id).contains("CTRL-PARAMS-01");
    }

    @Test
    void a503SkipsTheReconcileAndNothingFails() throws Exception {
        FakeControllerPlugin busy = controllerPlugin()
                .on(ControllerPlugin.PRE_OPERATE, status(503, "warming up"), status(503, "warming up"), json("{}"))
                .on(ControllerPlugin.PRE_EXECUTE, status(503, "busy"), json("{}"))
                .on(ControllerPlugin.POST_OPERATE, status(503, "busy"));
        FakeControllerPlugin helloAfterBusy = hello();

        WorkflowResult result = run(HELLO, busy, helloAfterBusy);

        assertThat(result.phase()).as(result.message()).isEqualTo(WorkflowPhase.SUCCEEDED);
        assertThat(busy.count(ControllerPlugin.PRE_OPERATE))
                .as("two skipped reconciles, then the first that ran")
                .isGreaterThanOrEqualTo(3);
        assertThat(helloAfterBusy.count(ControllerPlugin.PRE_OPERATE))
                .as("a skipped reconcile calls no later plugin")
                .isEqualTo(busy.count(ControllerPlugin.PRE_OPERATE) - 2);
        assertThat(result.notes()).extracting(CompatibilityNote::id).contains("CTRL-TRANSIENT-01");
    }

    @Test
    void aPluginThatAlways503sLeavesTheWorkflowRunningUntilTheDeadline() throws Exception {
        FakeControllerPlugin busy =
                controllerPlugin().on(ControllerPlugin.PRE_OPERATE, status(503, "down for maintenance"));

        WorkflowResult result =
                runner(busy).deadline(Duration.ofSeconds(2)).build().run(Workflow.parse(HELLO, "t.yaml", "argo"));

        assertThat(result.phase()).isEqualTo(WorkflowPhase.RUNNING);
        assertThat(result.end()).isEqualTo(WorkflowResult.End.DEADLINE);
        assertThat(result.message()).contains("workflow.preOperate of plugin plugin-0 (503: down for maintenance)");
    }

    @Test
    void aPatchOfWhatTheControllerOwnsIsRefused() throws Exception {
        FakeControllerPlugin rename = controllerPlugin()
                .on(
                        ControllerPlugin.PRE_OPERATE,
                        json(
                                "{\"workflow\":{\"metadata\":{\"name\":\"renamed\",\"labels\":{\"workflows.argoproj.io/completed\":\"true\"}}}}"));

        WorkflowResult result = run(HELLO, rename);

        assertThat(result.end()).isEqualTo(WorkflowResult.End.STUCK);
        assertThat(result.phase()).isEqualTo(WorkflowPhase.RUNNING);
        assertThat(result.message())
                .contains("metadata.name: ")
                .contains("metadata.labels.workflows.argoproj.io/completed")
                .contains("CTRL-PRE-02");
        assertThat(result.metadata().path("name").asText()).isNotEqualTo("renamed");
    }

    @Test
    void withoutControllerPluginsNothingChanges() throws Exception {
        WorkflowResult result = WorkflowRunner.builder()
                .deadline(Duration.ofSeconds(10))
                .build()
                .run(Workflow.parse(HELLO, "t.yaml", "argo"));

        assertThat(result.phase()).isEqualTo(WorkflowPhase.FAILED);
        assertThat(result.node(result.workflowName()).orElseThrow().message())
                .isEqualTo("no plugin executed the template");
        assertThat(result.notes()).isEmpty();
    }
}
