package dev.argoconformance.suite.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
        List<GeneratorExample> examples = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path file : sorted) {
                try (InputStream in = Files.newInputStream(file)) {
                    examples.addAll(parse(in, file.toString()));
                }
            }
        } catch (IOException e) {
            throw new HarnessException("Cannot read the examples in " + dir + " (" + e.getMessage() + "): check -Dplugin.examples.", e);
        }
        if (examples.isEmpty()) {
            throw new HarnessException("No generator examples (*.yaml) in " + dir + ": add at least one input the plugin serves.");
        }
        return examples;
    }

    public static List<GeneratorExample> defaults() {
        try (InputStream in = GeneratorExample.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse(in, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new HarnessException("The suite's default generator examples are missing from its classpath: rebuild the suite.", e);
        }
    }

    static List<GeneratorExample> parse(InputStream in, String source) throws IOException {
        List<GeneratorExample> out = new ArrayList<>();
        try (var parser = Json.YAML.getFactory().createParser(in)) {
            var documents = Json.YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode doc;
                try {
                    doc = documents.next();
                } catch (RuntimeException e) {
                    throw new HarnessException("Example file " + source + " is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + "): fix it.", e);
                }
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                String name = doc.path("name").asText("");
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
                out.add(new GeneratorExample(name.isEmpty() ? "example-" + (out.size() + 1) : name,
                        parameters.isObject() ? (ObjectNode) parameters : Json.object(), expected, source));
            }
        }
        return out;
    }
}
