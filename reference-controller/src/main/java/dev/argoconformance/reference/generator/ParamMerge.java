package dev.argoconformance.reference.generator;

import dev.argoconformance.reference.generator.gotext.GoValues;
import dev.argoconformance.reference.generator.gotext.TypedMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** How Argo CD combines two parameter sets: mergo in goTemplate mode, string maps in fasttemplate mode. */
final class ParamMerge {

    private ParamMerge() {}

    /**
     * {@code mergo.Merge(&dst, src, mergo.WithOverride)} on {@code map[string]any} (dario.cat/mergo v1.0.2), into a
     * copy: a nil {@code src} value overwrites; a map merges key by key into a non-empty map of {@code dst} and replaces
     * anything else; every other value (lists, strings, even empty ones) overwrites.
     */
    static Map<String, Object> mergoOverride(Map<String, Object> dst, Map<String, Object> src) {
        Map<String, Object> out = new LinkedHashMap<>();
        dst.forEach((k, v) -> out.put(k, GoValues.deepCopy(v)));
        src.forEach((key, value) -> out.put(key, mergeValue(out.get(key), value)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object dst, Object src) {
        if (src instanceof Map<?, ?> srcMap) {
            if (dst instanceof Map<?, ?> dstMap && !dstMap.isEmpty()) {
                return mergoOverride((Map<String, Object>) dstMap, (Map<String, Object>) srcMap);
            }
            return GoValues.deepCopy(src);
        }
        if (src instanceof TypedMap srcTyped && !srcTyped.isNil()) {
            if (dst instanceof TypedMap dstTyped
                    && dstTyped.kind() == srcTyped.kind()
                    && !dstTyped.entries().isEmpty()) {
                Map<String, Object> merged = new LinkedHashMap<>(dstTyped.entries());
                srcTyped.entries().forEach((k, v) -> merged.put(k, mergeValue(merged.get(k), v)));
                return TypedMap.of(srcTyped.kind(), merged);
            }
            return src;
        }
        return GoValues.deepCopy(src); // nil, a nil typed map, scalars and lists overwrite
    }

    /**
     * {@code utils.CombineStringMaps}: both sides printed with {@code %v}; a key present in both with different strings
     * is an error. Go walks {@code b} in map order; this walks it sorted, so with several conflicts the one reported is
     * the first in key order.
     */
    static Map<String, Object> combineStringMaps(Map<String, Object> a, Map<String, Object> b) throws GeneratorError {
        Map<String, Object> out = new LinkedHashMap<>();
        a.forEach((k, v) -> out.put(k, GoValues.print(v)));
        for (String key : GoValues.sortedKeys(b)) {
            String value = GoValues.print(b.get(key));
            Object current = out.get(key);
            if (current != null && !current.equals(value)) {
                throw new GeneratorError(
                        "found duplicate key " + key + " with different value, a: " + current + " ,b: " + value);
            }
            out.put(key, value);
        }
        return out;
    }
}
