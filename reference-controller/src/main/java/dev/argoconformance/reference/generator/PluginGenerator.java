package dev.argoconformance.reference.generator;

import dev.argoconformance.reference.generator.GeneratorSpec.PluginSpec;
import dev.argoconformance.reference.generator.gotext.GoStrings;
import dev.argoconformance.reference.generator.gotext.GoValues;
import dev.argoconformance.reference.generator.gotext.Render;
import dev.argoconformance.reference.generator.gotext.TemplateException;
import dev.argoconformance.reference.generator.gotext.TypedMap;
import dev.argoconformance.reference.generator.gotext.UnsupportedTemplateException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo CD's {@code PluginGenerator} ({@code applicationset/generators/plugin.go}): read the ConfigMap and the token,
 * call the plugin, and turn each returned object into a parameter set.
 */
final class PluginGenerator {

    /** {@code common.ArgoCDSecretName}. */
    static final String ARGOCD_SECRET = "argocd-secret";
    /** {@code DefaultPluginRequeueAfter}. */
    static final Duration DEFAULT_REQUEUE_AFTER = Duration.ofMinutes(30);

    private final ConfigSource config;
    private final String namespace;

    /** @param namespace the controller's namespace: Argo reads ConfigMap and Secret there, never in the AppSet's */
    PluginGenerator(ConfigSource config, String namespace) {
        this.config = config;
        this.namespace = namespace;
    }

    /** {@code GenerateParams}. */
    List<Map<String, Object>> generate(PluginSpec spec, ApplicationSet appSet, Observations seen)
            throws GeneratorError {
        PluginService service;
        try {
            service = service(spec, appSet.name(), seen);
        } catch (GeneratorError e) {
            throw e.wrap("error getting plugin from generator");
        }
        PluginReplyDecoder.Decoded reply;
        try {
            reply = service.list(appSet.name(), spec.parameters());
        } catch (GeneratorError e) {
            GeneratorError wrapped = e.wrap("error listing params");
            seen.reply(new PluginReply(spec.configMapName(), ReplyShape.ERROR, wrapped.getMessage(), 0));
            throw wrapped;
        }
        seen.reply(new PluginReply(spec.configMapName(), reply.shape(), reply.detail(), reply.count()));
        if (reply.shape() == ReplyShape.SILENT_EMPTY) {
            seen.note(Notes.silentEmpty(spec.configMapName(), reply.detail()));
        }
        try {
            return parameterSets(
                    reply.parameters() == null ? List.of() : reply.parameters(), spec, appSet, seen.render);
        } catch (GeneratorError e) {
            throw e.wrap("error generating params");
        }
    }

    /** {@code getPluginFromGenerator}: ConfigMap, then token, then requestTimeout. */
    private PluginService service(PluginSpec spec, String appSetName, Observations seen) throws GeneratorError {
        Map<String, String> cm;
        try {
            cm = configMap(spec.configMapName());
        } catch (GeneratorError e) {
            throw e.wrap("error fetching ConfigMap");
        }
        String token;
        try {
            token = token(spec.configMapName(), cm.get("token"), seen);
        } catch (GeneratorError e) {
            throw e.wrap("error fetching Secret token");
        }
        return new PluginService(spec.configMapName(), cm.get("baseUrl"), token, requestTimeout(cm), seen);
    }

    /**
     * The client timeout from the ConfigMap's {@code requestTimeout}: absent or {@code "0"} is the 30 s default (only a
     * non-zero value overrides it); otherwise {@code strconv.Atoi} seconds, multiplied with Go's wrap-around. A result
     * of zero or less means no timeout at all, as for Go's {@code http.Client} [infer].
     */
    static Duration requestTimeout(Map<String, String> cm) throws GeneratorError {
        long seconds = 0;
        if (cm.containsKey("requestTimeout")) { // present but empty is an Atoi error, as in Go
            try {
                seconds = GoStrings.atoi(cm.get("requestTimeout"));
            } catch (GoStrings.NumberException e) {
                throw new GeneratorError("error set requestTimeout : " + e.getMessage());
            }
        }
        return seconds == 0 ? PluginService.DEFAULT_TIMEOUT : Duration.ofNanos(seconds * 1_000_000_000L);
    }

    private Map<String, String> configMap(String name) throws GeneratorError {
        Optional<Map<String, String>> data;
        try {
            data = config.configMapData(namespace, name);
        } catch (ConfigSource.LookupException e) {
            throw new GeneratorError(e.getMessage());
        }
        if (data.isEmpty()) {
            throw new GeneratorError("configmaps " + GoValues.quote(name) + " not found");
        }
        Map<String, String> cm = data.get();
        if (cm.getOrDefault("baseUrl", "").isEmpty()) {
            throw new GeneratorError("baseUrl not found in ConfigMap");
        }
        if (cm.getOrDefault("token", "").isEmpty()) {
            throw new GeneratorError("token not found in ConfigMap");
        }
        return cm;
    }

