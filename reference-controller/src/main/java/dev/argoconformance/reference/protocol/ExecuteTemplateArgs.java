package dev.argoconformance.reference.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The {@code template.execute} request: {@code {"workflow": {"metadata": …}, "template": …}}
 * ({@code pkg/plugins/executor/template_executor_plugin.go}).
 *
 * <p>The template is the processed template, sent whole. Go serialises {@code inputs},
 * {@code outputs} and {@code metadata} as struct fields, so they are always present, as {@code {}}
 * when empty; this class does the same, in Go's field order.
 */
public record ExecuteTemplateArgs(WorkflowMetadata workflow, ObjectNode template) {

    private static final Set<String> ALWAYS_PRESENT = Set.of("inputs", "outputs", "metadata");

    public ExecuteTemplateArgs {
        template = normalise(template);
    }

    public byte[] toJson() {
        ObjectNode root = Json.object();
        ObjectNode metadata = root.putObject("workflow").putObject("metadata");
        metadata.put("name", workflow.name());
        metadata.put("namespace", workflow.namespace());
        metadata.put("uid", workflow.uid());
        root.set("template", template);
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The template as Go marshals a {@code wfv1.Template}: {@code name} first, {@code inputs}, {@code outputs} and
     * {@code metadata} always present; the controller plugins' requests carry it the same way.
     */
    public static ObjectNode goTemplate(ObjectNode template) {
        return normalise(template);
    }

    private static ObjectNode normalise(ObjectNode template) {
        ObjectNode out = Json.object();
        out.put("name", template.path("name").asText(""));
        out.set("inputs", objectOrEmpty(template.get("inputs")));
        out.set("outputs", objectOrEmpty(template.get("outputs")));
        out.set("metadata", objectOrEmpty(template.get("metadata")));
        for (Map.Entry<String, JsonNode> field : template.properties()) {
            if (!field.getKey().equals("name") && !ALWAYS_PRESENT.contains(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }

    private static JsonNode objectOrEmpty(JsonNode node) {
        return node != null && node.isObject() ? node : Json.object();
    }
}
