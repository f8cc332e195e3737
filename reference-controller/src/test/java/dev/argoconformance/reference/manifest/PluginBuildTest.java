package dev.argoconformance.reference.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argo executor-plugin build DIR}. The hello plugin's files are golden data from
 * argoproj-labs/argo-workflows-hello-executor-plugin (see src/test/resources/manifest/README.md): Argo's CLI wrote
 * the ConfigMap and README from that plugin.yaml and server.py.
 */
class PluginBuildTest {

    @TempDir
    Path dir;

    @Test
    void buildsTheHelloPluginConfigMapByteForByte() throws Exception {
        copyHello("plugin.yaml", "server.py");

        PluginBuild build = PluginBuild.of(dir);

        assertThat(build.configMapFileName()).isEqualTo("hello-executor-plugin-configmap.yaml");
        assertThat(build.configMapYaml())
                .as("the ConfigMap argo executor-plugin build wrote for the hello plugin")
                .isEqualTo(golden("hello-executor-plugin-configmap.yaml"));
    }

    @Test
    void rendersTheHelloPluginReadmeByteForByte() throws Exception {
        copyHello("plugin.yaml", "server.py");

        String readme = PluginBuild.of(dir).readme();

        assertThat(readme).as("the README argo executor-plugin build wrote").isEqualTo(golden("README.md"));
        assertThat(readme).contains("Uninstall:\n\t\n    kubectl delete cm hello-executor-plugin \n");
    }

    @Test
    void writesBothFilesIntoTheGivenDirectory() throws Exception {
        copyHello("plugin.yaml", "server.py");
        Path out = dir.resolve("out");

        List<Path> written = PluginBuild.of(dir).writeTo(out);

        assertThat(written)
                .containsExactly(out.resolve("hello-executor-plugin-configmap.yaml"), out.resolve("README.md"));
        assertThat(Files.readString(written.get(0))).isEqualTo(golden("hello-executor-plugin-configmap.yaml"));
        assertThat(Files.readString(written.get(1))).isEqualTo(golden("README.md"));
    }

    @Test
    void putsTheServerScriptIntoTheContainerArgs() throws Exception {
        copyHello("plugin.yaml", "server.py");

        PluginBuild build = PluginBuild.of(dir);

        assertThat(build.manifest().container().getArgs()).containsExactly(golden("server.py"));
        assertThat(build.configMap().getData())
                .containsEntry("sidecar.automountServiceAccountToken", "false")
                .containsKey("sidecar.container");
        assertThat(build.configMap().getMetadata().getLabels())
                .containsExactly(java.util.Map.entry("workflows.argoproj.io/configmap-type", "ExecutorPlugin"));
    }

    @Test
    void refusesTwoServerFiles() throws Exception {
        copyHello("plugin.yaml", "server.py");
        Files.writeString(dir.resolve("server.js"), "require('http')");

        assertThatThrownBy(() -> PluginBuild.of(dir))
                .isInstanceOf(ManifestException.class)
                .hasMessage("plugin hello has more than one server.* file");
    }

