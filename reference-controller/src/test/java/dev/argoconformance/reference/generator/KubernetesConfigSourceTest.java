package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KubernetesConfigSource} against the in-process Kubernetes API double of fabric8 kubernetes-server-mock in
 * CRUD mode: the plugin's ConfigMap and token Secret are created through the API, then a reconcile reads them back and
 * calls a real plugin on 127.0.0.1.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesConfigSourceTest {

    static KubernetesClient client;

    // The mock server logs every request at INFO; kept in a field because java.util.logging holds loggers weakly.
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    private final FakeGeneratorPlugin plugin = new FakeGeneratorPlugin();

    @BeforeEach
    void createPluginConfig() {
        client.configMaps()
                .inNamespace("argocd")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("my-plugin")
                        .withNamespace("argocd")
                        .endMetadata()
                        .withData(Map.of("baseUrl", plugin.baseUrl(), "token", "$plugin-secret:token"))
                        .build())
                .createOr(r -> r.update());
        client.secrets()
                .inNamespace("argocd")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("plugin-secret")
                        .withNamespace("argocd")
                        .endMetadata()
                        .withData(Map.of(
                                "token",
                                Base64.getEncoder()
                                        .encodeToString(
                                                (FakeGeneratorPlugin.TOKEN + "\n").getBytes(StandardCharsets.UTF_8))))
                        .build())
                .createOr(r -> r.update());
    }

    @AfterEach
    void stop() {
        plugin.close();
    }

    private Reconciliation reconcile(String yaml) {
        Reconciliation result = ApplicationSetController.builder(new KubernetesConfigSource(client))
                .build()
                .reconcile(yaml);
        FakeGeneratorPlugin.assertTokenNeverRecorded(result);
        return result;
    }

    @Test
    void readsTheConfigMapAndTheDecodedTrimmedSecretFromTheApiServer() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"hello\":\"world\"}]}}");

        Reconciliation result = reconcile(FakeGeneratorPlugin.appSet(false, "", "app-{{hello}}"));

        assertThat(plugin.take().getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeGeneratorPlugin.TOKEN);
        assertThat(result.applications()).extracting(RenderedApplication::name).containsExactly("app-world");
    }

    @Test
    void reportsObjectsTheApiServerDoesNotHaveAsNotFound() {
        client.secrets().inNamespace("argocd").withName("plugin-secret").delete();

        Reconciliation missingSecret = reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));
        Reconciliation missingConfigMap =
                reconcile(FakeGeneratorPlugin.appSet(false, "", "app").replace("name: my-plugin", "name: nope"));

        assertThat(missingSecret.error())
                .hasValue("error getting plugin from generator: error fetching Secret token: error fetching"
                        + " secret argocd/plugin-secret: secrets \"plugin-secret\" not found");
        assertThat(missingConfigMap.error())
                .hasValue(
                        "error getting plugin from generator: error fetching ConfigMap: configmaps \"nope\" not found");
        assertThat(plugin.server.requestCount()).isZero();
    }
}
