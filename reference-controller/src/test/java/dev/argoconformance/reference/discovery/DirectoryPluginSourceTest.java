package dev.argoconformance.reference.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link DirectoryPluginSource} finds ConfigMaps in files and decides their namespace. */
class DirectoryPluginSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFileArgoBuildWritesHeaderAndAll() throws Exception {
        Files.createDirectories(dir.resolve("argo"));
        Files.writeString(
                dir.resolve("argo/hello-executor-plugin-configmap.yaml"), PluginCatalogueContract.helloConfigMapYaml());

        DirectoryPluginSource source = new DirectoryPluginSource(dir, "default");

        assertThat(source.executorPluginConfigMaps("argo")).singleElement().satisfies(cm -> {
            assertThat(cm.getMetadata().getName()).isEqualTo("hello-executor-plugin");
            assertThat(cm.getMetadata().getNamespace()).isEqualTo("argo");
            assertThat(cm.getData()).containsEntry("sidecar.automountServiceAccountToken", "false");
        });
        assertThat(source.executorPluginConfigMaps("default")).isEmpty();
    }

    @Test
    void takesTheNamespaceFromMetadataThenTheFirstLevelDirectoryThenTheDefault() throws Exception {
        write("top.yaml", configMap("top", null));
        write("top-declared.yml", configMap("declared", "team-b"));
        write("team-a/deep/er/nested.yaml", configMap("nested", null));
        write("team-a/declared-elsewhere.yaml", configMap("moved", "team-b"));

        DirectoryPluginSource source = new DirectoryPluginSource(dir, "fallback");

        assertThat(names(source, "fallback")).containsExactly("top");
        assertThat(names(source, "team-a")).containsExactly("nested");
        assertThat(names(source, "team-b")).containsExactly("declared", "moved");
    }

    @Test
    void readsEveryDocumentOfAFileAndSkipsWhatIsNotAPluginConfigMap() throws Exception {
        write(
                "team-a/mixed.yaml",
                String.join(
                        "---\n",
                        configMap("first", null),
                        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: hello-}\n",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels: {workflows.argoproj.io/configmap-type: Parameter}\n",
                        "",
                        "apiVersion: v1\nkind: List\nitems:\n"
                                + configMap("listed", null).indent(2).replaceFirst("^ ", "-"),
                        configMap("second", null)));

        DirectoryPluginSource source = new DirectoryPluginSource(dir, "default");

        assertThat(names(source, "team-a")).containsExactly("first", "listed", "second");
    }

    @Test
    void ignoresHiddenDirectoriesAndOtherFiles() throws Exception {
        write(".git/team-a/ghost.yaml", configMap("ghost", null));
        write("team-a/notes.txt", configMap("text", null));
        write("team-a/real.yaml", configMap("real", null));

        assertThat(names(new DirectoryPluginSource(dir, "default"), "team-a")).containsExactly("real");
    }

    @Test
    void namesTheFileThatIsNotYaml() throws Exception {
        write("team-a/broken.yaml", "metadata:\n  name: [unclosed\n");

        assertThatThrownBy(() -> new DirectoryPluginSource(dir, "default").executorPluginConfigMaps("team-a"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(dir.resolve("team-a/broken.yaml").toString())
                .hasMessageContaining("not valid YAML");
    }

    private static String configMap(String name, String namespace) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s%s
                  labels:
                    workflows.argoproj.io/configmap-type: ExecutorPlugin
                data:
                  sidecar.container: "{ports: [{containerPort: 1}]}"
                """.formatted(name, namespace == null ? "" : "\n  namespace: " + namespace);
    }

    private void write(String relative, String text) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static java.util.List<String> names(DirectoryPluginSource source, String namespace) {
        return source.executorPluginConfigMaps(namespace).stream()
                .map(ConfigMap::getMetadata)
                .map(m -> m.getName())
                .toList();
    }
}
