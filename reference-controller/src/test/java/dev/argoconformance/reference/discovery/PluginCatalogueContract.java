package dev.argoconformance.reference.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.protocol.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * What {@link PluginCatalogue} must do whatever the {@link PluginSource}; each source runs these against its own
 * storage. The installation namespace is {@code argo}, the workflow runs in {@code team-a}.
 */
abstract class PluginCatalogueContract {

    static final String INSTALL = "argo";
    static final String WORKFLOW = "team-a";

    /** A source that holds exactly these ConfigMaps, each in the namespace its metadata names. */
    abstract PluginSource sourceWith(List<ConfigMap> configMaps) throws Exception;

    @Test
    void loadsOnlyTheWorkflowNamespacesPluginWhenBothNamespacesHaveOneOfThatName() throws Exception {
        PluginCatalogue catalogue = new PluginCatalogue(
                sourceWith(List.of(
                        helloFromTheGoldenFile(INSTALL),
                        plugin(WORKFLOW, "hello-executor-plugin", sidecar("team-a/hello:1", 5555), "false"))),
                INSTALL);

        Discovery discovery = catalogue.forWorkflow(WORKFLOW);

        assertThat(discovery.plugins()).singleElement().satisfies(hello -> {
            assertThat(hello.name()).isEqualTo("hello");
            assertThat(hello.namespace()).isEqualTo(WORKFLOW);
            assertThat(hello.container().getImage()).isEqualTo("team-a/hello:1");
            assertThat(hello.address()).isEqualTo(URI.create("http://localhost:5555"));
        });
        assertThat(discovery.notes()).singleElement().satisfies(note -> {
            assertThat(note.id()).isEqualTo("DISCOVERY-01");
            assertThat(note.summary()).contains("plugin hello", INSTALL, WORKFLOW);
            assertThat(note.argoBehaviour()).contains("loads both");
            assertThat(note.source())
                    .contains(
                            "workflow/controller/agent.go",
                            "docs/decisions/0001-same-named-plugins-in-two-namespaces.md");
        });
    }

    @Test
    void findsAPluginThatOnlyTheInstallNamespaceHas() throws Exception {
        PluginCatalogue catalogue = new PluginCatalogue(sourceWith(List.of(helloFromTheGoldenFile(INSTALL))), INSTALL);

        Discovery discovery = catalogue.forWorkflow(WORKFLOW);

        assertThat(discovery.plugins()).singleElement().satisfies(hello -> {
            assertThat(hello.name()).isEqualTo("hello");
            assertThat(hello.namespace()).isEqualTo(INSTALL);
            assertThat(hello.configMapName()).isEqualTo("hello-executor-plugin");
            assertThat(hello.container().getName()).isEqualTo("hello-executor-plugin");
            assertThat(hello.container().getArgs())
                    .singleElement()
                    .asString()
                    .contains("HTTPServer(('', 4355), Plugin)");
            assertThat(hello.automountServiceAccountToken()).isFalse();
            assertThat(hello.address()).isEqualTo(URI.create("http://localhost:4355"));
        });
        assertThat(discovery.rejected()).isEmpty();
        assertThat(discovery.notes()).isEmpty();
    }

    @Test
    void rejectsAConfigMapWithoutPortsWithArgosMessageAndLoadsTheRest() throws Exception {
        PluginCatalogue catalogue = new PluginCatalogue(
                sourceWith(List.of(
                        helloFromTheGoldenFile(INSTALL),
                        plugin(WORKFLOW, "portless-executor-plugin", "image: portless:1\n", "false"))),
                INSTALL);

        Discovery discovery = catalogue.forWorkflow(WORKFLOW);

        assertThat(discovery.rejected())
                .containsExactly(new Rejected(
                        WORKFLOW, "portless-executor-plugin", "sidecar is invalid: at least one port is mandatory"));
        assertThat(discovery.plugins()).extracting(DiscoveredPlugin::name).containsExactly("hello");
    }

