package dev.argoconformance.reference.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plugin ConfigMaps kept as files, the way {@code argo executor-plugin build} leaves them or a repository holds
 * them for {@code kubectl apply}: every {@code *.yaml} / {@code *.yml} under the directory, each possibly holding
 * several documents (or a {@code kind: List}) and the {@code # This is an auto-generated file} header. Documents
 * that are not ConfigMaps, and ConfigMaps without the {@code ExecutorPlugin} (or, for
 * {@link #controllerPluginConfigMaps}, the {@code ControllerPlugin}) label, are ignored.
 *
 * <p>A ConfigMap's namespace is its {@code metadata.namespace}; without one, the name of the first-level
 * subdirectory it sits in ({@code argo/hello-executor-plugin-configmap.yaml} is in {@code argo}); for files at the
 * top, the default namespace, as {@code kubectl apply -n} would do. Files are read on every call. A file that is
 * not YAML is an {@link UncheckedIOException} naming it: a plugin silently missing would be worse.
 */
public final class DirectoryPluginSource implements PluginSource, ControllerPluginSource {

    private final Path dir;
    private final String defaultNamespace;

    public DirectoryPluginSource(Path dir, String defaultNamespace) {
        this.dir = dir;
        this.defaultNamespace = defaultNamespace;
    }

    @Override
    public List<ConfigMap> executorPluginConfigMaps(String namespace) {
        return allConfigMaps().stream()
                .filter(ExecutorPluginLabel::isOn)
                .filter(cm -> namespace.equals(cm.getMetadata().getNamespace()))
                .sorted(ExecutorPluginLabel.BY_NAME)
                .toList();
    }

    @Override
    public List<ConfigMap> controllerPluginConfigMaps(String namespace) {
        return allConfigMaps().stream()
                .filter(ControllerPluginLabel::isOn)
                .filter(cm -> namespace.equals(cm.getMetadata().getNamespace()))
                .sorted(ExecutorPluginLabel.BY_NAME)
                .toList();
    }

    private List<ConfigMap> allConfigMaps() {
        List<ConfigMap> out = new ArrayList<>();
        for (Path file : yamlFiles()) {
            for (JsonNode document : Json.yamlObjects(file)) {
                for (JsonNode object :
                        "List".equals(document.path("kind").asText()) ? document.path("items") : List.of(document)) {
                    if ("ConfigMap".equals(object.path("kind").asText())) {
                        out.add(withNamespace(toConfigMap(file, object), file));
                    }
                }
            }
        }
        return out;
    }

    private List<Path> yamlFiles() {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(dir.relativize(p)))
                    .filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** True when any part of {@code relative} starts with a dot: such files and folders are skipped. */
    public static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static ConfigMap toConfigMap(Path file, JsonNode object) {
        try {
            return Json.MAPPER.treeToValue(object, ConfigMap.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(file + ": not a ConfigMap: " + e.getOriginalMessage(), e);
        }
    }

    private ConfigMap withNamespace(ConfigMap configMap, Path file) {
        String declared =
                configMap.getMetadata() == null ? null : configMap.getMetadata().getNamespace();
        if (declared != null && !declared.isEmpty()) {
            return configMap;
        }
        Path relative = dir.relativize(file);
        String namespace = relative.getNameCount() > 1 ? relative.getName(0).toString() : defaultNamespace;
        return new ConfigMapBuilder(configMap)
                .editOrNewMetadata()
                .withNamespace(namespace)
                .endMetadata()
                .build();
    }
}
