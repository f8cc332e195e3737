package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.argoconformance.reference.generator.gotext.TemplateException;
import dev.argoconformance.reference.generator.gotext.UnsupportedTemplateException;
import java.util.Map;

/**
 * {@code Render.deeplyReplace} over a typed block held as a JsonNode (an Application template, a generator's own
 * template): every string leaf and every object key rendered with the same parameters, in document order, stopping
 * at the first error. Keys of Go struct fields are rendered too; they hold no template syntax, so that changes nothing.
 * Null entries are dropped, as Go's deep copy skips nil map values.
 */
final class Templating {

    /** One string rendered; {@link TemplateException} carries Argo's message. */
    @FunctionalInterface
    interface Replace {
        String apply(String template) throws TemplateException;
    }

    private Templating() {}

    static JsonNode deepReplace(JsonNode node, Replace replace, String path) throws GeneratorError {
        try {
            return walk(node, replace);
        } catch (TemplateException e) {
            throw new GeneratorError(e.getMessage());
        } catch (UnsupportedTemplateException e) {
            throw new UnsupportedSpecException(path + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode walk(JsonNode node, Replace replace) throws TemplateException {
        if (node.isTextual()) {
            return TextNode.valueOf(replace.apply(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isNull()) {
                    continue;
                }
                JsonNode value = walk(e.getValue(), replace);
                out.set(replace.apply(e.getKey()), value);
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                out.add(walk(element, replace));
            }
            return out;
        }
        return node.deepCopy();
    }

    /**
     * {@code mergo.Merge(generatorTemplate, appSetTemplate)} without override: fields the generator's template leaves
     * empty ({@code ""}, 0, false, null, empty list or map) are filled from the ApplicationSet's template; objects merge
     * field by field.
     */
    static JsonNode mergeTemplates(JsonNode generatorTemplate, JsonNode base) {
        ObjectNode dst = generatorTemplate.isObject()
                ? ((ObjectNode) generatorTemplate).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        fill(dst, base);
        return dst;
    }

    private static void fill(ObjectNode dst, JsonNode src) {
        for (Map.Entry<String, JsonNode> e : src.properties()) {
            JsonNode current = dst.get(e.getKey());
            if (current != null && current.isObject() && e.getValue().isObject()) {
                fill((ObjectNode) current, e.getValue());
            } else if (isEmpty(current)) {
                dst.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static boolean isEmpty(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return true;
        }
        if (node.isTextual()) {
            return node.textValue().isEmpty();
        }
        if (node.isBoolean()) {
            return !node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue() == 0;
        }
        return node.isContainerNode() && node.isEmpty();
    }
}
