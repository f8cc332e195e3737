package dev.argoconformance.reference.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argo's simple template substitution: every {@code {{tag}}} (spaces around the tag allowed) whose tag is a known
 * variable is replaced by its value, in every string of a template, keys included, as Argo does on the template's
 * JSON text. Tags that are not known are left as they are and reported, so the caller decides whether that is an
 * error now or a reference to something that will exist later ({@code steps.a.outputs.parameters.p}).
 * Expression tags ({@code {{=…}}}) are never resolved: the runner does not evaluate expressions.
 */
final class Substitution {

    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

    private Substitution() {}

    static String apply(String text, Map<String, String> vars, Set<String> unresolved) {
        if (text.indexOf("{{") < 0) {
            return text;
        }
        Matcher m = TAG.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String tag = m.group(1).strip();
            String value = tag.startsWith("=") ? null : vars.get(tag);
            if (value == null) {
                unresolved.add(tag);
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A substituted deep copy of {@code node}. */
    static JsonNode apply(JsonNode node, Map<String, String> vars, Set<String> unresolved) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(apply(node.textValue(), vars, unresolved));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.set(apply(field.getKey(), vars, unresolved), apply(field.getValue(), vars, unresolved));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(apply(element, vars, unresolved)));
            return out;
        }
        return node.deepCopy();
    }

    /** The node message Argo gives a tag it cannot resolve. */
    static String failure(String tag) {
        String message = "failed to resolve {{" + tag + "}}";
        return tag.startsWith("=") ? message + ": the reference runner does not evaluate expression tags" : message;
    }
}
