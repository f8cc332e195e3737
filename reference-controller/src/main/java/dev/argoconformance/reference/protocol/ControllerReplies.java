package dev.argoconformance.reference.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replies of the controller plugins' five methods, decoded as Go's {@code json.NewDecoder(body).Decode(reply)}
 * decodes them into the reply structs of {@code pkg/plugins/controller/*.go} (PR #7255's head). Only the first JSON
 * value counts; an empty body is {@code EOF}; {@code null} leaves the reply empty; keys match case-insensitively;
 * a value of the wrong JSON type is Go's {@code json: cannot unmarshal …} error.
 *
 * <ul>
 *   <li>{@code workflow.preOperate}: {@code {"workflow": {"metadata": ObjectMeta}}}, the workflow optional. Go's
 *       {@code controller.Workflow} holds only {@code metadata}, so anything else under {@code workflow}
 *       ({@code spec}, {@code status}) is silently dropped, as are ObjectMeta fields Go does not know.
 *   <li>{@code workflow.postOperate}, {@code node.postExecute}: {@code {}}, structs without fields; any object
 *       or {@code null} will do, but not an empty body.
 *   <li>{@code node.preExecute}: {@code {"node": NodeResult}}, the node optional, decoded as the executor
 *       plugins' node result is.
 *   <li>{@code parameters.add}: {@code {"parameters": {"name": "value"}}}, a {@code map[string]string}.
 * </ul>
 */
public final class ControllerReplies {

    /** The ObjectMeta fields of k8s.io/apimachinery (v0.21, 2021) that a preOperate reply can carry, in Go's order. */
    public static final List<String> OBJECT_META_FIELDS = List.of(
            "name",
            "generateName",
            "namespace",
            "selfLink",
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "labels",
            "annotations",
            "ownerReferences",
            "finalizers",
            "clusterName",
            "managedFields");

    private static final List<String> STRING_FIELDS =
            List.of("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "clusterName");

    private ControllerReplies() {}

    /**
     * A {@code workflow.preOperate} reply: the {@code metadata} it asks to merge into the workflow, holding only the
     * ObjectMeta fields Go decodes; empty when the reply carries no workflow (or a null one).
     */
    public static Optional<ObjectNode> workflowPreOperate(byte[] body) throws GoJson.DecodeException {
        JsonNode root = root(body, "controller.WorkflowPreOperateReply");
        JsonNode workflow = root == null ? null : GoJson.field(root, "workflow");
        if (workflow == null || workflow.isNull()) {
            return Optional.empty();
        }
        if (!workflow.isObject()) {
            throw typeError(workflow, "Go struct field WorkflowPreOperateReply.workflow of type controller.Workflow");
        }
        ObjectNode metadata = Json.object();
        JsonNode given = GoJson.field(workflow, "metadata");
        if (given == null || given.isNull()) {
            return Optional.of(metadata);
        }
        if (!given.isObject()) {
            throw typeError(given, "Go struct field Workflow.workflow.metadata of type v1.ObjectMeta");
        }
        for (Map.Entry<String, JsonNode> field : given.properties()) {
            String name = goField(field.getKey(), OBJECT_META_FIELDS);
            JsonNode value = field.getValue();
            if (name.isEmpty()) {
                continue; // Go drops what ObjectMeta does not have
            }
            String target = "Go struct field ObjectMeta.workflow.metadata." + name;
            if (STRING_FIELDS.contains(name)) {
                if (!value.isNull() && !value.isTextual()) {
                    throw typeError(value, target + " of type string");
                }
            } else if (name.equals("generation") || name.equals("deletionGracePeriodSeconds")) {
                if (!value.isNull() && !value.isIntegralNumber()) {
                    throw typeError(value, target + " of type int64");
                }
            } else if (name.equals("labels") || name.equals("annotations")) {
                value = stringMap(value, target);
            } else if (name.equals("finalizers")) {
                if (!value.isNull() && !value.isArray()) {
                    throw typeError(value, target + " of type []string");
                }
            }
            metadata.set(name, value);
        }
        return Optional.of(metadata);
    }

    /** A {@code node.preExecute} reply: the node result to merge onto the node, when there is one. */
    public static Optional<NodeResult> nodePreExecute(byte[] body) throws GoJson.DecodeException {
        JsonNode root = root(body, "controller.NodePreExecuteReply");
        JsonNode node = root == null ? null : GoJson.field(root, "node");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        ObjectNode alone = Json.object();
        alone.set("node", node);
        try {
            // The same NodeResult as template.execute's reply; only the struct names in Go's messages differ.
            return Optional.ofNullable(ExecuteTemplateReply.decode(
                            Json.write(alone).getBytes(StandardCharsets.UTF_8), ExecuteTemplateReply.EMPTY)
                    .node());
        } catch (GoJson.DecodeException e) {
            throw new GoJson.DecodeException(
                    e.getMessage().replace("ExecuteTemplateReply", "NodePreExecuteReply"), false);
        }
    }

    /** A {@code parameters.add} reply: the parameters, in the reply's order; empty when there are none. */
    public static Map<String, String> parametersAdd(byte[] body) throws GoJson.DecodeException {
        JsonNode root = root(body, "controller.ParameterPreSubstitutionReply");
        JsonNode parameters = root == null ? null : GoJson.field(root, "parameters");
        Map<String, String> out = new LinkedHashMap<>();
        if (parameters == null || parameters.isNull()) {
            return out;
        }
        JsonNode map = stringMap(parameters, "Go struct field ParameterPreSubstitutionReply.parameters");
        map.properties()
                .forEach(e -> out.put(
                        e.getKey(), e.getValue().isNull() ? "" : e.getValue().textValue()));
        return out;
    }

    /** A reply whose struct has no fields ({@code workflow.postOperate}, {@code node.postExecute}): an object or null. */
    public static void empty(byte[] body, String goType) throws GoJson.DecodeException {
        root(body, goType);
    }

    /** The reply's first JSON value: null for JSON null, else an object. */
    private static JsonNode root(byte[] body, String goType) throws GoJson.DecodeException {
        JsonNode root = GoJson.readFirstValue(body);
        if (root.isNull()) {
            return null;
        }
        if (!root.isObject()) {
            throw typeError(root, "Go value of type " + goType);
        }
        return root;
    }

    /** A {@code map[string]string}: an object of strings (null values become ""). */
    private static JsonNode stringMap(JsonNode value, String target) throws GoJson.DecodeException {
        if (value.isNull()) {
            return value;
        }
        if (!value.isObject()) {
            throw typeError(value, target + " of type map[string]string");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isNull() && !e.getValue().isTextual()) {
                throw typeError(e.getValue(), target + " of type string");
            }
        }
        return value;
    }

    private static String goField(String key, List<String> fields) {
        for (String f : fields) {
            if (f.equals(key)) {
                return f;
            }
        }
        for (String f : fields) {
            if (f.equalsIgnoreCase(key)) {
                return f;
            }
        }
        return "";
    }

    private static GoJson.DecodeException typeError(JsonNode value, String target) {
        return new GoJson.DecodeException("json: cannot unmarshal " + GoJson.kind(value) + " into " + target, false);
    }
}
