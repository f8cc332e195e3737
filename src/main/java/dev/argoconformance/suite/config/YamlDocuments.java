package dev.argoconformance.suite.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Example files: every *.yaml and *.yml of a folder in name order, several documents to a file. */
final class YamlDocuments {

    /** One YAML document and the file it came from, for error messages. */
    record Document(JsonNode node, String source) {}

    private YamlDocuments() {}

    static List<Document> inFolder(Path dir) {
        List<Document> documents = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path file : sorted) {
                try (InputStream in = Files.newInputStream(file)) {
                    documents.addAll(read(in, file.toString()));
                }
            }
        } catch (IOException e) {
            throw new HarnessException(
                    "Cannot read the examples in " + dir + " (" + e.getMessage() + "): check -Dplugin.examples.", e);
        }
        if (documents.isEmpty()) {
            throw new HarnessException("No examples (*.yaml) in " + dir + ": add at least one your plugin serves.");
        }
        return documents;
    }

    static List<Document> inResource(String resource) {
        try (InputStream in = YamlDocuments.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource);
            }
            return read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new HarnessException(
                    "The suite's default examples are missing from its classpath (" + resource
                            + "): rebuild the suite.",
                    e);
        }
    }

    private static List<Document> read(InputStream in, String source) throws IOException {
        List<Document> out = new ArrayList<>();
        try (var parser = Json.YAML.getFactory().createParser(in)) {
            var documents = Json.YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode doc;
                try {
                    doc = documents.next();
                } catch (RuntimeException e) {
                    throw new HarnessException(
                            "Example file " + source + " is not valid YAML ("
                                    + String.valueOf(e.getMessage())
                                            .lines()
                                            .findFirst()
                                            .orElse("") + "): fix it.",
                            e);
                }
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(new Document(doc, source));
                }
            }
        }
        return out;
    }
}
