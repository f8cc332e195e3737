package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * ConfigMaps and Secrets held in memory, added one by one or read from a directory of YAML files the way
 * {@code kubectl apply -f} would take them. A Secret keeps {@code data} (base64) with {@code stringData} laid over it,
 * as the API server stores them. Thread-safe.
 */
public final class InMemoryConfigSource implements ConfigSource {

    private final Map<String, Map<String, String>> configMaps = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> secrets = new ConcurrentHashMap<>();

    /** Adds or replaces a ConfigMap. */
    public InMemoryConfigSource withConfigMap(String namespace, String name, Map<String, String> data) {
        configMaps.put(key(namespace, name), Map.copyOf(data));
        return this;
    }

    /** Adds or replaces a Secret from plain-text values (its {@code stringData}). */
    public InMemoryConfigSource withSecret(String namespace, String name, Map<String, String> stringData) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        stringData.forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        secrets.put(key(namespace, name), data);
        return this;
    }

    /**
     * Every ConfigMap and Secret in the {@code *.yaml} / {@code *.yml} files under {@code dir}, several documents per
     * file and {@code kind: List} included. An object's namespace is its {@code metadata.namespace}, else the
     * first-level subdirectory it sits in, else {@code defaultNamespace}.
     *
     * @throws UncheckedIOException naming the file, when one cannot be read or is not YAML
     */
    public static InMemoryConfigSource fromDirectory(Path dir, String defaultNamespace) {
        InMemoryConfigSource source = new InMemoryConfigSource();
        for (Path file : yamlFiles(dir)) {
            Path relative = dir.relativize(file);
            String dirNamespace =
                    relative.getNameCount() > 1 ? relative.getName(0).toString() : defaultNamespace;
            for (JsonNode document : Json.yamlObjects(file)) {
                for (JsonNode object :
                        "List".equals(document.path("kind").asText()) ? document.path("items") : List.of(document)) {
                    source.add(file, object, dirNamespace);
                }
            }
        }
        return source;
    }

    private void add(Path file, JsonNode object, String dirNamespace) {
        String kind = object.path("kind").asText();
        if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
            return;
        }
        String name = object.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new UncheckedIOException(new IOException(file + ": a " + kind + " without metadata.name"));
        }
        String namespace = object.path("metadata").path("namespace").asText("");
        String key = key(namespace.isEmpty() ? dirNamespace : namespace, name);
        if (kind.equals("ConfigMap")) {
            Map<String, String> data = new LinkedHashMap<>();
            object.path("data")
                    .properties()
                    .forEach(e -> data.put(e.getKey(), e.getValue().asText()));
            configMaps.put(key, data);
        } else {
            Map<String, byte[]> data = new LinkedHashMap<>();
            object.path("data")
                    .properties()
                    .forEach(e -> data.put(
                            e.getKey(),
                            decode(file, name, e.getKey(), e.getValue().asText())));
            object.path("stringData")
                    .properties()
                    .forEach(e -> data.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            secrets.put(key, data);
        }
    }

    private static byte[] decode(Path file, String secret, String key, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(
                    new IOException(file + ": Secret " + secret + " key " + key + " is not base64: " + e.getMessage()));
        }
    }

    @Override
    public Optional<Map<String, String>> configMapData(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(key(namespace, name)));
    }

    @Override
    public Optional<Map<String, byte[]>> secretData(String namespace, String name) {
        return Optional.ofNullable(secrets.get(key(namespace, name)));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
