package dev.argoconformance.suite.steps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.argoconformance.reference.client.CallListener;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.hooks.ControllerHooks;
import dev.argoconformance.reference.hooks.ControllerPlugin;
import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.workflow.Workflow;
import dev.argoconformance.reference.workflow.WorkflowException;
import dev.argoconformance.reference.workflow.WorkflowPhase;
import dev.argoconformance.reference.workflow.WorkflowResult;
import dev.argoconformance.reference.workflow.WorkflowRunner;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.plugin.PluginTarget;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A workflow run with the controller plugin installed (CTRL-ACCEPT-02): the reference controller's workflow runner calls
 * the plugin around a small workflow whose plugin nodes the suite's own executor plugin does.
 */
public final class ControllerWorkflowSteps {

    private final World world;
    private final ControllerCalls controller;
    private final List<RecordedCall> workflowCalls = Collections.synchronizedList(new ArrayList<>());
    private WorkflowResult workflowRun;

    public ControllerWorkflowSteps(World world, ControllerCalls controller) {
        this.world = world;
        this.controller = controller;
    }

    @When("Argo runs a workflow with the plugin installed")
    public void argoRunsAWorkflow() throws Exception {
        PluginTarget target = controller.target();
        CallListener listener = call -> {
            world.recorder().onCall(call);
            workflowCalls.add(call);
        };
        ControllerHooks hooks = ControllerHooks.of(
                List.of(ControllerPlugin.connect(controller.pluginName(), target.baseUrl(), listener)));
        Workflow workflow;
        try {
            workflow = Workflow.parse(ControllerSteps.Examples.WORKFLOW, "the suite's workflow", "argo");
        } catch (WorkflowException e) {
            throw new IllegalStateException("the suite's own workflow does not parse: " + e.getMessage(), e);
        }
        try (SuiteExecutorPlugin executor = new SuiteExecutorPlugin()) {
            workflowRun = WorkflowRunner.builder()
                    .plugin(new ExecutorPlugin(PluginClient.builder("conformance", executor.uri(), "suite")
                            .build()))
                    .controllerHooks(hooks)
                    .deadline(Duration.ofSeconds(60))
                    .build()
                    .run(workflow);
        }
        workflowRun.notes().forEach(world.run().facts()::note);
        world.note(
                "workflow " + workflowRun.workflowName() + ": " + workflowRun.phase() + " (" + workflowRun.end() + ")"
                        + (workflowRun.message().isEmpty() ? "" : ": " + workflowRun.message()) + "; nodes: "
                        + workflowRun.nodes().stream()
                                .map(n -> n.displayName() + "=" + n.phase())
                                .collect(Collectors.joining(", "))
                        + "; metadata: " + workflowRun.metadata());
    }

    // CTRL-ACCEPT-02
    @Then("the workflow ended without an error from the plugin")
    public void theWorkflowEndedWithoutAnError() {
        for (RecordedCall call : List.copyOf(workflowCalls)) {
            String method = call.url().substring(call.url().lastIndexOf('/') + 1);
            if (call.hasResponse() && call.status() == 200 && call.responseBody() != null) {
                try {
                    ControllerCalls.decoder(method).decode(call.responseBody().getBytes(StandardCharsets.UTF_8));
                } catch (GoJson.DecodeException e) {
                    throw NotChecked.blocked(
                            ControllerSteps.REPLY_REQUIREMENT.getOrDefault(method, "CTRL-DECLINE-01"),
                            method + ": a 200 Argo cannot decode: " + e.getMessage());
                }
            }
            Optional<ControllerSteps.Trouble> t = ControllerSteps.trouble(method, call, null);
            if (t.isPresent() && !t.get().requirement().equals("CTRL-ACCEPT-02")) {
                throw NotChecked.blocked(t.get().requirement(), t.get().what());
            }
        }
        if (workflowRun.end() == WorkflowResult.End.STUCK
                && workflowRun.message().contains("CTRL-PRE-02")) {
            throw NotChecked.blocked("CTRL-PRE-02", workflowRun.message());
        }
        if (workflowRun.end() == WorkflowResult.End.DEADLINE
                && workflowRun.message().contains("transient")) {
            throw NotChecked.blocked("CTRL-TRANSIENT-01", workflowRun.message());
        }
        RecordedCall last = workflowCalls.isEmpty() ? null : workflowCalls.get(workflowCalls.size() - 1);
        if (workflowRun.end() != WorkflowResult.End.FINISHED) {
            world.fail("the workflow ends", workflowRun.end() + ": " + workflowRun.message(), last);
        }
        List<String> errored = workflowRun.nodes().stream()
                .filter(n -> NodePhase.ERROR.wire().equals(n.phase()))
                .map(n -> n.displayName() + ": " + n.message())
                .toList();
        if (workflowRun.phase() == WorkflowPhase.ERROR || !errored.isEmpty()) {
            world.fail(
                    "no node and not the workflow in Error because of the plugin",
                    "workflow " + workflowRun.phase()
                            + (workflowRun.message().isEmpty() ? "" : " \"" + workflowRun.message() + "\"")
                            + (errored.isEmpty() ? "" : "; nodes in Error: " + String.join("; ", errored)),
                    last);
        }
    }

    /**
     * The suite's own executor plugin for the workflow run: it does every plugin node the plugin under test leaves to
     * the agent, Succeeded, so a run ends on the controller plugin's account alone.
     */
    private static final class SuiteExecutorPlugin implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();

        SuiteExecutorPlugin() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                boolean execute = exchange.getRequestURI().getPath().equals("/api/v1/template.execute");
                byte[] reply = (execute
                                ? "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"done by the suite's executor plugin\"}}"
                                : "")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(execute ? 200 : 404, reply.length == 0 ? -1 : reply.length);
                if (reply.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(reply);
                    }
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
