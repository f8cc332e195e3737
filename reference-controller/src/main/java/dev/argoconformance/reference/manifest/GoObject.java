package dev.argoconformance.reference.manifest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A decoded Go struct: the fields that were set, by JSON name (promoted fields of embedded structs included).
 * A field that is absent holds Go's zero value; an absent pointer, slice or map is nil. Values are String, Long,
 * Boolean, {@link GoQuantity}, Integer (an int {@code IntOrString}), {@link GoTime}, List, Map and GoObject.
 */
final class GoObject {

    /** A struct field as the decoder finds it, with the Go names of the embedded structs it was promoted from. */
    record FieldRef(GoType.Field field, List<String> embeddedIn) {}

    /** {@code metav1.Time}: {@code null} text is Go's zero time. */
    record GoTime(String rfc3339) {
        static final GoTime ZERO = new GoTime(null);

        /** Go marshals times in UTC to the second ({@code time.RFC3339}), the zero time as {@code null}. */
        String marshalled() {
            if (rfc3339 == null) {
                return null;
            }
            return OffsetDateTime.parse(rfc3339)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        }
    }

    private static final Map<GoType.Struct, List<FieldRef>> FIELDS = new ConcurrentHashMap<>();

    final GoType.Struct type;
    final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

    GoObject(GoType.Struct type) {
        this.type = type;
    }

    Object get(String jsonName) {
        return values.get(jsonName);
    }

    /** A struct-valued field; an absent one is its zero value, which is not stored. */
    GoObject object(String jsonName) {
        Object value = values.get(jsonName);
        return value != null ? (GoObject) value : (GoObject) zero(fieldType(type, jsonName));
    }

    /** Like {@link #object} but keeps the zero value, for callers about to change it. */
    GoObject objectForUpdate(String jsonName) {
        return (GoObject) values.computeIfAbsent(jsonName, name -> zero(fieldType(type, name)));
    }

    static GoType fieldType(GoType.Struct struct, String jsonName) {
        for (FieldRef ref : fields(struct)) {
            if (ref.field().jsonName().equals(jsonName)) {
                GoType t = ref.field().type();
                return t instanceof GoType.Pointer p ? p.elem() : t;
            }
        }
        throw new IllegalArgumentException(struct + " has no field " + jsonName);
    }

    /** The struct's JSON fields in declaration order, embedded structs flattened. */
    static List<FieldRef> fields(GoType.Struct struct) {
        return FIELDS.computeIfAbsent(struct, s -> {
            List<FieldRef> out = new ArrayList<>();
            collect(s, List.of(), out);
            return List.copyOf(out);
        });
    }

    private static void collect(GoType.Struct struct, List<String> embeddedIn, List<FieldRef> out) {
        for (GoType.Field field : struct.fields()) {
            if (field.inline()) {
                GoType.Struct inner = (GoType.Struct) field.type();
                List<String> path = new ArrayList<>(embeddedIn);
                path.add(inner.name());
                collect(inner, List.copyOf(path), out);
            } else {
                out.add(new FieldRef(field, embeddedIn));
            }
        }
    }

    GoObject deepCopy() {
        GoObject copy = new GoObject(type);
        values.forEach((k, v) -> copy.values.put(k, copyOf(v)));
        return copy;
    }

    private static Object copyOf(Object value) {
        return switch (value) {
            case GoObject o -> o.deepCopy();
            case List<?> list ->
                new ArrayList<>(list.stream().map(GoObject::copyOf).toList());
            case Map<?, ?> map -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                map.forEach((k, v) -> m.put(k, copyOf(v)));
                yield m;
            }
            case null -> null;
            default -> value;
        };
    }

    /** Go's zero value of a type, as stored here: nil pointers, slices and maps are null. */
    static Object zero(GoType type) {
        return switch (type) {
            case GoType.Str s -> "";
            case GoType.Int i -> 0L;
            case GoType.Bool b -> false;
            case GoType.Quantity q -> GoQuantity.ZERO;
            case GoType.IntOrString ios -> 0;
            case GoType.Time t -> GoTime.ZERO;
            case GoType.Struct s -> new GoObject(s);
            case GoType.Raw r -> null;
            case GoType.Pointer p -> null;
            case GoType.Slice s -> null;
            case GoType.GoMap m -> null;
        };
    }

    /**
     * What {@code encoding/json} writes for this value, as a plain tree (LinkedHashMap, List, String, Long,
     * Boolean, null) ready for {@link GoYamlWriter}. {@code omitempty} drops empty strings, zeros, false, nil and
     * empty slices and maps, never structs; fields without it are always written, zero or not.
     */
    static Object marshal(GoType type, Object value) {
        if (value == null) {
            return switch (type) {
                case GoType.Pointer p -> null;
                case GoType.Slice s -> null;
                case GoType.GoMap m -> null;
                case GoType.Raw r -> null;
                default -> marshal(type, zero(type));
            };
        }
        return switch (type) {
            case GoType.Str s -> value;
            case GoType.Int i -> value;
            case GoType.Bool b -> value;
            case GoType.Quantity q -> value.toString();
            case GoType.IntOrString ios -> value instanceof Integer n ? (Object) n.longValue() : value;
            case GoType.Time t -> ((GoTime) value).marshalled();
            case GoType.Raw r -> value;
            case GoType.Pointer p -> marshal(p.elem(), value);
            case GoType.Slice s ->
                ((List<?>) value).stream().map(v -> marshal(s.elem(), v)).toList();
            case GoType.GoMap m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, marshal(m.elem(), v)));
                yield out;
            }
            case GoType.Struct s -> {
                GoObject object = (GoObject) value;
                Map<String, Object> out = new LinkedHashMap<>();
                for (FieldRef ref : fields(s)) {
                    GoType.Field field = ref.field();
                    Object v = object.values.get(field.jsonName());
                    // omitzero is ignored: only ObjectMeta.creationTimestamp has it, and no ObjectMeta is marshalled
                    // from here (PluginBuild writes the ConfigMap's metadata itself).
                    if (!field.alwaysEmitted() && isEmpty(field.type(), v)) {
                        continue;
                    }
                    out.put(field.jsonName(), marshal(field.type(), v));
                }
                yield out;
            }
        };
    }

    /** Go's {@code isEmptyValue}, which {@code omitempty} consults; structs are never empty. */
    private static boolean isEmpty(GoType type, Object value) {
        return switch (type) {
            case GoType.Str s -> value == null || ((String) value).isEmpty();
            case GoType.Int i -> value == null || (Long) value == 0L;
            case GoType.Bool b -> value == null || !(Boolean) value;
            case GoType.Pointer p -> value == null;
            case GoType.Slice s -> value == null || ((List<?>) value).isEmpty();
            case GoType.GoMap m -> value == null || ((Map<?, ?>) value).isEmpty();
            case GoType.Raw r -> value == null;
            default -> false;
        };
    }
}
