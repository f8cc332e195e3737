package dev.argoconformance.reference.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code template.execute} request body (argo-behaviour.md §W1.3). */
class ExecuteTemplateArgsTest {

    private static final WorkflowMetadata WORKFLOW = new WorkflowMetadata("hello-abc12", "argo", "5f3e-uid");

    private static ObjectNode template(String json) {
        return (ObjectNode) Json.read(json);
    }

    private static String body(ExecuteTemplateArgs args) {
        return new String(args.toJson(), StandardCharsets.UTF_8);
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void sendsAMinimalTemplateExactlyAsGoDoes() {
        ExecuteTemplateArgs args =
                new ExecuteTemplateArgs(WORKFLOW, template("{\"name\":\"main\",\"plugin\":{\"hello\":{}}}"));

        assertThat(body(args))
                .isEqualTo("{\"workflow\":{\"metadata\":{\"name\":\"hello-abc12\",\"namespace\":\"argo\","
                        + "\"uid\":\"5f3e-uid\"}},\"template\":{\"name\":\"main\",\"inputs\":{},\"outputs\":{},\"metadata\":{},"
                        + "\"plugin\":{\"hello\":{}}}}");
    }

    @Test
    void putsWorkflowBeforeTemplate() {
        JsonNode root = Json.read(body(new ExecuteTemplateArgs(WORKFLOW, template("{\"plugin\":{\"x\":{}}}"))));
        assertThat(keys(root)).containsExactly("workflow", "template");
        assertThat(keys(root.path("workflow"))).containsExactly("metadata");
        assertThat(keys(root.path("workflow").path("metadata"))).containsExactly("name", "namespace", "uid");
    }

    @Test
    void alwaysSendsAllThreeMetadataKeysAsStrings() {
        JsonNode empty = Json.read(body(new ExecuteTemplateArgs(new WorkflowMetadata("wf", "", ""), template("{}"))));
        assertThat(empty.path("workflow").path("metadata").toString())
                .isEqualTo("{\"name\":\"wf\",\"namespace\":\"\",\"uid\":\"\"}");

        JsonNode missing =
                Json.read(body(new ExecuteTemplateArgs(new WorkflowMetadata("wf", null, null), template("{}"))));
        assertThat(missing.path("workflow").path("metadata").toString())
                .as("a Go string is never null: no omitempty, so an unknown uid goes out as \"\"")
                .isEqualTo("{\"name\":\"wf\",\"namespace\":\"\",\"uid\":\"\"}");
    }

    @Test
    void alwaysSendsInputsOutputsAndMetadata() {
        JsonNode sent = Json.read(body(new ExecuteTemplateArgs(
                WORKFLOW, template("{\"name\":\"t\",\"inputs\":null,\"plugin\":{\"slack\":{\"text\":\"hi\"}}}"))));
        JsonNode t = sent.path("template");
        assertThat(t.path("inputs").toString()).isEqualTo("{}");
        assertThat(t.path("outputs").toString()).isEqualTo("{}");
        assertThat(t.path("metadata").toString()).isEqualTo("{}");
        assertThat(keys(t)).containsExactly("name", "inputs", "outputs", "metadata", "plugin");
    }

    @Test
    void keepsWhatTheTemplateCarries() {
        ObjectNode processed = template("""
                {"plugin":{"hello":{"greeting":"hi"}},"timeout":"30s","name":"say",
                 "inputs":{"parameters":[{"name":"who","value":"world"}]},
                 "metadata":{"labels":{"a":"b"}},"retryStrategy":{"limit":"2"}}""");
        JsonNode t =
                Json.read(body(new ExecuteTemplateArgs(WORKFLOW, processed))).path("template");

        assertThat(keys(t))
                .containsExactly("name", "inputs", "outputs", "metadata", "plugin", "timeout", "retryStrategy");
        assertThat(t.path("inputs").path("parameters").get(0).path("value").asText())
                .isEqualTo("world");
        assertThat(t.path("metadata").path("labels").path("a").asText()).isEqualTo("b");
        assertThat(t.path("plugin").toString()).isEqualTo("{\"hello\":{\"greeting\":\"hi\"}}");
        assertThat(t.path("retryStrategy").toString()).isEqualTo("{\"limit\":\"2\"}");
    }

    @Test
    void sendsTheSameBytesEveryTime() {
        ExecuteTemplateArgs args =
                new ExecuteTemplateArgs(WORKFLOW, template("{\"name\":\"main\",\"plugin\":{\"hello\":{}}}"));
        assertThat(args.toJson())
                .as("the body is marshalled the same way for every attempt")
                .isEqualTo(args.toJson());
    }
}
