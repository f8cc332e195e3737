package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.generator.gotext.GoValues;
import dev.argoconformance.reference.generator.gotext.RawJson;
import dev.argoconformance.reference.generator.gotext.TypedMap;
import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code spec.generators} (or of a matrix or merge), held as Argo CD's Go types hold it
 * ({@code pkg/apis/application/v1alpha1/applicationset_types.go}). Values Go keeps as {@code apiextensionsv1.JSON}
 * (plugin {@code input.parameters} values, list elements) become {@link RawJson} in the form the API server serves:
 * compact, map keys sorted, {@code <>&} escaped, integers exact and other numbers as float64 ([infer]: kubectl and the
 * API server re-encode the user's YAML with Go's {@code encoding/json}).
 *
 * @param path where the entry sits, for messages ({@code spec.generators[0].matrix.generators[1]})
 * @param others generators this reference does not evaluate, by YAML key, kept for their requeue settings
 */
record GeneratorSpec(
        String path,
        ListSpec list,
        MatrixSpec matrix,
        MergeSpec merge,
        PluginSpec plugin,
        Map<String, JsonNode> others,
        JsonNode selector) {

    /** Go's {@code ApplicationSetGenerator} field order, which is the order Transform runs a multi-key entry in. */
    enum Kind {
        LIST("list"),
        CLUSTERS("clusters"),
        GIT("git"),
        SCM_PROVIDER("scmProvider"),
        CLUSTER_DECISION_RESOURCE("clusterDecisionResource"),
        PULL_REQUEST("pullRequest"),
        MATRIX("matrix"),
        MERGE("merge"),
        PLUGIN("plugin");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    record PluginSpec(
            String configMapName,
            TypedMap parameters,
            Long requeueAfterSeconds,
            JsonNode template,
            Map<String, String> values) {}

    record ListSpec(List<RawJson> elements, JsonNode template) {}

    record MatrixSpec(List<GeneratorSpec> generators, JsonNode template) {}

    record MergeSpec(List<GeneratorSpec> generators, List<String> mergeKeys, JsonNode template) {}

    /** The kinds this entry sets, in Go's order. */
    List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            boolean set = switch (kind) {
                case LIST -> list != null;
                case MATRIX -> matrix != null;
                case MERGE -> merge != null;
                case PLUGIN -> plugin != null;
                default -> others.containsKey(kind.key);
            };
            if (set) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    static List<GeneratorSpec> parseAll(List<JsonNode> entries, String path, int depth) {
        List<GeneratorSpec> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            out.add(parse(entries.get(i), path + "[" + i + "]", depth));
        }
        return out;
    }

    /**
     * @param depth 0 for {@code spec.generators}, 1 inside a matrix or merge, 2 inside a nested one, where Argo's
     *     terminal generator type has no matrix or merge field (the API server prunes them, so they are dropped here)
     */
    static GeneratorSpec parse(JsonNode node, String path, int depth) {
        if (!node.isObject()) {
            throw invalid(path, "a generator must be an object");
        }
        ListSpec list = present(node, "list") ? parseList(node.get("list"), path + ".list") : null;
        PluginSpec plugin = present(node, "plugin") ? parsePlugin(node.get("plugin"), path + ".plugin") : null;
        MatrixSpec matrix = null;
        MergeSpec merge = null;
        if (depth < 2 && present(node, "matrix")) {
            JsonNode m = node.get("matrix");
            matrix = new MatrixSpec(
                    parseAll(GoJson.elements(m.path("generators")), path + ".matrix.generators", depth + 1),
                    template(m));
        }
        if (depth < 2 && present(node, "merge")) {
            JsonNode m = node.get("merge");
            List<String> mergeKeys = new ArrayList<>();
            m.path("mergeKeys").forEach(k -> mergeKeys.add(k.asText()));
            merge = new MergeSpec(
                    parseAll(GoJson.elements(m.path("generators")), path + ".merge.generators", depth + 1),
                    mergeKeys,
                    template(m));
        }
        Map<String, JsonNode> others = new LinkedHashMap<>();
        for (Kind kind : List.of(
                Kind.CLUSTERS, Kind.GIT, Kind.SCM_PROVIDER, Kind.CLUSTER_DECISION_RESOURCE, Kind.PULL_REQUEST)) {
            if (present(node, kind.key)) {
                others.put(kind.key, node.get(kind.key));
            }
        }
        JsonNode selector = present(node, "selector") ? node.get("selector") : null;
        return new GeneratorSpec(path, list, matrix, merge, plugin, others, selector);
    }

    private static PluginSpec parsePlugin(JsonNode plugin, String path) {
        JsonNode name = plugin.path("configMapRef").path("name");
        if (!name.isTextual()) {
            throw invalid(path + ".configMapRef.name", "the CRD requires a string");
        }
        JsonNode input = plugin.path("input").path("parameters");
        TypedMap parameters;
        if (input.isMissingNode() || input.isNull()) {
            parameters = TypedMap.nil(TypedMap.Kind.PLUGIN_PARAMETERS);
        } else if (input.isObject()) {
            Map<String, Object> raw = new LinkedHashMap<>();
            input.properties().forEach(e -> raw.put(e.getKey(), servedRaw(e.getValue())));
            parameters = TypedMap.of(TypedMap.Kind.PLUGIN_PARAMETERS, raw);
        } else {
            throw invalid(path + ".input.parameters", "the CRD requires an object");
        }
        JsonNode requeue = plugin.path("requeueAfterSeconds");
        Long requeueAfterSeconds = null;
        if (requeue.isIntegralNumber() && requeue.canConvertToLong()) {
            requeueAfterSeconds = requeue.longValue();
        } else if (!requeue.isMissingNode() && !requeue.isNull()) {
            throw invalid(path + ".requeueAfterSeconds", "the CRD requires an int64");
        }
        Map<String, String> values = null;
        JsonNode valuesNode = plugin.path("values");
        if (valuesNode.isObject()) {
            values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : valuesNode.properties()) {
                if (!e.getValue().isTextual()) {
                    throw invalid(path + ".values." + e.getKey(), "the CRD requires a string");
                }
                values.put(e.getKey(), e.getValue().textValue());
            }
        } else if (!valuesNode.isMissingNode() && !valuesNode.isNull()) {
            throw invalid(path + ".values", "the CRD requires a map of strings");
        }
        return new PluginSpec(name.textValue(), parameters, requeueAfterSeconds, template(plugin), values);
    }

    private static ListSpec parseList(JsonNode list, String path) {
        if (list.hasNonNull("elementsYaml")
                && !list.get("elementsYaml").asText().isEmpty()) {
            throw new UnsupportedSpecException(path + ".elementsYaml is not implemented by the reference controller");
        }
        List<RawJson> elements = new ArrayList<>();
        list.path("elements").forEach(element -> elements.add(servedRaw(element)));
        return new ListSpec(elements, template(list));
    }

    /** A JSON-typed field as Argo receives it from the API server. */
    static RawJson servedRaw(JsonNode value) {
        if (value == null || value.isNull()) {
            return RawJson.NIL; // JSON.UnmarshalJSON keeps no bytes for null
        }
        return new RawJson(GoValues.marshal(GoValues.fromApiServer(value), true));
    }

    private static JsonNode template(JsonNode generator) {
        JsonNode template = generator.get("template");
        return template == null || template.isNull() ? Json.object() : template;
    }

    private static boolean present(JsonNode node, String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    private static UnsupportedSpecException invalid(String path, String why) {
        return new UnsupportedSpecException(
                path + ": " + why + " (the Argo CD API server would reject this ApplicationSet)");
    }
}