    @Test
    void keepsTheArgsOfPluginYamlWithoutAServerFile() throws Exception {
        Files.writeString(dir.resolve("plugin.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: ExecutorPlugin
                metadata:
                  name: compiled
                spec:
                  sidecar:
                    container:
                      image: example/compiled:1.0
                      args: [--port, "7000"]
                      ports: [{containerPort: 7000}]
                      resources: {requests: {cpu: 100m}, limits: {cpu: 200m}}
                      securityContext: {runAsNonRoot: true}
                """);

        PluginBuild build = PluginBuild.of(dir);

        assertThat(build.manifest().container().getArgs()).containsExactly("--port", "7000");
        assertThat(build.configMap().getData().get("sidecar.container")).startsWith("""
                args:
                - --port
                - "7000"
                image: example/compiled:1.0
                """);
    }

    @Test
    void copiesTheManifestNamespaceIntoTheConfigMap() throws Exception {
        // argoproj/argo-workflows#8122: before v3.4 the namespace in plugin.yaml was dropped.
        writeMinimalPlugin("""
                  name: nsd
                  namespace: team-a
                """);

        PluginBuild build = PluginBuild.of(dir);

        assertThat(build.configMap().getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(build.configMapYaml()).contains("""
                  name: nsd-executor-plugin
                  namespace: team-a
                """);
    }

    @Test
    void mergesTheManifestLabelsOverTheTypeLabel() throws Exception {
        writeMinimalPlugin("""
                  name: labelled
                  labels:
                    team: a
                    workflows.argoproj.io/configmap-type: Overridden
                """);

        PluginBuild build = PluginBuild.of(dir);

        assertThat(build.configMap().getMetadata().getLabels())
                .containsEntry("team", "a")
                .containsEntry("workflows.argoproj.io/configmap-type", "Overridden")
                .hasSize(2);
        assertThat(build.configMapYaml()).contains("""
                  labels:
                    team: a
                    workflows.argoproj.io/configmap-type: Overridden
                """);
    }

    @Test
    void writesEmptyRequestsAndSecurityContextTheWayArgosOwnTestExpects() throws Exception {
        // workflow/util/plugin/configmap_test.go (TestToConfigMap "Valid") expects exactly this container text.
        Files.writeString(dir.resolve("plugin.yaml"), """
                kind: ExecutorPlugin
                metadata:
                  name: my-plug
                  annotations: {my-anno: my-value}
                  labels: {my-label: my-value}
                spec:
                  sidecar:
                    automountServiceAccountToken: true
                    container:
                      ports: [{containerPort: 1234}]
                      resources: {limits: {}, requests: {}}
                      securityContext: {}
                """);

        PluginBuild build = PluginBuild.of(dir);

        assertThat(build.configMap().getData())
                .containsEntry("sidecar.automountServiceAccountToken", "true")
                .containsEntry(
                        "sidecar.container",
                        "name: \"\"\nports:\n- containerPort: 1234\nresources: {}\nsecurityContext: {}\n");
        assertThat(build.configMap().getMetadata().getName()).isEqualTo("my-plug-executor-plugin");
    }

    @Test
    void writesQuantitiesInKubernetesCanonicalForm() throws Exception {
        // Unquoted 2e3 is a YAML float, so Go hands Quantity the JSON number 2000; quoted, Quantity keeps "2e3",
        // which go-yaml then quotes again because plain 2e3 would read back as a float.
        Files.writeString(dir.resolve("plugin.yaml"), """
                metadata: {name: q}
                spec:
                  sidecar:
                    container:
                      ports: [{containerPort: 1}]
                      resources:
                        requests: {cpu: 0.5, memory: 1024Mi, ephemeral-storage: 100M, example.com/gpu: 2e3}
                        limits: {cpu: 1000m, memory: 1.5Gi, ephemeral-storage: "2e3"}
                      securityContext: {}
                """);

        String container = PluginBuild.of(dir).configMap().getData().get("sidecar.container");

        assertThat(container).contains("""
                resources:
                  limits:
                    cpu: "1"
                    ephemeral-storage: "2e3"
                    memory: 1536Mi
                  requests:
                    cpu: 500m
                    ephemeral-storage: 100M
                    example.com/gpu: 2k
                    memory: 1Gi
                """);
    }

    @Test
    void validatesAfterTakingTheServerFile() throws Exception {
        Files.writeString(
                dir.resolve("plugin.yaml"), "metadata: {name: bare}\nspec: {sidecar: {container: {image: x}}}\n");
        Files.writeString(dir.resolve("server.py"), "print('hi')\n");

        assertThatThrownBy(() -> PluginBuild.of(dir))
                .isInstanceOf(ManifestException.class)
                .hasMessage("sidecar is invalid: at least one port is mandatory");
    }

    @Test
    void saysWhichFileIsMissing() {
        assertThatThrownBy(() -> PluginBuild.of(dir))
                .isInstanceOf(ManifestException.class)
                .hasMessage("open " + dir.resolve("plugin.yaml") + ": no such file or directory");
    }

    private void writeMinimalPlugin(String metadata) throws IOException {
        Files.writeString(dir.resolve("plugin.yaml"), "kind: ExecutorPlugin\nmetadata:\n" + metadata + """
                spec:
                  sidecar:
                    container:
                      ports: [{containerPort: 1}]
                      resources: {requests: {}, limits: {}}
                      securityContext: {}
                """);
    }

    private void copyHello(String... names) throws IOException {
        for (String name : names) {
            Files.writeString(dir.resolve(name), golden(name));
        }
    }

    static String golden(String name) throws IOException {
        try (InputStream in =
                Objects.requireNonNull(PluginBuildTest.class.getResourceAsStream("/manifest/hello/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
