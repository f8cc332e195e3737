package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.generator.GeneratorSpec.Kind;
import dev.argoconformance.reference.generator.GeneratorSpec.ListSpec;
import dev.argoconformance.reference.generator.GeneratorSpec.MatrixSpec;
import dev.argoconformance.reference.generator.GeneratorSpec.MergeSpec;
import dev.argoconformance.reference.generator.gotext.GoValues;
import dev.argoconformance.reference.generator.gotext.RawJson;
import dev.argoconformance.reference.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter generation as Argo CD's {@code generators.Transform} drives it, with the generators this reference
 * evaluates: plugin, list, matrix and merge ({@code generator_spec_processor.go}, {@code list.go}, {@code matrix.go},
 * {@code merge.go}). Error texts and their wrapping are Argo's.
 */
final class Generation {

    /** One generator's parameter sets and the template its Applications render from. */
    record Result(List<Map<String, Object>> params, JsonNode template) {}

    private final ApplicationSet appSet;
    private final PluginGenerator plugins;
    private final Observations seen;

    Generation(ApplicationSet appSet, PluginGenerator plugins, Observations seen) {
        this.appSet = appSet;
        this.plugins = plugins;
        this.seen = seen;
    }

    /**
     * {@code Transform}: every generator the entry sets, in Go's field order; with {@code genParams} (a matrix's
     * second child) each is interpolated first. All of them run even after one fails; the first error is thrown.
     */
    List<Result> transform(GeneratorSpec entry, JsonNode baseTemplate, Map<String, Object> genParams)
            throws GeneratorError {
        if (entry.selector() != null) {
            throw new UnsupportedSpecException(entry.path()
                    + ".selector: post-generator selectors are not implemented by the" + " reference controller");
        }
        List<Result> results = new ArrayList<>();
        GeneratorError first = null;
        for (Kind kind : entry.kinds()) {
            JsonNode template = Templating.mergeTemplates(templateOf(entry, kind), baseTemplate);
            GeneratorSpec spec = entry;
            try {
                if (genParams != null && !genParams.isEmpty()) {
                    spec = Interpolation.interpolate(entry, kind, genParams, appSet, seen.render);
                }
                results.add(new Result(generate(spec, kind), template));
            } catch (GeneratorError e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    private List<Map<String, Object>> generate(GeneratorSpec spec, Kind kind) throws GeneratorError {
        return switch (kind) {
            case PLUGIN -> plugins.generate(spec.plugin(), appSet, seen);
            case LIST -> list(spec.list());
            case MATRIX -> matrix(spec.matrix());
            case MERGE -> merge(spec.merge());
            default ->
                throw new UnsupportedSpecException(
                        spec.path() + "." + kind.key + ": the " + kind.key
                                + " generator is not implemented by the reference controller (plugin, list, matrix and merge are)");
        };
    }

    private static JsonNode templateOf(GeneratorSpec entry, Kind kind) {
        return switch (kind) {
            case PLUGIN -> entry.plugin().template();
            case LIST -> entry.list().template();
            case MATRIX -> entry.matrix().template();
            case MERGE -> entry.merge().template();
            default -> entry.others().get(kind.key).path("template");
        };
    }

    /**
     * {@code ListGenerator.GenerateParams}: each element is a JSON object; goTemplate keeps it as decoded, fasttemplate
     * wants strings only, with a {@code values} map flattened to {@code values.<k>}.
     */
    private List<Map<String, Object>> list(ListSpec list) throws GeneratorError {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RawJson raw : list.elements()) {
            Object element;
            try {
                element = raw.raw().isEmpty() ? null : GoValues.fromJson(Json.MAPPER.readTree(raw.raw()));
            } catch (JsonProcessingException e) {
                throw new GeneratorError("error unmarshling list element " + e.getOriginalMessage());
            }
            if (element != null && !(element instanceof Map<?, ?>)) {
                throw new GeneratorError("error unmarshling list element json: cannot unmarshal " + jsonKind(element)
                        + " into Go value of type map[string]interface {}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = element == null ? new LinkedHashMap<>() : (Map<String, Object>) element;
            if (appSet.goTemplate()) {
                out.add(object);
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : object.entrySet()) {
                if (e.getKey().equals("values")) {
                    if (!(e.getValue() instanceof Map<?, ?> values)) {
                        throw new GeneratorError("error parsing values map");
                    }
                    for (Map.Entry<?, ?> v : values.entrySet()) {
                        if (!(v.getValue() instanceof String s)) {
                            throw new GeneratorError(
                                    "error parsing value as string %!w(<nil>)"); // Argo wraps a nil error
                        }
                        params.put("values." + v.getKey(), s);
                    }
                } else if (e.getValue() instanceof String s) {
                    params.put(e.getKey(), s);
                } else {
                    throw new GeneratorError("error parsing value as string %!w(<nil>)");
                }
            }
            out.add(params);
        }
        return out;
    }

    private static String jsonKind(Object value) {
        return switch (value) {
            case String s -> "string";
            case Double d -> "number";
            case Boolean b -> "bool";
            case List<?> l -> "array";
            default -> "object";
        };
    }

    /**
     * {@code MatrixGenerator.GenerateParams}: exactly two children; the second runs once per parameter set of the
     * first, interpolated with it; each pair combined (goTemplate: mergo, the first child winning; fasttemplate:
     * {@code CombineStringMaps}).
     */
    private List<Map<String, Object>> matrix(MatrixSpec matrix) throws GeneratorError {
        if (matrix.generators().size() < 2) {
            throw new GeneratorError("found less than two generators, Matrix support only two");
        }
        if (matrix.generators().size() > 2) {
            throw new GeneratorError("found more than two generators, Matrix support only two");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        List<Map<String, Object>> first;
        try {
            first = childParams(matrix.generators().get(0), null);
        } catch (GeneratorError e) {
            throw e.wrap("error failed to get params for first generator in matrix generator");
        }
        for (Map<String, Object> a : first) {
            List<Map<String, Object>> second;
            try {
                second = childParams(matrix.generators().get(1), a);
            } catch (GeneratorError e) {
                throw e.wrap("failed to get params for second generator in the matrix generator");
            }
            for (Map<String, Object> b : second) {
                if (appSet.goTemplate()) {
                    // Go merges b, then a, into an empty tmp (two mergo.Merge calls); b into nothing is just a copy of
                    // b
                    out.add(ParamMerge.mergoOverride(b, a));
                } else {
                    try {
                        out.add(ParamMerge.combineStringMaps(a, b));
                    } catch (GeneratorError e) {
                        throw e.wrap("failed to combine string maps with merging params for the matrix generator");
                    }
                }
            }
        }
        return out;
    }

    /** {@code getParams} of matrix.go and merge.go. */
    private List<Map<String, Object>> childParams(GeneratorSpec child, Map<String, Object> params)
            throws GeneratorError {
        List<Result> results;
        try {
            results = transform(child, Json.object(), params);
        } catch (GeneratorError e) {
            throw e.wrap("child generator returned an error on parameter generation");
        }
        if (results.isEmpty()) {
            throw new GeneratorError("child generator generated no parameters");
        }
        if (results.size() > 1) {
            throw new GeneratorError("found more than one generator in matrix.Generators");
        }
        return results.get(0).params();
    }

    /**
     * {@code MergeGenerator.GenerateParams}: every child runs on its own; the first child's sets are the base, keyed by
     * the JSON of their top-level merge-key values; a later child's set with the same key overrides (goTemplate: mergo;
     * fasttemplate: key copy); sets matching nothing are dropped. Go returns the base sets in map order; this keeps the
     * base order.
     */
    private List<Map<String, Object>> merge(MergeSpec merge) throws GeneratorError {
        if (merge.generators().size() < 2) {
            throw new GeneratorError("found less than two generators, Merge requires two or more");
        }
        List<List<Map<String, Object>>> all = new ArrayList<>();
        for (int i = 0; i < merge.generators().size(); i++) {
            try {
                all.add(childParams(merge.generators().get(i), Map.of()));
            } catch (GeneratorError e) {
                throw e.wrap("error getting params from generator " + (i + 1) + " of "
                                + merge.generators().size())
                        .wrap("error getting param sets from generators");
            }
        }
        Map<String, Map<String, Object>> base = byMergeKey(merge.mergeKeys(), all.get(0));
        for (List<Map<String, Object>> sets : all.subList(1, all.size())) {
            Map<String, Map<String, Object>> override = byMergeKey(merge.mergeKeys(), sets);
            for (Map.Entry<String, Map<String, Object>> e : base.entrySet()) {
                Map<String, Object> match = override.get(e.getKey());
                if (match == null) {
                    continue;
                }
                if (appSet.goTemplate()) {
                    e.setValue(ParamMerge.mergoOverride(e.getValue(), match));
                } else {
                    Map<String, Object> copied = new LinkedHashMap<>(e.getValue());
                    copied.putAll(match);
                    e.setValue(copied);
                }
            }
        }
        return new ArrayList<>(base.values());
    }

    /** {@code getParamSetsByMergeKey}. */
    private static Map<String, Map<String, Object>> byMergeKey(List<String> mergeKeys, List<Map<String, Object>> sets)
            throws GeneratorError {
        if (mergeKeys.isEmpty()) {
            throw new GeneratorError(
                    "error getting param sets by merge key: no merge keys were specified, Merge requires at least one");
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> set : sets) {
            Map<String, Object> key = new LinkedHashMap<>();
            for (String mergeKey : mergeKeys) {
                key.put(mergeKey, set.get(mergeKey));
            }
            String json = GoValues.marshal(key, true);
            if (out.containsKey(json)) {
                throw new GeneratorError(
                        "error getting param sets by merge key: the parameters from a generator were not unique by"
                                + " the given mergeKeys, Merge requires all param sets to be unique. Duplicate key was "
                                + json);
            }
            out.put(json, set);
        }
        return out;
    }
}
