package dev.argoconformance.suite.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An input a generator plugin serves, with the parameter sets Argo CD should get back. Plugin authors
 * point the suite at their own ({@code -Dplugin.examples=DIR}). Without any, the run sends one
 * {@linkplain #contractOnly contract-only} input and leaves the exact-answer clauses unchecked.
 *
 * <pre>
 * name: hello
 * input:
 *   parameters:        # the plugin generator's input.parameters, any JSON values
 *     param1: value1
 * expect:
 *   parameters:        # optional: output.parameters exactly, in order
 *     - {key1: val1, key2: val2}
 * matrix:              # optional: how this plugin sits in a matrix with a list generator (GEN-INPUT-03)
 *   elements:          #   the list generator's elements
 *     - {branch: feature-1}
 *     - {branch: feature-2}
 *   parameters:        #   input.parameters, templated from each element ({{.key}} in goTemplate mode)
 *     branch: '{{.branch}}'
 * </pre>
 */
public record GeneratorExample(
        String name,
        ObjectNode parameters,
        Optional<List<JsonNode>> expected,
        Optional<Matrix> declaredMatrix,
        String source) {

    /**
     * A matrix of a list generator and the plugin: the list's elements and the plugin's
     * input.parameters written with {@code {{.key}}} references to them.
     */
    public record Matrix(List<ObjectNode> elements, ObjectNode input) {

        private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

        /** The input.parameters Argo CD sends for each element, in order: each reference replaced by the element's value. */
        public List<JsonNode> expectedInputs() {
            List<JsonNode> inputs = new ArrayList<>();
            for (ObjectNode element : elements) {
                inputs.add(substitute(input, element));
            }
            return inputs;
        }

        private static JsonNode substitute(JsonNode node, ObjectNode element) {
            if (node.isTextual()) {
                Matcher m = REFERENCE.matcher(node.textValue());
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(
                            out,
                            Matcher.quoteReplacement(element.path(m.group(1)).asText("<no value>")));
                }
                m.appendTail(out);
                return Json.MAPPER.getNodeFactory().textNode(out.toString());
            }
            if (node.isObject()) {
                ObjectNode copy = Json.object();
                node.properties().forEach(e -> copy.set(e.getKey(), substitute(e.getValue(), element)));
                return copy;
            }
            if (node.isArray()) {
                var copy = Json.MAPPER.createArrayNode();
                node.forEach(v -> copy.add(substitute(v, element)));
                return copy;
            }
            return node;
        }
    }

    /** The key a matrix adds to an example's own input when the example declares no matrix of its own. */
    static final String MATRIX_KEY = "conformanceElement";

    /**
     * The example's matrix: as declared, else its own parameters plus one key templated from a
     * two-element list, so the plugin sees the input it documents and the suite can tell the calls apart.
     */
    public Matrix matrix() {
        return declaredMatrix.orElseGet(() -> {
            ObjectNode input = parameters.deepCopy();
            input.put(MATRIX_KEY, "{{." + MATRIX_KEY + "}}");
            return new Matrix(
                    List.of(
                            Json.object().put(MATRIX_KEY, "element-1"),
                            Json.object().put(MATRIX_KEY, "element-2")),
                    input);
        });
    }

    /** The source of the {@link #contractOnly} example. */
    public static final String CONTRACT_ONLY = "no examples given";

    public static List<GeneratorExample> load(Path dir) {
        return YamlDocuments.inFolder(dir).stream()
                .map(d -> of(d.node(), d.source()))
                .toList();
    }

    /**
     * The input a run without examples sends: none at all, which Argo CD sends when a generator has no
     * input.parameters (omitempty) and every plugin must serve (GEN-INPUT-02).
     */
    public static GeneratorExample contractOnly() {
        return new GeneratorExample("no-input", Json.object(), Optional.empty(), Optional.empty(), CONTRACT_ONLY);
    }

    /** Whether the plugin's author gave this input (false for {@link #contractOnly}). */
    public boolean givenByAuthor() {
        return !source.equals(CONTRACT_ONLY);
    }

    private static GeneratorExample of(JsonNode doc, String source) {
        String name = doc.path("name").asText("example");
        JsonNode parameters = doc.path("input").path("parameters");
        if (!parameters.isMissingNode() && !parameters.isObject()) {
            throw new HarnessException(
                    "Example " + name + " in " + source + ": input.parameters must be a map (Argo CD's schema).");
        }
        Optional<List<JsonNode>> expected = Optional.empty();
        JsonNode sets = doc.path("expect").path("parameters");
        if (!sets.isMissingNode()) {
            if (!sets.isArray()) {
                throw new HarnessException(
                        "Example " + name + " in " + source + ": expect.parameters must be a list of parameter sets.");
            }
            List<JsonNode> list = new ArrayList<>();
            sets.forEach(list::add);
            expected = Optional.of(list);
        }
        Optional<Matrix> matrix = Optional.empty();
        JsonNode m = doc.path("matrix");
        if (!m.isMissingNode()) {
            if (!m.path("elements").isArray()
                    || m.path("elements").isEmpty()
                    || !m.path("parameters").isObject()) {
                throw new HarnessException(
                        "Example " + name + " in " + source + ": matrix needs 'elements' (a non-empty list of maps) and"
                                + " 'parameters' (the plugin's input.parameters, with {{.key}} references to an element).");
            }
            List<ObjectNode> elements = new ArrayList<>();
            for (JsonNode e : m.path("elements")) {
                if (!e.isObject()) {
                    throw new HarnessException("Example " + name + " in " + source
                            + ": every matrix element must be a map, got " + e + ".");
                }
                elements.add((ObjectNode) e);
            }
            matrix = Optional.of(new Matrix(List.copyOf(elements), (ObjectNode) m.path("parameters")));
        }
        return new GeneratorExample(
                name, parameters.isObject() ? (ObjectNode) parameters : Json.object(), expected, matrix, source);
    }
}
