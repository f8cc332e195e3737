package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.argoconformance.reference.generator.GeneratorSpec.Kind;
import dev.argoconformance.reference.generator.GeneratorSpec.ListSpec;
import dev.argoconformance.reference.generator.GeneratorSpec.MatrixSpec;
import dev.argoconformance.reference.generator.GeneratorSpec.MergeSpec;
import dev.argoconformance.reference.generator.GeneratorSpec.PluginSpec;
import dev.argoconformance.reference.generator.gotext.GoValues;
import dev.argoconformance.reference.generator.gotext.RawJson;
import dev.argoconformance.reference.generator.gotext.Render;
import dev.argoconformance.reference.generator.gotext.TemplateException;
import dev.argoconformance.reference.generator.gotext.TypedMap;
import dev.argoconformance.reference.generator.gotext.UnsupportedTemplateException;
import dev.argoconformance.reference.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code RenderGeneratorParams} (applicationset/utils/utils.go): the second child of a matrix templated with one
 * parameter set of the first, before it runs.
 *
 * <ul>
 *   <li>Every string is rendered: {@code configMapRef.name}, template fields, merge keys, and the string leaves and map
 *       keys inside JSON-typed fields. Integers such as {@code requeueAfterSeconds} are not.
 *   <li>A JSON-typed field ({@code input.parameters} values, list elements) goes through a round trip: decoded
 *       (numbers become float64, nil values inside objects are dropped), rendered, re-encoded with
 *       {@code json.Marshal} ({@code <>&} escaped). A rendered value stays a string: {@code "{{.n}}"} becomes
 *       {@code "3"}, never {@code 3}.
 *   <li>{@code input.parameters} becomes a non-nil map even when it was absent (Go's deep copy makes the map).
 *   <li>Plugin {@code values} are pre-resolved with {@code missingkey=error}; a value naming a key the first child lacks
 *       stays as written, to be resolved against the plugin's own output later (PR #26696).
 * </ul>
 */
final class Interpolation {

    private final Map<String, Object> params;
    private final ApplicationSet appSet;
    private final Render render;

    private Interpolation(Map<String, Object> params, ApplicationSet appSet, Render render) {
        this.params = params;
        this.appSet = appSet;
        this.render = render;
    }

    /** The entry with the generator of {@code kind} (and everything nested in it) rendered. */
    static GeneratorSpec interpolate(
            GeneratorSpec entry, Kind kind, Map<String, Object> params, ApplicationSet appSet, Render render)
            throws GeneratorError {
        try {
            return new Interpolation(params, appSet, render).entry(entry, kind);
        } catch (GeneratorError e) {
            throw e.wrap("failed to replace parameters in generator");
        }
    }

    private GeneratorSpec entry(GeneratorSpec e, Kind kind) throws GeneratorError {
        return switch (kind) {
            case LIST ->
                new GeneratorSpec(
                        e.path(),
                        list(e.list(), e.path()),
                        e.matrix(),
                        e.merge(),
                        e.plugin(),
                        e.others(),
                        e.selector());
            case PLUGIN ->
                new GeneratorSpec(
                        e.path(),
                        e.list(),
                        e.matrix(),
                        e.merge(),
                        plugin(e.plugin(), e.path()),
                        e.others(),
                        e.selector());
            case MATRIX ->
                new GeneratorSpec(
                        e.path(),
                        e.list(),
                        matrix(e.matrix(), e.path()),
                        e.merge(),
                        e.plugin(),
                        e.others(),
                        e.selector());
            case MERGE ->
                new GeneratorSpec(
                        e.path(),
                        e.list(),
                        e.matrix(),
                        merge(e.merge(), e.path()),
                        e.plugin(),
                        e.others(),
                        e.selector());
            default -> e;
        };
    }

    private GeneratorSpec whole(GeneratorSpec e) throws GeneratorError {
        GeneratorSpec out = e;
        for (Kind kind : e.kinds()) {
            out = entry(out, kind);
        }
        return out;
    }

    private PluginSpec plugin(PluginSpec p, String path) throws GeneratorError {
        String name = string(p.configMapName(), path);
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : p.parameters().entries().entrySet()) {
            RawJson value = roundTrip((RawJson) e.getValue(), path);
            parameters.put(string(e.getKey(), path), value);
        }
        return new PluginSpec(
                name,
                TypedMap.of(TypedMap.Kind.PLUGIN_PARAMETERS, parameters),
                p.requeueAfterSeconds(),
                Templating.deepReplace(p.template(), this::replace, path + ".plugin.template"),
                values(p.values(), path));
    }

    private ListSpec list(ListSpec l, String path) throws GeneratorError {
        List<RawJson> elements = new ArrayList<>();
        for (RawJson element : l.elements()) {
            elements.add(roundTrip(element, path));
        }
        return new ListSpec(elements, Templating.deepReplace(l.template(), this::replace, path + ".list.template"));
    }

    private MatrixSpec matrix(MatrixSpec m, String path) throws GeneratorError {
        List<GeneratorSpec> children = new ArrayList<>();
        for (GeneratorSpec child : m.generators()) {
            children.add(whole(child));
        }
        return new MatrixSpec(children, Templating.deepReplace(m.template(), this::replace, path + ".matrix.template"));
    }

    private MergeSpec merge(MergeSpec m, String path) throws GeneratorError {
        List<GeneratorSpec> children = new ArrayList<>();
        for (GeneratorSpec child : m.generators()) {
            children.add(whole(child));
        }
        List<String> keys = new ArrayList<>();
        for (String key : m.mergeKeys()) {
            keys.add(string(key, path));
        }
        return new MergeSpec(
                children, keys, Templating.deepReplace(m.template(), this::replace, path + ".merge.template"));
    }

    /** The {@code Values} filter: pre-resolution with {@code missingkey=error}, forgiving missing keys. */
    private Map<String, String> values(Map<String, String> values, String path) throws GeneratorError {
        if (values == null) {
            return null;
        }
        List<String> options = new ArrayList<>();
        if (appSet.goTemplate()) {
            appSet.goTemplateOptions().stream()
                    .filter(o -> !o.startsWith("missingkey="))
                    .forEach(options::add);
            options.add("missingkey=error");
        } else {
            options.addAll(appSet.goTemplateOptions());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : GoValues.sortedKeys(values)) {
            String value = values.get(key);
            try {
                out.put(key, render.replace(value, params, appSet.goTemplate(), options));
            } catch (TemplateException e) {
                if (!Render.isMissingKeyError(e.getMessage())) {
                    throw new GeneratorError(
                            "failed to pre-resolve Values key " + GoValues.quote(key) + ": " + e.getMessage());
                }
                out.put(key, value);
            } catch (UnsupportedTemplateException e) {
                throw new UnsupportedSpecException(path + ".plugin.values." + key + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The Raw case of {@code deeplyReplaceWithFilter}. */
    private RawJson roundTrip(RawJson raw, String path) throws GeneratorError {
        Object decoded;
        try {
            decoded = raw.raw().isEmpty() ? null : GoValues.fromJson(Json.MAPPER.readTree(raw.raw()));
        } catch (JsonProcessingException e) {
            throw new GeneratorError("failed to unmarshal JSON field: " + e.getOriginalMessage());
        }
        try {
            return new RawJson(GoValues.marshal(deep(decoded, path), true));
        } catch (GeneratorError e) {
            throw e.wrap("failed to deeply replace JSON field contents");
        }
    }

    private Object deep(Object value, String path) throws GeneratorError {
        if (value instanceof String s) {
            return string(s, path);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() == null) {
                    continue; // a nil interface in a map is skipped by Go's deep copy
                }
                Object v = deep(e.getValue(), path);
                out.put(string((String) e.getKey(), path), v);
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object element : list) {
                out.add(deep(element, path));
            }
            return out;
        }
        return value;
    }

    private String string(String s, String path) throws GeneratorError {
        try {
            return replace(s);
        } catch (TemplateException e) {
            throw new GeneratorError(e.getMessage());
        } catch (UnsupportedTemplateException e) {
            throw new UnsupportedSpecException(path + ": " + e.getMessage(), e);
        }
    }

    private String replace(String s) throws TemplateException {
        return render.replace(s, params, appSet.goTemplate(), appSet.goTemplateOptions());
    }
}
