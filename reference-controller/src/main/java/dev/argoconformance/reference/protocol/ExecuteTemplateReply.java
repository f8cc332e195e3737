package dev.argoconformance.reference.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
     * shares across plugins (argo-behaviour.md §W2.5): keys present overwrite, absent keys keep {@code into}'s values.
     * That is why a requeue sent by a declining plugin leaks into the next plugin's result.
     *
     * <p>Errors come out as Go's do: fields are visited in document order; a value of the wrong JSON
     * type is remembered and decoding goes on, so the first such error is reported at the end; an
     * error from a custom unmarshaller ({@code requeue}'s duration, an output value's number) stops
     * decoding at once and wins.
     */
    public static ExecuteTemplateReply decode(byte[] body, ExecuteTemplateReply into) throws GoJson.DecodeException {
        JsonNode root = GoJson.readFirstValue(body);
        if (root.isNull()) {
            return into;
        }
        if (!root.isObject()) {
            throw typeError(root, "Go value of type executor.ExecuteTemplateReply");
        }
        TypeErrors errors = new TypeErrors();
        NodeResult node = into.node();
        Duration requeue = into.requeue();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equalsIgnoreCase("node")) {
                node = decodeNode(field.getValue(), errors);
            } else if (field.getKey().equalsIgnoreCase("requeue")) {
                requeue = decodeRequeue(field.getValue());
            }
        }
        errors.throwFirst();
        return new ExecuteTemplateReply(node, requeue);
    }

    private static final List<String> NODE_FIELDS = List.of("phase", "message", "outputs", "progress");
    private static final List<String> OUTPUTS_FIELDS = List.of("parameters", "artifacts", "result", "exitCode");
    private static final List<String> PARAMETER_FIELDS = List.of("name", "value");

    /**
     * The struct field a JSON key sets, matched as Go does: exactly, else case-insensitively (Java's
     * equalsIgnoreCase folds the same special letters as Go's EqualFold, such as U+017F and U+212A).
     */
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

    /** Go's decodeState.savedError: the first type mismatch, reported once decoding has finished. */
    private static final class TypeErrors {
        private GoJson.DecodeException first;

        void save(GoJson.DecodeException e) {
            if (first == null) {
                first = e;
            }
        }

        void throwFirst() throws GoJson.DecodeException {
            if (first != null) {
                throw first;
            }
        }
    }

    private static NodeResult decodeNode(JsonNode json, TypeErrors errors) throws GoJson.DecodeException {
        if (json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            errors.save(typeError(json, "Go struct field ExecuteTemplateReply.node of type v1alpha1.NodeResult"));
            return null;
        }
        String phase = null;
        String message = null;
        String progress = null;
        Outputs outputs = null;
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            JsonNode value = field.getValue();
            switch (goField(field.getKey(), NODE_FIELDS)) {
                case "phase" ->
                    phase = string(value, "NodeResult.node.phase of type v1alpha1.NodePhase", phase, errors);
                case "message" -> message = string(value, "NodeResult.node.message of type string", message, errors);
                case "progress" ->
                    progress = string(value, "NodeResult.node.progress of type v1alpha1.Progress", progress, errors);
                case "outputs" -> outputs = decodeOutputs(value, errors);
                default -> {} // unknown fields are ignored
            }
        }
        return new NodeResult(phase, message, outputs, progress);
    }

    private static Outputs decodeOutputs(JsonNode json, TypeErrors errors) throws GoJson.DecodeException {
        if (json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            errors.save(typeError(json, "Go struct field NodeResult.node.outputs of type v1alpha1.Outputs"));
            return null;
        }
        List<Parameter> parameters = new ArrayList<>();
        String result = null;
        String exitCode = null;
        JsonNode artifacts = null;
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            JsonNode value = field.getValue();
            switch (goField(field.getKey(), OUTPUTS_FIELDS)) {
                case "parameters" -> parameters = decodeParameters(value, errors);
                case "result" -> result = string(value, "Outputs.node.outputs.result of type string", result, errors);
                case "exitCode" ->
                    exitCode = string(value, "Outputs.node.outputs.exitCode of type string", exitCode, errors);
                case "artifacts" -> {
                    if (value.isNull()) {
                        artifacts = null;
                    } else if (value.isArray()) {
                        artifacts = value;
                    } else {
                        errors.save(typeError(
                                value, "Go struct field Outputs.node.outputs.artifacts of type v1alpha1.Artifacts"));
                    }
                }
                default -> {}
            }
        }
        return new Outputs(parameters, result, exitCode, artifacts);
    }

    private static List<Parameter> decodeParameters(JsonNode json, TypeErrors errors) throws GoJson.DecodeException {
        List<Parameter> parameters = new ArrayList<>();
        if (json.isNull()) {
            return parameters;
        }
        if (!json.isArray()) {
            errors.save(
                    typeError(json, "Go struct field Outputs.node.outputs.parameters of type []v1alpha1.Parameter"));
            return parameters;
        }
        for (JsonNode p : json) {
            if (p.isNull()) {
                parameters.add(new Parameter("", null));
                continue;
            }
            if (!p.isObject()) {
                errors.save(typeError(p, "Go struct field Outputs.node.outputs.parameters of type v1alpha1.Parameter"));
                parameters.add(new Parameter("", null));
                continue;
            }
            String name = null;
            String value = null;
            for (Map.Entry<String, JsonNode> field : p.properties()) {
                switch (goField(field.getKey(), PARAMETER_FIELDS)) {
                    case "name" ->
                        name = string(
                                field.getValue(),
                                "Parameter.node.outputs.parameters.name of type string",
                                name,
                                errors);
                    case "value" -> value = anyString(field.getValue());
                    default -> {}
                }
            }
            parameters.add(new Parameter(name == null ? "" : name, value));
        }
        return parameters;
    }

    /**
     * Argo's AnyString ({@code pkg/apis/workflow/v1alpha1/anystring.go}): null means no value, and a
     * number Go cannot hold in a float64 is an error its UnmarshalJSON returns, which stops decoding.
     */
    private static String anyString(JsonNode value) throws GoJson.DecodeException {
        if (value.isNull()) {
            return null;
        }
        if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
            String literal = value.isIntegralNumber()
                    ? value.bigIntegerValue().toString()
                    : value.decimalValue().toString().replace("E+", "e").replace('E', 'e');
            throw new GoJson.DecodeException(
                    "json: cannot unmarshal number " + literal
                            + " into Go struct field Parameter.node.outputs.parameters.value of type float64",
                    false);
        }
        return GoJson.anyString(value);
    }

    /**
     * metav1.Duration unmarshals a JSON string and parses it with time.ParseDuration; its errors stop
     * decoding. Its inner json.Unmarshal fails with a bare UnmarshalTypeError, which the outer decoder's
     * addErrorContext then names after the field it was decoding, hence the struct-field form.
     * (EXEC-REQUEUE-01, REF-BODY-06, REF-BODY-07; k8s.io/apimachinery pkg/apis/meta/v1/duration.go,
     * Duration.UnmarshalJSON)
     */
    private static Duration decodeRequeue(JsonNode json) throws GoJson.DecodeException {
        if (json.isNull()) {
            return null;
        }
        if (!json.isTextual()) {
            throw typeError(json, "Go struct field ExecuteTemplateReply.requeue of type string");
        }
        try {
            return GoDuration.parse(json.textValue());
        } catch (IllegalArgumentException e) {
            throw new GoJson.DecodeException(e.getMessage(), false);
        }
    }

    /** A string field: JSON null leaves it as it was; another JSON type is a saved type error. */
    private static String string(JsonNode value, String goTarget, String current, TypeErrors errors) {
        if (value.isNull()) {
            return current;
        }
        if (!value.isTextual()) {
            errors.save(typeError(value, "Go struct field " + goTarget));
            return current;
        }
        return value.textValue();
    }

    private static GoJson.DecodeException typeError(JsonNode value, String target) {
        return new GoJson.DecodeException("json: cannot unmarshal " + GoJson.kind(value) + " into " + target, false);
    }
}
