package dev.argoconformance.reference.generator.gotext;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Go map whose static type is not {@code map[string]interface{}}. A plain Java {@link Map} in a parameter set stands
 * for {@code map[string]interface{}}; these three types also appear there, and their type decides what Go prints for
 * a missing key, a nil map or an error message.
 *
 * <ul>
 *   <li>{@link Kind#STRING_MAP}: {@code map[string]string}, the {@code values} a goTemplate plugin generator adds.
 *   <li>{@link Kind#PLUGIN_PARAMETERS}: {@code v1alpha1.PluginParameters}, {@code map[string]apiextensionsv1.JSON}.
 *   <li>{@link Kind#PLUGIN_INPUT}: {@code map[string]v1alpha1.PluginParameters}, the {@code generator.input} entry.
 * </ul>
 */
public final class TypedMap {

    /** The Go types this reference needs; each knows its name and the zero value of its element. */
    public enum Kind {
        STRING_MAP("map[string]string", "string"),
        PLUGIN_PARAMETERS("v1alpha1.PluginParameters", "v1.JSON"),
        PLUGIN_INPUT("map[string]v1alpha1.PluginParameters", "v1alpha1.PluginParameters");

        private final String goType;
        private final String elementType;

        Kind(String goType, String elementType) {
            this.goType = goType;
            this.elementType = elementType;
        }

        public String goType() {
            return goType;
        }

        public String elementType() {
            return elementType;
        }

        /** {@code reflect.Zero} of the element type. */
        public Object zeroElement() {
            return switch (this) {
                case STRING_MAP -> "";
                case PLUGIN_PARAMETERS -> RawJson.NIL;
                case PLUGIN_INPUT -> TypedMap.nil(PLUGIN_PARAMETERS);
            };
        }
    }

    private final Kind kind;
    private final Map<String, Object> entries; // null: a nil map

    private TypedMap(Kind kind, Map<String, Object> entries) {
        this.kind = kind;
        this.entries = entries == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static TypedMap of(Kind kind, Map<String, ?> entries) {
        return new TypedMap(kind, entries == null ? Map.of() : new LinkedHashMap<>(entries));
    }

    /** A nil map of this type: it prints {@code map[]}, reads as empty, and still overwrites in a mergo merge. */
    public static TypedMap nil(Kind kind) {
        return new TypedMap(kind, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNil() {
        return entries == null;
    }

    /** The entries, empty for a nil map. */
    public Map<String, Object> entries() {
        return entries == null ? Map.of() : entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypedMap other && other.kind == kind && java.util.Objects.equals(other.entries, entries);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + java.util.Objects.hashCode(entries);
    }

    @Override
    public String toString() {
        return GoValues.print(this);
    }
}
