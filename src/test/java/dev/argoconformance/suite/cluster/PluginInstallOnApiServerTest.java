package dev.argoconformance.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argoconformance.reference.discovery.DiscoveredPlugin;
import dev.argoconformance.reference.discovery.Discovery;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PluginInstall} and {@link AgentPod} on a real Kubernetes API server: the JVM's kube-apiserver
 * ({@link KubeApiServer}, no kubelet). What the CRUD double of {@link PluginInstallTest} cannot show is shown here:
 * the API server's defaulting, validation and admission of the agent pod, and its controllers (the {@code default}
 * service account, namespace deletion).
 */
@Tag("apiserver")
class PluginInstallOnApiServerTest {

    static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final String TOKEN = "bcdfghjklmnpqrstvwxz2456789bcdfg";

    private static final String MANIFEST = """
            apiVersion: argoproj.io/v1alpha1
            kind: ExecutorPlugin
            metadata:
              name: hello
            spec:
              sidecar:
                automountServiceAccountToken: %s
                container:
                  command: [python, -u, -c]
                  image: argo-conformance/hello-executor:latest
                  name: hello-executor-plugin
                  ports:
                    - containerPort: 4355
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 65534
                  resources:
            %s
            """;

    private static final String BOTH = """
                    requests: {memory: 64Mi, cpu: 250m}
                    limits: {memory: 128Mi, cpu: 500m}""";

    /**
     * What review row 1 found: a CPU limit without its request, and quantities the API server rewrites ("0.5" is 500m,
     * 1024Mi is 1Gi). Argo loads it (it wants a requests map, not every key in it); with {@code requests: {}} it would
     * not: the build drops the empty map and the controller refuses "resources requests are mandatory".
     */
    private static final String LIMITS_ONLY = """
                    requests: {memory: 64Mi}
                    limits: {memory: 1024Mi, cpu: "0.5"}""";

    static KubernetesClient client;

    @TempDir
    Path dir;

    private final List<PluginInstall> installs = new ArrayList<>();

    @BeforeAll
    static void apiServer() {
        client = KubeApiServer.shared(ROOT).client();
    }

    @AfterEach
    void removeInstalls() {
        installs.forEach(PluginInstall::close);
    }

    @Test
    void appliesTheBuiltConfigMapIntoBothNamespacesAndDiscoveryPrefersTheWorkflowNamespace() throws Exception {
        PluginInstall install = install(false, BOTH);

        List<ConfigMap> stored = install.apply();

        assertThat(stored)
                .extracting(cm -> cm.getMetadata().getNamespace())
                .containsExactly(install.installNamespace(), install.workflowNamespace());
        ConfigMap built = PluginInstall.build(dir.resolve("plugin.yaml")).configMap();
        for (String namespace : List.of(install.installNamespace(), install.workflowNamespace())) {
            ConfigMap read = client.configMaps()
                    .inNamespace(namespace)
                    .withName("hello-executor-plugin")
                    .get();
            assertThat(read.getMetadata().getLabels())
                    .containsEntry("workflows.argoproj.io/configmap-type", "ExecutorPlugin");
            assertThat(read.getData())
                    .as("the data argo executor-plugin build writes, in %s", namespace)
                    .isEqualTo(built.getData());
        }
        Discovery forWorkflow = install.discover();
        assertThat(forWorkflow.plugins())
                .extracting(DiscoveredPlugin::namespace)
                .containsExactly(install.workflowNamespace());
        assertThat(forWorkflow.notes()).extracting(n -> n.id()).containsExactly("DISCOVERY-01");
        assertThat(install.discover(install.installNamespace()).plugins())
                .extracting(DiscoveredPlugin::namespace)
                .containsExactly(install.installNamespace());
    }

