package dev.argoconformance.reference.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.discovery.DirectoryPluginSource;
import dev.argoconformance.reference.discovery.KubernetesPluginSource;
import dev.argoconformance.reference.discovery.Rejected;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which ControllerPlugin ConfigMaps the controller loads: its own namespace's only, each with an http address. */
@EnableKubernetesMockClient(crud = true)
class ControllerPluginCatalogueTest {

    static KubernetesClient client;

    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    @TempDir
    Path dir;

    static String configMap(String name, String namespace, String type, String address) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n"
                + (namespace == null ? "" : "  namespace: " + namespace + "\n")
                + "  labels:\n    workflows.argoproj.io/configmap-type: " + type + "\n"
                + (address == null ? "" : "data:\n  address: " + address + "\n");
    }

    @Test
    void loadsTheControllerNamespacesControllerPluginsFromFiles() throws Exception {
        Files.writeString(
                dir.resolve("hello.yaml"),
                configMap("hello-controller-plugin", null, "ControllerPlugin", "http://localhost:4355"));
        Files.createDirectories(dir.resolve("team-a"));
        Files.writeString(
                dir.resolve("team-a/elsewhere.yaml"),
                configMap("team-controller-plugin", null, "ControllerPlugin", "http://localhost:4356"));
        Files.writeString(
                dir.resolve("executor.yaml"), configMap("hello-executor-plugin", null, "ExecutorPlugin", null));
        Files.writeString(
                dir.resolve("broken.yaml"),
                String.join(
                        "---\n",
                        configMap("no-address", null, "ControllerPlugin", null),
                        configMap("not-http", null, "ControllerPlugin", "localhost:4355")));

        ControllerPluginCatalogue.Found found =
                new ControllerPluginCatalogue(new DirectoryPluginSource(dir, "argo"), "argo").discover();

        assertThat(found.plugins()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("hello-controller-plugin");
            assertThat(p.namespace()).isEqualTo("argo");
            assertThat(p.address()).isEqualTo(URI.create("http://localhost:4355"));
        });
        assertThat(found.rejected()).extracting(Rejected::configMapName).containsExactly("no-address", "not-http");
        assertThat(found.rejected().get(0).reason()).startsWith("data.address is missing");
    }

    @Test
    void loadsThemThroughTheKubernetesApiWithTheirResourceVersion() {
        for (ConfigMap cm : new ConfigMap[] {
            labelled("b-controller-plugin", "argo", "ControllerPlugin"),
            labelled("a-controller-plugin", "argo", "ControllerPlugin"),
            labelled("in-workflow-namespace", "team-a", "ControllerPlugin"),
            labelled("hello-executor-plugin", "argo", "ExecutorPlugin")
        }) {
            client.configMaps()
                    .inNamespace(cm.getMetadata().getNamespace())
                    .resource(cm)
                    .create();
        }

        ControllerPluginCatalogue.Found found =
                new ControllerPluginCatalogue(new KubernetesPluginSource(client), "argo").discover();

        assertThat(found.plugins())
                .extracting(ControllerPluginConfig::name)
                .containsExactly("a-controller-plugin", "b-controller-plugin");
        assertThat(found.plugins()).allSatisfy(p -> assertThat(p.version()).isNotBlank());
    }

    private static ConfigMap labelled(String name, String namespace, String type) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels("workflows.argoproj.io/configmap-type", type)
                .endMetadata()
                .addToData("address", "http://localhost:4355")
                .build();
    }
}