    @Test
    void rejectsAnUnknownContainerFieldInsteadOfThrowing() throws Exception {
        PluginCatalogue catalogue = new PluginCatalogue(
                sourceWith(List.of(plugin(
                        WORKFLOW, "typo-executor-plugin", sidecar("typo:1", 7000) + "imagee: typo:2\n", "false"))),
                INSTALL);

        Discovery discovery = catalogue.forWorkflow(WORKFLOW);

        assertThat(discovery.plugins()).isEmpty();
        assertThat(discovery.rejected())
                .singleElement()
                .extracting(Rejected::reason)
                .asString()
                .startsWith("ConfigMap team-a/typo-executor-plugin sidecar.container line 6: unknown field \"imagee\"")
                .endsWith("json: unknown field \"imagee\")");
    }

    @Test
    void countsAutomountOnlyWhenItIsExactlyTrue() throws Exception {
        PluginCatalogue catalogue = new PluginCatalogue(
                sourceWith(List.of(
                        plugin(INSTALL, "capital-executor-plugin", sidecar("capital:1", 7001), "True"),
                        plugin(INSTALL, "exact-executor-plugin", sidecar("exact:1", 7002), "true"))),
                INSTALL);

        Discovery discovery = catalogue.forWorkflow(WORKFLOW);

        assertThat(discovery.plugins())
                .extracting(DiscoveredPlugin::name, DiscoveredPlugin::automountServiceAccountToken)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("capital", false),
                        org.assertj.core.groups.Tuple.tuple("exact", true));
    }

    @Test
    void readsTheInstallNamespaceOnceWhenTheWorkflowRunsThere() throws Exception {
        PluginCatalogue catalogue = new PluginCatalogue(
                sourceWith(List.of(
                        helloFromTheGoldenFile(INSTALL),
                        plugin(INSTALL, "audit-executor-plugin", sidecar("audit:1", 7003), "false"))),
                INSTALL);

        Discovery discovery = catalogue.forWorkflow(INSTALL);

        assertThat(discovery.plugins()).extracting(DiscoveredPlugin::name).containsExactly("audit", "hello");
        assertThat(discovery.notes()).isEmpty();
    }

    @Test
    void ignoresConfigMapsWithoutTheExecutorPluginLabel() throws Exception {
        ConfigMap unlabelled = new ConfigMapBuilder(
                        plugin(WORKFLOW, "settings-executor-plugin", sidecar("s:1", 7004), "false"))
                .editMetadata()
                .withLabels(java.util.Map.of("workflows.argoproj.io/configmap-type", "Parameter"))
                .endMetadata()
                .build();
        PluginCatalogue catalogue = new PluginCatalogue(sourceWith(List.of(unlabelled)), INSTALL);

        Discovery discovery = catalogue.forWorkflow(WORKFLOW);

        assertThat(discovery.plugins()).isEmpty();
        assertThat(discovery.rejected()).isEmpty();
    }

    static ConfigMap plugin(String namespace, String name, String container, String automount) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .addToLabels("workflows.argoproj.io/configmap-type", "ExecutorPlugin")
                .endMetadata()
                .addToData("sidecar.container", container)
                .addToData("sidecar.automountServiceAccountToken", automount)
                .build();
    }

    static String sidecar(String image, int port) {
        return """
                name: sidecar
                image: %s
                ports: [{containerPort: %d}]
                resources: {requests: {cpu: 100m}, limits: {cpu: 200m}}
                securityContext: {runAsNonRoot: true}
                """.formatted(image, port);
    }

    /** The ConfigMap argo executor-plugin build wrote for the hello plugin (golden data, see manifest/README.md). */
    static ConfigMap helloFromTheGoldenFile(String namespace) throws IOException {
        ConfigMap hello = Json.YAML.readValue(helloConfigMapYaml(), ConfigMap.class);
        return new ConfigMapBuilder(hello)
                .editMetadata()
                .withNamespace(namespace)
                .endMetadata()
                .build();
    }

    static String helloConfigMapYaml() throws IOException {
        String name = "/manifest/hello/hello-executor-plugin-configmap.yaml";
        try (InputStream in = Objects.requireNonNull(PluginCatalogueContract.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