    @Test
    void admitsTheAgentPodWithDefaultsAndTheSidecarAsDeclared() throws Exception {
        PluginInstall install = install(false, BOTH);
        install.apply();
        DiscoveredPlugin plugin = discovered(install);

        install.run(plugin, "conformance-admitted", TOKEN);

        Pod pod = install.pod();
        Container sidecar = pod.getSpec().getContainers().get(0);
        Container declared = plugin.container();
        assertThat(sidecar.getImage()).isEqualTo(declared.getImage());
        assertThat(sidecar.getCommand()).isEqualTo(declared.getCommand());
        assertThat(sidecar.getSecurityContext()).isEqualTo(declared.getSecurityContext());
        assertThat(AdmittedResources.differences(declared.getResources(), sidecar.getResources()))
                .isEmpty();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(AgentPod.AGENT_USER);
        // What the API server adds on create, which the CRUD double never does.
        assertThat(sidecar.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(pod.getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(pod.getSpec().getTolerations())
                .as("DefaultTolerationSeconds admission")
                .anyMatch(t -> "node.kubernetes.io/not-ready".equals(t.getKey()));
        assertThat(pod.getStatus().getQosClass()).isEqualTo("Burstable");
        assertThat(pod.getSpec().getNodeName())
                .as("no scheduler, no kubelet: the pod is stored, never run")
                .isNull();
    }

    /** Review row 1 (issue 13, item 1): the old verbatim comparison failed a plugin that declares a limit without its request. */
    @Test
    void aSidecarDeclaringALimitWithoutItsRequestGetsItAsTheRequestAndIsJudgedAfterThatDefaulting() throws Exception {
        PluginInstall install = install(false, LIMITS_ONLY);
        install.apply();
        DiscoveredPlugin plugin = discovered(install);

        install.run(plugin, "conformance-limits", TOKEN);

        Container sidecar = install.pod().getSpec().getContainers().get(0);
        assertThat(sidecar.getResources().getRequests())
                .as("SetDefaults_Pod: each limit is the missing request, canonical")
                .isEqualTo(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("64Mi")));
        assertThat(sidecar.getResources().getLimits().get("cpu").toString()).isEqualTo("500m");
        assertThat(sidecar.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
        assertThat(Objects.equals(plugin.container().getResources(), sidecar.getResources()))
                .as("the verbatim comparison EXEC-CLUSTER-02 made before: it fails this plugin")
                .isFalse();
        assertThat(AdmittedResources.differences(plugin.container().getResources(), sidecar.getResources()))
                .as("judged after the same defaulting, by value")
                .isEmpty();
    }

    @Test
    void aCpuAmountBelowAMillicoreIsNotWhatThePodGets() throws Exception {
        PluginInstall install = install(false, """
                        requests: {memory: 64Mi, cpu: "0.0005"}
                        limits: {memory: 128Mi, cpu: 500m}""");
        install.apply();
        DiscoveredPlugin plugin = discovered(install);

        install.run(plugin, "conformance-submilli", TOKEN);

        Container sidecar = install.pod().getSpec().getContainers().get(0);
        assertThat(sidecar.getResources().getRequests().get("cpu").toString())
                .as("rounded up to a millicore")
                .isEqualTo("1m");
        assertThat(AdmittedResources.differences(plugin.container().getResources(), sidecar.getResources()))
                .containsExactly("requests.cpu: declared 500u, admitted 1m");
    }

    @Test
    void theApiServerRefusesAnAgentPodWhoseSidecarRequestsMoreThanItsLimit() throws Exception {
        PluginInstall install = install(false, """
                        requests: {memory: 64Mi, cpu: 750m}
                        limits: {memory: 128Mi, cpu: 500m}""");
        install.apply();
        DiscoveredPlugin plugin = discovered(install);

        assertThatThrownBy(() -> install.run(plugin, "conformance-invalid", TOKEN))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e ->
                        assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
                .hasMessageContaining("spec.containers[0].resources.requests")
                .hasMessageContaining("must be less than or equal to cpu limit");
    }

    @Test
    void theTokenMountsSurviveAdmissionAndOnlyTheSidecarThatAsksGetsTheServiceAccountToken() throws Exception {
        PluginInstall install = install(true, BOTH);
        install.apply();

        AgentPod agentPod = install.run(discovered(install), "conformance-mounts", TOKEN);

        Pod pod = install.pod();
        assertThat(pod.getSpec().getAutomountServiceAccountToken())
                .as("the pod's own token stays off")
                .isFalse();
        assertThat(pod.getSpec().getVolumes())
                .as("no projected kube-api-access volume when automount is off")
                .noneMatch(v -> v.getName().startsWith("kube-api-access"));
        assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
                .anyMatch(m -> m.getName().equals("var-run-argo")
                        && m.getMountPath().equals("/var/run/argo")
                        && Boolean.TRUE.equals(m.getReadOnly())
                        && "hello-executor-plugin".equals(m.getSubPath()))
                .anyMatch(m ->
                        m.getMountPath().equals(AgentPod.SERVICE_ACCOUNT_PATH) && Boolean.TRUE.equals(m.getReadOnly()));
        var varRunArgo = pod.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("var-run-argo"))
                .findFirst()
                .orElseThrow();
        assertThat(varRunArgo.getSecret().getSecretName()).isEqualTo(agentPod.tokenSecretName());
        assertThat(varRunArgo.getSecret().getItems()).singleElement().satisfies(item -> {
            assertThat(item.getPath()).isEqualTo("hello-executor-plugin/token");
            assertThat(item.getMode()).isEqualTo(0444);
        });
        assertThat(client.serviceAccounts()
                        .inNamespace(install.workflowNamespace())
                        .withName("hello-executor-plugin")
                        .get())
                .as("the <plugin>-executor-plugin service account Argo looks up")
                .isNotNull();
    }

    @Test
    void closeRemovesTheNamespacesItMadeAndTheNamespaceControllerEmptiesThem() throws Exception {
        PluginInstall install = install(true, BOTH);
        install.apply();
        install.run(discovered(install), "conformance-gone", TOKEN);
        assertThat(client.serviceAccounts()
                        .inNamespace(install.workflowNamespace())
                        .withName("hello-executor-plugin")
                        .get())
                .isNotNull();

        install.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((client.namespaces().withName(install.installNamespace()).get() != null
                        || client.namespaces()
                                        .withName(install.workflowNamespace())
                                        .get()
                                != null)
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(client.namespaces().withName(install.installNamespace()).get())
                .as("install namespace")
                .isNull();
        assertThat(client.namespaces().withName(install.workflowNamespace()).get())
                .as("workflow namespace")
                .isNull();
    }

    private PluginInstall install(boolean automount, String resources) throws Exception {
        Files.writeString(
                dir.resolve("plugin.yaml"),
                MANIFEST.formatted(automount, resources.strip().indent(8)));
        Files.writeString(dir.resolve("server.py"), "print('hello')\n");
        String n = UUID.randomUUID().toString().substring(0, 8);
        PluginInstall install = new PluginInstall(
                client, PluginInstall.build(dir.resolve("plugin.yaml")), "argo-" + n, "workflows-" + n);
        installs.add(install);
        return install;
    }

    private static DiscoveredPlugin discovered(PluginInstall install) {
        Discovery discovery = install.discover();
        return discovery.plugins().stream()
                .filter(p -> p.name().equals("hello"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("not discovered: " + discovery.rejected()));
    }
}