    /** {@code getToken}, {@code ParseSecretKey} and {@code settings.ReplaceStringSecret}. */
    private String token(String configMap, String reference, Observations seen) throws GeneratorError {
        if (reference.isEmpty() || !reference.startsWith("$")) {
            throw new GeneratorError(
                    "token is empty, or does not reference a secret key starting with '$': " + reference);
        }
        String secretName;
        String key;
        if (reference.contains(":")) {
            String[] parts =
                    reference.split(":", -1); // anything after a second colon is dropped, as Go's Split()[1] does
            secretName = parts[0].substring(1);
            key = "$" + parts[1];
        } else {
            secretName = ARGOCD_SECRET;
            key = reference;
        }
        Optional<Map<String, byte[]>> secret;
        try {
            secret = config.secretData(namespace, secretName);
        } catch (ConfigSource.LookupException e) {
            throw new GeneratorError("error fetching secret " + namespace + "/" + secretName + ": " + e.getMessage());
        }
        if (secret.isEmpty()) {
            throw new GeneratorError("error fetching secret " + namespace + "/" + secretName + ": secrets "
                    + GoValues.quote(secretName) + " not found");
        }
        String secretKey = key.substring(1);
        byte[] value = secret.get().get(secretKey);
        String where = namespace + "/" + secretName;
        if (value == null) {
            seen.note(Notes.tokenLiteral(configMap, where, secretKey, key));
            return key; // the silent fallback: the reference itself becomes the token
        }
        String token = GoStrings.trimSpace(new String(value, StandardCharsets.UTF_8));
        if (token.isEmpty()) {
            seen.note(Notes.tokenEmpty(configMap, where, secretKey));
        }
        return token;
    }

    /**
     * {@code generateParams}: goTemplate keeps the object's top-level keys with their JSON types; fasttemplate flattens
     * it ({@code a.b.c}, {@code a.0}; empty maps and lists vanish) and prints every leaf with {@code %v}. Then
     * {@code generator} is set (overwriting) and, when the spec has values, {@code values} are rendered and added.
     */
    private static List<Map<String, Object>> parameterSets(
            List<Map<String, Object>> objects, PluginSpec spec, ApplicationSet appSet, Render render)
            throws GeneratorError {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Map<String, Object> object : objects) {
            Map<String, Object> params = new LinkedHashMap<>();
            if (object != null) {
                if (appSet.goTemplate()) {
                    params.putAll(object);
                } else {
                    Map<String, Object> flat = new LinkedHashMap<>();
                    flatten(object, "", true, flat);
                    flat.forEach((k, v) -> params.put(k, GoValues.print(v)));
                }
            }
            Map<String, Object> generator = new LinkedHashMap<>();
            generator.put("input", TypedMap.of(TypedMap.Kind.PLUGIN_INPUT, Map.of("parameters", spec.parameters())));
            params.put("generator", generator);
            appendTemplatedValues(spec.values(), params, appSet, render);
            out.add(params);
        }
        return out;
    }

    /** {@code jeremywohl/flatten} with DotStyle: maps and lists recurse, everything else is a leaf. */
    private static void flatten(Object nested, String prefix, boolean top, Map<String, Object> out) {
        if (nested instanceof Map<?, ?> map) {
            map.forEach((k, v) -> assign(top ? (String) k : prefix + "." + k, v, out));
        } else if (nested instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assign(top ? String.valueOf(i) : prefix + "." + i, list.get(i), out);
            }
        }
    }

    private static void assign(String key, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            flatten(value, key, false, out);
        } else {
            out.put(key, value);
        }
    }

    /**
     * {@code appendTemplatedValues} (value_interpolation.go): each value is rendered against the parameters built so
     * far (never against the other values), then goTemplate replaces {@code values} whole with a
     * {@code map[string]string}, fasttemplate writes {@code values.<k>} keys.
     */
    static void appendTemplatedValues(
            Map<String, String> values, Map<String, Object> params, ApplicationSet appSet, Render render)
            throws GeneratorError {
        if (values == null || values.isEmpty()) {
            return;
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        Map<String, Object> tmp = new LinkedHashMap<>();
        for (String key : GoValues.sortedKeys(values)) {
            String result;
            try {
                result = render.replace(values.get(key), params, appSet.goTemplate(), appSet.goTemplateOptions());
            } catch (TemplateException e) {
                throw new GeneratorError(
                        "failed to replace templated string: failed to replace templated string with rendered values: "
                                + e.getMessage());
            } catch (UnsupportedTemplateException e) {
                throw new UnsupportedSpecException("values." + key + ": " + e.getMessage(), e);
            }
            if (appSet.goTemplate()) {
                rendered.put(key, result);
            } else {
                tmp.put("values." + key, result);
            }
        }
        if (appSet.goTemplate()) {
            tmp.put("values", TypedMap.of(TypedMap.Kind.STRING_MAP, rendered));
        }
        params.putAll(tmp);
    }

    /** {@code GetRequeueAfter}. */
    static Duration requeueAfter(PluginSpec spec) {
        return spec.requeueAfterSeconds() == null
                ? DEFAULT_REQUEUE_AFTER
                : Duration.ofNanos(spec.requeueAfterSeconds() * 1_000_000_000L);
    }
}
