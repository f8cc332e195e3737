package dev.argoconformance.suite.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.argoconformance.reference.client.Backoff;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import dev.argoconformance.suite.config.ExampleTemplate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which requirement an example's trouble belongs to, so one defect fails one requirement. Each case runs
 * the reference agent, as the suite runs an example, against a real plugin on loopback that answers one
 * way; Diagnosis then reads the recorded run. Docker-free.
 */
class DiagnosisTest {

    private static final String TOKEN = "diagnosis-token";

    private HttpServer plugin;

    @AfterEach
    void stop() {
        if (plugin != null) {
            plugin.stop(0);
        }
    }

    @Test
    void aReplyArgoTakesIsTheAcceptClausesOwn() throws IOException {
        assertThat(Diagnosis.cause(run(200, "{\"node\": {\"phase\": \"Succeeded\", \"message\": \"hi\"}}", example())))
                .isEmpty();
    }

    @Test
    void aRefusalOfArgosOwnTokenIsAuth08() throws IOException {
        assertThat(Diagnosis.cause(run(403, "forbidden", example()))).contains("EXEC-AUTH-08");
        assertThat(Diagnosis.cause(run(401, "", example()))).contains("EXEC-AUTH-08");
    }

    @Test
    void aCallWithoutAnHttpResponseIsReply05() throws IOException {
        assertThat(Diagnosis.cause(run(0, null, example()))).contains("EXEC-REPLY-05");
    }

    @Test
    void aDeclineBy404IsTheAcceptClausesOwn() throws IOException {
        assertThat(Diagnosis.cause(run(404, "", example()))).isEmpty();
    }

    @Test
    void aStatusArgoFailsTheNodeForIsReply04UnlessABareTemplateWasRefusedWithA4xx() throws IOException {
        assertThat(Diagnosis.cause(run(500, "boom", example()))).contains("EXEC-REPLY-04");
        assertThat(Diagnosis.cause(run(400, "which template?", example()))).contains("EXEC-REPLY-04");
        assertThat(Diagnosis.cause(run(400, "which template?", ExampleTemplate.contractOnly("hello"))))
                .as("without examples a 4xx may be the plugin's right answer")
                .isEmpty();
        assertThat(Diagnosis.cause(run(500, "boom", ExampleTemplate.contractOnly("hello"))))
                .contains("EXEC-REPLY-04");
    }

    @Test
    void a200ArgoCannotDecodeIsReply01Reply02OrRequeue01() throws IOException {
        assertThat(Diagnosis.cause(run(200, "", example()))).as("empty body").contains("EXEC-REPLY-01");
        assertThat(Diagnosis.cause(run(200, "not json", example())))
                .as("not JSON")
                .contains("EXEC-REPLY-02");
        assertThat(Diagnosis.cause(run(200, "{\"node\": {\"phase\": \"Running\"}, \"requeue\": \"1d\"}", example())))
                .as("a requeue Go's time.ParseDuration refuses")
                .contains("EXEC-REQUEUE-01");
        assertThat(Diagnosis.cause(run(200, "{\"node\": {\"phase\": \"Running\"}, \"requeue\": 30}", example())))
                .as("a requeue that is a number")
                .contains("EXEC-REQUEUE-01");
    }

    @Test
    void aPhaseArgoDoesNotKnowIsReply03() throws IOException {
        assertThat(Diagnosis.cause(run(200, "{\"node\": {\"phase\": \"Done\"}}", example())))
                .contains("EXEC-REPLY-03");
    }

    @Test
    void anUnfinishedNodeWithoutARequeueIsRequeue03() throws IOException {
        assertThat(Diagnosis.cause(run(200, "{\"node\": {\"phase\": \"Running\"}}", example())))
                .contains("EXEC-REQUEUE-03");
        assertThat(Diagnosis.cause(run(200, "{\"node\": {\"phase\": \"Running\"}, \"requeue\": \"1s\"}", example())))
                .as("a requeue Argo honours")
                .isEmpty();
    }

    @Test
    void anExampleStillRequeueingAtItsBoundIsRequeue02() throws IOException {
        Exchanges.ExampleRun run = run(200, "{\"node\": {\"phase\": \"Running\"}, \"requeue\": \"1s\"}", example());
        Exchanges.ExampleRun outOfTime = new Exchanges.ExampleRun(
                run.example(), run.template(), run.workflow(), run.dispatches(), run.calls(), true);

        assertThat(Diagnosis.cause(outOfTime)).contains("EXEC-REQUEUE-02");
    }

    @Test
    void aBodyIsARequeueErrorOnlyWhenItDecodesWithoutItsRequeue() {
        assertThat(Diagnosis.isRequeueError("{\"node\": {\"phase\": \"Running\"}, \"requeue\": \"2 minutes\"}"))
                .isTrue();
        assertThat(Diagnosis.isRequeueError("{\"node\": {\"phase\": \"Running\"}, \"Requeue\": 5}"))
                .as("Go matches field names case-insensitively")
                .isTrue();
        assertThat(Diagnosis.isRequeueError("{\"node\": 5, \"requeue\": \"1d\"}"))
                .as("the node is broken too")
                .isFalse();
        assertThat(Diagnosis.isRequeueError("{\"node\": 5}"))
                .as("no requeue at all")
                .isFalse();
        assertThat(Diagnosis.isRequeueError("[]")).isFalse();
    }

    private static ExampleTemplate example() {
        return new ExampleTemplate(
                "hello",
                template(),
                "Succeeded",
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5),
                Optional.empty(),
                "examples/hello.yaml");
    }

    private static ObjectNode template() {
        ObjectNode template = Json.object();
        template.put("name", "main");
        template.putObject("plugin").putObject("hello");
        return template;
    }

    /**
     * One dispatch of the example's template by the reference agent, as the suite makes it, to a plugin
     * that answers every call with {@code status} and {@code body}; status 0 closes the connection unanswered.
     */
    private Exchanges.ExampleRun run(int status, String body, ExampleTemplate example) throws IOException {
        if (plugin != null) {
            plugin.stop(0);
        }
        plugin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plugin.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (status == 0) {
                throw new IOException("the plugin drops the connection"); // the server closes it without a response
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        plugin.start();
        URI address = URI.create("http://127.0.0.1:" + plugin.getAddress().getPort());
        List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());
        PluginClient client = PluginClient.builder("hello", address, TOKEN)
                .backoff(new Backoff(Duration.ofMillis(1), 1.0, 0.0, 2)) // Argo's retries, without its 15 s of waiting
                .listener(calls::add)
                .build();
        WorkflowMetadata workflow = new WorkflowMetadata("diagnosis", "argo", "0f0e0d0c-0000-4000-8000-000000000001");
        try (Agent agent = Agent.builder(workflow)
                .plugin(new ExecutorPlugin(client))
                .workers(1)
                .build()) {
            TaskOutcome outcome = agent.execute(example.template());
            assertThat(calls).as("the plugin was called").isNotEmpty();
            return new Exchanges.ExampleRun(
                    example, example.template(), workflow, List.of(outcome), List.copyOf(calls), false);
        }
    }
}
