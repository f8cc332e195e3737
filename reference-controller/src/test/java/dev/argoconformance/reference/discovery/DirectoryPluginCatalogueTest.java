package dev.argoconformance.reference.discovery;

import dev.argoconformance.reference.protocol.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue over {@link DirectoryPluginSource}: each ConfigMap is written, without its namespace, to
 * {@code <namespace>/<name>.yaml}, so the namespace comes from the directory as it would for {@code kubectl apply}.
 */
class DirectoryPluginCatalogueTest extends PluginCatalogueContract {

    @TempDir
    Path dir;

    @Override
    PluginSource sourceWith(List<ConfigMap> configMaps) throws Exception {
        for (ConfigMap cm : configMaps) {
            Path file = dir.resolve(cm.getMetadata().getNamespace())
                    .resolve(cm.getMetadata().getName() + ".yaml");
            Files.createDirectories(file.getParent());
            ConfigMap withoutNamespace = new ConfigMapBuilder(cm)
                    .editMetadata()
                    .withNamespace(null)
                    .endMetadata()
                    .build();
            Files.writeString(file, Json.YAML.writeValueAsString(withoutNamespace));
        }
        return new DirectoryPluginSource(dir, "default");
    }
}
