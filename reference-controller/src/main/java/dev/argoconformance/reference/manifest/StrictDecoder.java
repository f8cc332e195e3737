package dev.argoconformance.reference.manifest;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a {@link YamlTree} into Go types the way {@code sigs.k8s.io/yaml.UnmarshalStrict} does: YAML becomes
 * JSON (keys sorted, scalars coerced to strings where Go wants a string), then {@code encoding/json} with
 * {@code DisallowUnknownFields} walks it. Like Go it keeps going after an unknown field or a type mismatch and
 * reports the first one, but stops at once when a {@code Quantity}, {@code IntOrString} or {@code Time} refuses
 * its value. The message adds what Go leaves out: the full path with indexes and the line.
 */
final class StrictDecoder {

    private static final String ARGO_PREFIX = "error unmarshaling JSON: while decoding JSON: ";

    /** Why the old manifest forms fail, keyed by path, so the error says what to write instead. */
    private static final Map<String, String> HINTS = Map.of(
            "spec.container", "since Argo v3.3 the container goes under spec.sidecar.container",
            "spec.description",
                    "Argo has no description field; put it in the annotation workflows.argoproj.io/description",
            "spec.address", "executor plugins have no address; Argo uses http://localhost:<first containerPort>");

    private record Failure(String argoText, String explanation, int line) {}

    private static final class Fatal extends Exception {
        final transient Failure failure;

        Fatal(Failure failure) {
            super(failure.argoText(), null, false, false);
            this.failure = failure;
        }
    }

    /** What Go calls the JSON value in {@code cannot unmarshal X into ...}. */
    private static String jsonKind(YamlTree.Node node) {
        return switch (node) {
            case YamlTree.Mapping m -> "object";
            case YamlTree.Sequence s -> "array";
            case YamlTree.Scalar s ->
                switch (s.value()) {
                    case String str -> "string";
                    case Boolean b -> "bool";
                    case null -> "null";
                    default -> "number";
                };
        };
    }

    private final String source;
    private final Deque<String> goFieldStack = new ArrayDeque<>();
    private GoType.Struct goStruct;
    private Failure saved;

    private StrictDecoder(String source) {
        this.source = source;
    }

    /** Decodes {@code root} (null for an empty document) into a new {@code type}. */
    static GoObject decode(YamlTree.Node root, GoType.Struct type, String source, String pathPrefix)
            throws ManifestException {
        StrictDecoder decoder = new StrictDecoder(source);
        GoObject result = new GoObject(type);
        try {
            if (root != null) {
                decoder.decode(type, root, result, pathPrefix);
            }
        } catch (Fatal fatal) {
            throw decoder.exception(fatal.failure);
        }
        if (decoder.saved != null) {
            throw decoder.exception(decoder.saved);
        }
        return result;
    }

    private ManifestException exception(Failure failure) {
        return new ManifestException(source + " line " + failure.line() + ": " + failure.explanation() + " (Argo: "
                + ARGO_PREFIX + failure.argoText() + ")");
    }

    private Object decode(GoType type, YamlTree.Node node, Object current, String path) throws Fatal {
        if (node instanceof YamlTree.Scalar scalar && scalar.value() == null) {
            return decodeNull(type, current);
        }
        return switch (type) {
            case GoType.Pointer pointer ->
                decode(pointer.elem(), node, current != null ? current : GoObject.zero(pointer.elem()), path);
            case GoType.Str str ->
                node instanceof YamlTree.Scalar s ? asString(s.value()) : typeError(node, type, path, current);
            case GoType.Int integer -> decodeInt(integer, node, path, current);
            case GoType.Bool bool ->
                node instanceof YamlTree.Scalar s && s.value() instanceof Boolean b
                        ? b
                        : typeError(node, type, path, current);
            case GoType.Quantity quantity -> decodeQuantity(node, path);
            case GoType.IntOrString intOrString -> decodeIntOrString(node, path);
            case GoType.Time time -> decodeTime(node, path);
            case GoType.Raw raw -> plain(node);
            case GoType.Slice slice -> decodeSlice(slice, node, current, path);
            case GoType.GoMap map -> decodeMap(map, node, current, path);
            case GoType.Struct struct -> decodeStruct(struct, node, (GoObject) current, path);
        };
    }

    /** JSON null clears pointers, slices and maps, resets the custom types, and leaves everything else alone. */
    private static Object decodeNull(GoType type, Object current) {
        return switch (type) {
            case GoType.Pointer p -> null;
            case GoType.Slice s -> null;
            case GoType.GoMap m -> null;
            case GoType.Raw r -> null;
            case GoType.Quantity q -> GoQuantity.ZERO;
            case GoType.Time t -> GoObject.GoTime.ZERO;
            case GoType.IntOrString ios -> current instanceof Integer ? current : 0;
            default -> current;
        };
    }

