package dev.argoconformance.reference.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code template.execute} reply: {@code {"node": NodeResult?, "requeue": "<Go duration>"?}}.
 * A missing or null {@code node} declines the template ({@code {}} and {@code null} both do).
 */
public record ExecuteTemplateReply(NodeResult node, Duration requeue) {

    public static final ExecuteTemplateReply EMPTY = new ExecuteTemplateReply(null, null);

    public boolean accepted() {
        return node != null;
    }

    public Optional<Duration> requeueAfter() {
        return Optional.ofNullable(requeue);
    }

    /**
     * Decodes a 200 body onto {@code into}, exactly as Go decodes into the one reply struct the agent
     * shares across plugins (§2.5): keys present overwrite, absent keys keep {@code into}'s values.
     * That is why a requeue sent by a declining plugin leaks into the next plugin's result.
     */
    public static ExecuteTemplateReply decode(byte[] body, ExecuteTemplateReply into) throws GoJson.DecodeException {
        JsonNode root = GoJson.readFirstValue(body);
        if (root.isNull()) {
            return into;
        }
        if (!root.isObject()) {
            throw typeError(root, "Go value of type executor.ExecuteTemplateReply");
        }
        NodeResult node = into.node();
        Duration requeue = into.requeue();
        JsonNode nodeJson = GoJson.field(root, "node");
        if (nodeJson != null) {
            node = decodeNode(nodeJson);
        }
        JsonNode requeueJson = GoJson.field(root, "requeue");
        if (requeueJson != null) {
            requeue = decodeRequeue(requeueJson);
        }
        return new ExecuteTemplateReply(node, requeue);
    }

    private static NodeResult decodeNode(JsonNode json) throws GoJson.DecodeException {
        if (json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            throw typeError(json, "Go struct field ExecuteTemplateReply.node of type v1alpha1.NodeResult");
        }
        String phase = string(json, "phase", "NodeResult.node.phase of type v1alpha1.NodePhase");
        String message = string(json, "message", "NodeResult.node.message of type string");
        String progress = string(json, "progress", "NodeResult.node.progress of type v1alpha1.Progress");
        Outputs outputs = decodeOutputs(GoJson.field(json, "outputs"));
        return new NodeResult(phase, message, outputs, progress);
    }

    private static Outputs decodeOutputs(JsonNode json) throws GoJson.DecodeException {
        if (json == null || json.isNull()) {
            return Outputs.NONE;
        }
        if (!json.isObject()) {
            throw typeError(json, "Go struct field NodeResult.node.outputs of type v1alpha1.Outputs");
        }
        List<Parameter> parameters = new ArrayList<>();
        JsonNode params = GoJson.field(json, "parameters");
        if (params != null && !params.isNull()) {
            if (!params.isArray()) {
                throw typeError(params, "Go struct field Outputs.node.outputs.parameters of type []v1alpha1.Parameter");
            }
            for (JsonNode p : params) {
                if (p.isNull()) {
                    parameters.add(new Parameter("", null));
                    continue;
                }
                if (!p.isObject()) {
                    throw typeError(p, "Go struct field Outputs.node.outputs.parameters of type v1alpha1.Parameter");
                }
                String name = string(p, "name", "Parameter.node.outputs.parameters.name of type string");
                JsonNode value = GoJson.field(p, "value");
                parameters.add(new Parameter(name, value == null || value.isNull() ? null : GoJson.anyString(value)));
            }
        }
        String result = string(json, "result", "Outputs.node.outputs.result of type string");
        String exitCode = string(json, "exitCode", "Outputs.node.outputs.exitCode of type string");
        JsonNode artifacts = GoJson.field(json, "artifacts");
        if (artifacts != null && !artifacts.isNull() && !artifacts.isArray()) {
            throw typeError(artifacts, "Go struct field Outputs.node.outputs.artifacts of type v1alpha1.Artifacts");
        }
        return new Outputs(parameters, result, exitCode, artifacts);
    }

    /** metav1.Duration unmarshals a JSON string and parses it with time.ParseDuration. */
    private static Duration decodeRequeue(JsonNode json) throws GoJson.DecodeException {
        if (json.isNull()) {
            return null;
        }
        if (!json.isTextual()) {
            throw typeError(json, "Go value of type string");
        }
        try {
            return GoDuration.parse(json.textValue());
        } catch (IllegalArgumentException e) {
            throw new GoJson.DecodeException(e.getMessage(), false);
        }
    }

    private static String string(JsonNode object, String field, String goTarget) throws GoJson.DecodeException {
        JsonNode value = GoJson.field(object, field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw typeError(value, "Go struct field " + goTarget);
        }
        return value.textValue();
    }

    private static GoJson.DecodeException typeError(JsonNode value, String target) {
        return new GoJson.DecodeException("json: cannot unmarshal " + GoJson.kind(value) + " into " + target, false);
    }
}
