package dev.argoconformance.reference.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * RFC 7386 JSON merge patch, as {@code util/patch/obj.go} applies a plugin's reply ({@code jsonpatch.MergePatch}):
 * objects merge key by key, {@code null} deletes, anything else replaces.
 */
public final class MergePatch {

    private MergePatch() {}

    /** A copy of {@code target} with {@code patch} merged in; a patch that is not an object replaces the target. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null) {
            return target == null ? null : target.deepCopy();
        }
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : new ObjectNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance);
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getValue().isNull()) {
                out.remove(field.getKey());
            } else {
                out.set(field.getKey(), apply(out.get(field.getKey()), field.getValue()));
            }
        }
        return out;
    }

    /** Two patches as one: applying the result equals applying {@code first}, then {@code second} (null deletions kept). */
    static ObjectNode combine(ObjectNode first, ObjectNode second) {
        ObjectNode out = first.deepCopy();
        for (Map.Entry<String, JsonNode> field : second.properties()) {
            JsonNode mine = out.get(field.getKey());
            if (field.getValue().isObject() && mine != null && mine.isObject()) {
                out.set(field.getKey(), combine((ObjectNode) mine, (ObjectNode) field.getValue()));
            } else {
                out.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return out;
    }
}