    /** {@code sigs.k8s.io/yaml} turns numbers and booleans into text when the Go field is a string. */
    private static String asString(Object value) {
        return switch (value) {
            case String s -> s;
            case Boolean b -> b.toString();
            case Double d -> GoYamlScalars.formatG(d, 32);
            default -> value.toString();
        };
    }

    private Object decodeInt(GoType.Int type, YamlTree.Node node, String path, Object current) {
        if (!(node instanceof YamlTree.Scalar scalar) || !(isNumber(scalar.value()))) {
            return typeError(node, type, path, current);
        }
        String text = jsonNumber(scalar.value());
        Long value = parseInt(text, type.bits());
        if (value == null) {
            return typeError("number " + text, node.line(), type, path, current);
        }
        return value;
    }

    private static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof BigInteger || value instanceof Double;
    }

    /** The number as Go's JSON encoder wrote it in the intermediate JSON document. */
    private static String jsonNumber(Object value) {
        return value instanceof Double d ? GoYamlScalars.formatJson(d) : value.toString();
    }

    /** {@code strconv.ParseInt(text, 10, 64)} then the overflow check for the field's size. */
    private static Long parseInt(String text, int bits) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
        if (bits == 32 && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            return null;
        }
        return value;
    }

    private GoQuantity decodeQuantity(YamlTree.Node node, String path) throws Fatal {
        String text = switch (node) {
            case YamlTree.Scalar s when s.value() instanceof String str -> str.strip();
            case YamlTree.Scalar s when isNumber(s.value()) -> jsonNumber(s.value());
            case YamlTree.Scalar s -> String.valueOf(s.value());
            default -> "{...}";
        };
        try {
            return GoQuantity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Fatal(new Failure(
                    e.getMessage(), display(path) + " is not a Kubernetes quantity: \"" + text + "\"", node.line()));
        }
    }

    private Object decodeIntOrString(YamlTree.Node node, String path) throws Fatal {
        if (node instanceof YamlTree.Scalar scalar) {
            if (scalar.value() instanceof String s) {
                return s;
            }
            if (isNumber(scalar.value())) {
                String text = jsonNumber(scalar.value());
                Long value = parseInt(text, 32);
                if (value != null) {
                    return value.intValue();
                }
                throw fatalTypeError("number " + text, node.line(), "int32", path);
            }
        }
        throw fatalTypeError(jsonKind(node), node.line(), "int32", path);
    }

    private GoObject.GoTime decodeTime(YamlTree.Node node, String path) throws Fatal {
        if (!(node instanceof YamlTree.Scalar scalar && scalar.value() instanceof String text)) {
            throw fatalTypeError(jsonKind(node), node.line(), "string", path);
        }
        try {
            OffsetDateTime.parse(text);
            return new GoObject.GoTime(text);
        } catch (DateTimeParseException e) {
            throw new Fatal(new Failure(
                    "parsing time \"" + text + "\" as \"2006-01-02T15:04:05Z07:00\"",
                    display(path) + " is not an RFC 3339 time: \"" + text + "\"",
                    node.line()));
        }
    }

    private Object decodeSlice(GoType.Slice type, YamlTree.Node node, Object current, String path) throws Fatal {
        if (!(node instanceof YamlTree.Sequence sequence)) {
            return typeError(node, type, path, current);
        }
        List<?> existing = current instanceof List<?> l ? l : List.of();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            // Go decodes into the elements already there, which only matters when a key repeats in another case.
            Object base = i < existing.size() ? existing.get(i) : GoObject.zero(type.elem());
            out.add(decode(type.elem(), sequence.items().get(i), base, path + "[" + i + "]"));
        }
        return out;
    }

    private Object decodeMap(GoType.GoMap type, YamlTree.Node node, Object current, String path) throws Fatal {
        if (!(node instanceof YamlTree.Mapping mapping)) {
            return typeError(node, type, path, current);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (current instanceof Map<?, ?> existing) {
            existing.forEach((k, v) -> out.put((String) k, v));
        }
        for (YamlTree.Entry entry : sorted(mapping)) {
            Object value = decode(type.elem(), entry.value(), GoObject.zero(type.elem()), path + "." + entry.key());
            out.put(entry.key(), value);
        }
        return out;
    }

    private Object decodeStruct(GoType.Struct type, YamlTree.Node node, GoObject current, String path) throws Fatal {
        if (!(node instanceof YamlTree.Mapping mapping)) {
            return typeError(node, type, path, current);
        }
        List<GoObject.FieldRef> fields = GoObject.fields(type);
        for (YamlTree.Entry entry : sorted(mapping)) {
            String childPath = path.isEmpty() ? entry.key() : path + "." + entry.key();
            GoObject.FieldRef ref = find(fields, entry.key());
            if (ref == null) {
                unknownField(entry, childPath, fields);
                continue;
            }
            GoType.Field field = ref.field();
            int depth = goFieldStack.size();
            GoType.Struct outer = goStruct;
            goFieldStack.addAll(ref.embeddedIn());
            goFieldStack.addLast(field.jsonName());
            goStruct = type;
            try {
                Object existing = current.values.get(field.jsonName());
                Object base = existing != null || field.type() instanceof GoType.Pointer
                        ? existing
                        : GoObject.zero(field.type());
                Object value = decode(
                        field.type(),
                        entry.value(),
                        base,
                        path.isEmpty() ? field.jsonName() : path + "." + field.jsonName());
                if (value == null) {
                    current.values.remove(field.jsonName());
                } else {
                    current.values.put(field.jsonName(), value);
                }
            } finally {
                while (goFieldStack.size() > depth) {
                    goFieldStack.removeLast();
                }
                goStruct = outer;
            }
        }
        return current;
    }

    /** JSON objects reach Go with their keys sorted, which decides which error Go reports first. */
    private static List<YamlTree.Entry> sorted(YamlTree.Mapping mapping) {
        List<YamlTree.Entry> entries = new ArrayList<>(mapping.entries());
        entries.sort(Comparator.comparing(YamlTree.Entry::key, StrictDecoder::compareUtf8));
        return entries;
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** {@code encoding/json} prefers the exact name and accepts any case. */
    private static GoObject.FieldRef find(List<GoObject.FieldRef> fields, String key) {
        for (GoObject.FieldRef ref : fields) {
            if (ref.field().jsonName().equals(key)) {
                return ref;
            }
        }
        for (GoObject.FieldRef ref : fields) {
            if (ref.field().jsonName().equalsIgnoreCase(key)) {
                return ref;
            }
        }
        return null;
    }

    private void unknownField(YamlTree.Entry entry, String path, List<GoObject.FieldRef> fields) {
        StringBuilder explanation = new StringBuilder("unknown field \"" + path + "\"");
        String hint = HINTS.get(path);
        if (hint != null) {
            explanation.append("; ").append(hint);
        } else {
            String near = nearest(entry.key(), fields);
            if (near != null) {
                explanation.append("; did you mean \"").append(near).append("\"?");
            }
        }
        save(new Failure("json: unknown field \"" + entry.key() + "\"", explanation.toString(), entry.line()));
    }

    private static String nearest(String key, List<GoObject.FieldRef> fields) {
        String best = null;
        int bestDistance = 3;
        for (GoObject.FieldRef ref : fields) {
            int d = distance(key.toLowerCase(), ref.field().jsonName().toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = ref.field().jsonName();
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                row[j] = Math.min(Math.min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = row;
            row = t;
        }
        return previous[b.length()];
    }

    private Object typeError(YamlTree.Node node, GoType type, String path, Object current) {
        return typeError(jsonKind(node), node.line(), type, path, current);
    }

    /** A saved {@code UnmarshalTypeError}: Go keeps decoding and the field keeps its old value. */
    private Object typeError(String value, int line, GoType type, String path, Object current) {
        save(new Failure(goTypeError(value, type.goName()), explainType(value, type.goName(), path), line));
        return current;
    }

    private Fatal fatalTypeError(String value, int line, String goType, String path) {
        return new Fatal(new Failure(goTypeError(value, goType), explainType(value, goType, path), line));
    }

    private String goTypeError(String value, String goType) {
        if (goStruct == null && goFieldStack.isEmpty()) {
            return "json: cannot unmarshal " + value + " into Go value of type " + goType;
        }
        return "json: cannot unmarshal " + value + " into Go struct field " + goStruct.name() + "."
                + String.join(".", goFieldStack) + " of type " + goType;
    }

    private static String explainType(String value, String goType, String path) {
        String what = switch (value) {
            case "object", "array" -> "an " + value;
            case "string", "bool", "number", "null" -> "a " + value;
            default -> "the " + value; // "number 1.5"
        };
        return display(path) + " is " + what + ", but Argo expects " + goType;
    }

    private static String display(String path) {
        return path.isEmpty() ? "the document" : path;
    }

    private void save(Failure failure) {
        if (saved == null) {
            saved = failure;
        }
    }

    /** A YAML subtree as plain Java values, for fields Go keeps raw. */
    private static Object plain(YamlTree.Node node) {
        return switch (node) {
            case YamlTree.Scalar s -> s.value();
            case YamlTree.Sequence s ->
                s.items().stream().map(StrictDecoder::plain).toList();
            case YamlTree.Mapping m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.entries().forEach(e -> out.put(e.key(), plain(e.value())));
                yield out;
            }
        };
    }
}
