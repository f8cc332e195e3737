package dev.argoconformance.reference.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalogue over {@link KubernetesPluginSource}, against the in-process Kubernetes API double from fabric8
 * kubernetes-server-mock in CRUD mode: ConfigMaps are created through the API and listed back with a label selector.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPluginCatalogueTest extends PluginCatalogueContract {

    static KubernetesClient client;

    // The mock server logs every request at INFO; kept in a field because java.util.logging holds loggers weakly.
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    @BeforeEach
    void emptyTheNamespaces() {
        for (String namespace : List.of(INSTALL, WORKFLOW)) {
            client.configMaps()
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .forEach(cm -> client.configMaps()
                            .inNamespace(namespace)
                            .withName(cm.getMetadata().getName())
                            .delete());
        }
    }

    @Override
    PluginSource sourceWith(List<ConfigMap> configMaps) {
        configMaps.forEach(cm -> client.configMaps()
                .inNamespace(cm.getMetadata().getNamespace())
                .resource(cm)
                .create());
        return new KubernetesPluginSource(client);
    }

    @Test
    void listsOnlyTheLabelledConfigMapsOfTheAskedNamespaceByName() {
        ConfigMap unlabelled = new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(WORKFLOW)
                .withName("plain")
                .endMetadata()
                .build();
        PluginSource source = sourceWith(List.of(
                plugin(WORKFLOW, "zeta-executor-plugin", sidecar("z:1", 1), "false"),
                plugin(WORKFLOW, "alpha-executor-plugin", sidecar("a:1", 2), "false"),
                plugin(INSTALL, "other-executor-plugin", sidecar("o:1", 3), "false"),
                unlabelled));

        List<ConfigMap> found = source.executorPluginConfigMaps(WORKFLOW);

        assertThat(found)
                .extracting(cm -> cm.getMetadata().getName())
                .containsExactly("alpha-executor-plugin", "zeta-executor-plugin");
        assertThat(found).extracting(cm -> cm.getMetadata().getNamespace()).containsOnly(WORKFLOW);
    }
}
