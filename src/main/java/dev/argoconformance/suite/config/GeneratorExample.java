package dev.argoconformance.suite.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An input a generator plugin serves, with the parameter sets Argo CD should get back. Plugin authors
 * point the suite at their own ({@code -Dplugin.examples=DIR}); the hello generator's are the default.
 *
 * <pre>
 * name: hello
 * input:
 *   parameters:        # the plugin generator's input.parameters, any JSON values
 *     param1: value1
 * expect:
 *   parameters:        # optional: output.parameters exactly, in order
 *     - {key1: val1, key2: val2}
 * </pre>
 */
public record GeneratorExample(String name, ObjectNode parameters, Optional<List<JsonNode>> expected, String source) {

    public static final String DEFAULT_RESOURCE = "default-examples/generator.yaml";

    public static List<GeneratorExample> load(Path dir) {
        return YamlDocuments.inFolder(dir).stream().map(d -> of(d.node(), d.source())).toList();
    }

    public static List<GeneratorExample> defaults() {
        return YamlDocuments.inResource(DEFAULT_RESOURCE).stream().map(d -> of(d.node(), d.source())).toList();
    }

    private static GeneratorExample of(JsonNode doc, String source) {
        String name = doc.path("name").asText("example");
        JsonNode parameters = doc.path("input").path("parameters");
        if (!parameters.isMissingNode() && !parameters.isObject()) {
            throw new HarnessException("Example " + name + " in " + source + ": input.parameters must be a map (Argo CD's schema).");
        }
        Optional<List<JsonNode>> expected = Optional.empty();
        JsonNode sets = doc.path("expect").path("parameters");
        if (!sets.isMissingNode()) {
            if (!sets.isArray()) {
                throw new HarnessException("Example " + name + " in " + source + ": expect.parameters must be a list of parameter sets.");
            }
            List<JsonNode> list = new ArrayList<>();
            sets.forEach(list::add);
            expected = Optional.of(list);
        }
        return new GeneratorExample(name, parameters.isObject() ? (ObjectNode) parameters : Json.object(), expected, source);
    }
}
