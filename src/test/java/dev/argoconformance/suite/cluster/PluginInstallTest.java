package dev.argoconformance.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argoconformance.reference.discovery.DiscoveredPlugin;
import dev.argoconformance.reference.discovery.Discovery;
import dev.argoconformance.reference.manifest.PluginBuild;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PluginInstall} and {@link AgentPod} against the in-process Kubernetes API double: fabric8
 * kubernetes-server-mock, CRUD mode. Every object goes through the API and is read back from it, so these tests see
 * what a cluster would be asked to store; what only a kubelet does (start containers, report Ready) is played by
 * writing the pod's status, as the kubelet would.
 */
@EnableKubernetesMockClient(crud = true)
class PluginInstallTest {

    static KubernetesClient client;

    // The mock server logs every request at INFO; kept in a field because java.util.logging holds loggers weakly.
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String TOKEN = "bcdfghjklmnpqrstvwxz2456789bcdfg";

    private static final String MANIFEST = """
            apiVersion: argoproj.io/v1alpha1
            kind: ExecutorPlugin
            metadata:
              name: hello
              annotations:
                workflows.argoproj.io/version: '>= v3.3'
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
                    runAsUser: %s
                  resources:
                    requests: {memory: 64Mi, cpu: 250m}
                    limits: {memory: 128Mi, cpu: 500m}
            """;

    @TempDir
    Path dir;

    private final List<PluginInstall> installs = new ArrayList<>();

    @AfterEach
    void removeInstalls() {
        installs.forEach(PluginInstall::close);
    }

    @Test
    void appliesTheBuiltConfigMapWithItsTypeLabelIntoBothNewNamespaces() throws Exception {
        PluginInstall install = install(false);

        List<ConfigMap> stored = install.apply();

        assertThat(client.namespaces().withName(install.installNamespace()).get())
                .as("install namespace created")
                .isNotNull();
        assertThat(client.namespaces().withName(install.workflowNamespace()).get())
                .as("workflow namespace created")
                .isNotNull();
        assertThat(stored)
                .extracting(cm -> cm.getMetadata().getNamespace())
                .containsExactly(install.installNamespace(), install.workflowNamespace());
        ConfigMap built = PluginInstall.build(dir.resolve("plugin.yaml")).configMap();
        for (String namespace : List.of(install.installNamespace(), install.workflowNamespace())) {
            ConfigMap read = client.configMaps()
                    .inNamespace(namespace)
                    .withName("hello-executor-plugin")
                    .get();
            assertThat(read).as("ConfigMap in %s", namespace).isNotNull();
            assertThat(read.getMetadata().getLabels())
                    .containsEntry("workflows.argoproj.io/configmap-type", "ExecutorPlugin");
            assertThat(read.getData())
                    .as("the data argo executor-plugin build writes")
                    .isEqualTo(built.getData());
            assertThat(read.getData().get("sidecar.container"))
                    .as("server.py became the args")
                    .contains("print('hello')");
        }
    }

    @Test
    void discoveryThroughTheApiLoadsTheWorkflowNamespacesPluginAndNotesDiscovery01() throws Exception {
        PluginInstall install = install(false);
        install.apply();

        Discovery forWorkflow = install.discover();
        Discovery forInstallNamespace = install.discover(install.installNamespace());

        assertThat(forWorkflow.plugins())
                .extracting(DiscoveredPlugin::name, DiscoveredPlugin::namespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hello", install.workflowNamespace()));
        assertThat(forWorkflow.notes()).extracting(n -> n.id()).containsExactly("DISCOVERY-01");
        assertThat(forWorkflow.notes().get(0).summary())
                .contains(install.installNamespace(), install.workflowNamespace());
        assertThat(forInstallNamespace.plugins())
                .as("a workflow in the install namespace finds the install namespace's")
                .extracting(DiscoveredPlugin::namespace)
                .containsExactly(install.installNamespace());
        assertThat(forInstallNamespace.notes()).isEmpty();
    }

    @Test
    void runsAnAgentPodOfArgosShapeWithTheSidecarVerbatimAndTheTokenInASecret() throws Exception {
        PluginInstall install = install(false);
        install.apply();
        DiscoveredPlugin plugin = discovered(install);

        AgentPod agentPod = install.run(plugin, "conformance-test", TOKEN);

        Pod pod = client.pods()
                .inNamespace(install.workflowNamespace())
                .withName("conformance-test-1340600742-agent")
                .get();
        assertThat(pod).as("the agent pod, named as Argo names it").isNotNull();
        assertThat(pod.getMetadata().getLabels())
                .containsEntry("workflows.argoproj.io/workflow", "conformance-test")
                .containsEntry("workflows.argoproj.io/completed", "false")
                .containsEntry("workflows.argoproj.io/component", "agent");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("OnFailure");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(8737L);
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType())
                .isEqualTo("RuntimeDefault");
        assertThat(pod.getSpec().getAutomountServiceAccountToken())
                .as("no service account token unless the plugin asks")
                .isFalse();

        assertThat(pod.getSpec().getContainers()).hasSize(1);
        Container sidecar = pod.getSpec().getContainers().get(0);
        Container declared = plugin.container();
        assertThat(declared.getResources().getLimits())
                .as("the manifest's limits reached discovery")
                .containsKeys("cpu", "memory");
        Container withoutAdditions = new io.fabric8.kubernetes.api.model.ContainerBuilder(sidecar)
                .withVolumeMounts(List.of())
                .withImagePullPolicy(null)
                .build();
        Container declaredWithoutMounts = new io.fabric8.kubernetes.api.model.ContainerBuilder(declared)
                .withVolumeMounts(List.of())
                .build();
        assertThat(withoutAdditions)
                .as("the sidecar is the ConfigMap's container, resources and securityContext included")
                .isEqualTo(declaredWithoutMounts);
        assertThat(sidecar.getImagePullPolicy())
                .as("the image is side-loaded; nothing may be pulled")
                .isEqualTo("Never");
        assertThat(sidecar.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getName()).isEqualTo("var-run-argo");
            assertThat(mount.getMountPath()).isEqualTo("/var/run/argo");
            assertThat(mount.getReadOnly()).isTrue();
            assertThat(mount.getSubPath()).isEqualTo("hello-executor-plugin");
        });

        Volume varRunArgo = pod.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("var-run-argo"))
                .findFirst()
                .orElseThrow();
        assertThat(varRunArgo.getSecret().getSecretName()).isEqualTo(agentPod.tokenSecretName());
        assertThat(varRunArgo.getSecret().getItems()).singleElement().satisfies(item -> {
            assertThat(item.getPath())
                    .as("the sidecar's subPath holds its token")
                    .isEqualTo("hello-executor-plugin/token");
            assertThat(item.getMode()).isEqualTo(0444);
        });
        Secret tokens = client.secrets()
                .inNamespace(install.workflowNamespace())
                .withName(agentPod.tokenSecretName())
                .get();
        assertThat(new String(
                        Base64.getDecoder()
                                .decode(tokens.getData()
                                        .get(varRunArgo
                                                .getSecret()
                                                .getItems()
                                                .get(0)
                                                .getKey())),
                        StandardCharsets.UTF_8))
                .as("the token, no trailing newline")
                .isEqualTo(TOKEN);
        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).containsExactly("var-run-argo");
        assertThat(client.serviceAccounts()
                        .inNamespace(install.workflowNamespace())
                        .withName("hello-executor-plugin")
                        .get())
                .as("no plugin service account when the plugin does not ask for one")
                .isNull();
    }

    @Test
    void mountsThePluginServiceAccountTokenOnlyIntoTheSidecarThatAsksForIt() throws Exception {
        PluginInstall install = install(true);
        install.apply();
        DiscoveredPlugin plugin = discovered(install);
        Thread tokenController = tokenController(install, Duration.ZERO);

        install.run(plugin, "conformance-sa", TOKEN);
        tokenController.join();

        Pod pod = install.pod();
        assertThat(pod.getSpec().getAutomountServiceAccountToken())
                .as("the pod's own token stays off")
                .isFalse();
        assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
                .filteredOn(m -> m.getMountPath().equals("/var/run/secrets/kubernetes.io/serviceaccount"))
                .singleElement()
                .extracting(VolumeMount::getReadOnly)
                .isEqualTo(true);
        assertThat(client.serviceAccounts()
                        .inNamespace(install.workflowNamespace())
                        .withName("hello-executor-plugin")
                        .get())
                .as("the <plugin>-executor-plugin service account Argo looks up")
                .isNotNull();
        Secret token = client.secrets()
                .inNamespace(install.workflowNamespace())
                .withName("hello-executor-plugin.service-account-token")
                .get();
        assertThat(token.getType()).isEqualTo("kubernetes.io/service-account-token");
        assertThat(token.getMetadata().getAnnotations())
                .containsEntry("kubernetes.io/service-account.name", "hello-executor-plugin");
    }

    @Test
    void createsThePodOnlyOnceTheTokenControllerHasFilledTheServiceAccountSecret() throws Exception {
        PluginInstall install = install(true);
        install.apply();
        DiscoveredPlugin plugin = discovered(install);
        AgentPod expected = AgentPod.forWorkflow("conformance-token", install.workflowNamespace());
        AtomicBoolean podBeforeToken = new AtomicBoolean();
        // kube-controller-manager's token controller, late: it fills the Secret 800 ms after it appears.
        Thread tokenController = Thread.ofVirtual().start(() -> {
            String secret = "hello-executor-plugin.service-account-token";
            while (client.secrets()
                            .inNamespace(install.workflowNamespace())
                            .withName(secret)
                            .get()
                    == null) {
                sleep(Duration.ofMillis(50));
            }
            sleep(Duration.ofMillis(800));
            podBeforeToken.set(client.pods()
                            .inNamespace(install.workflowNamespace())
                            .withName(expected.name())
                            .get()
                    != null);
            fillToken(install, secret);
        });
        long start = System.nanoTime();

        install.run(plugin, "conformance-token", TOKEN);
        tokenController.join();

        assertThat(podBeforeToken)
                .as("no agent pod while the token Secret is still empty: its volume would mount no token")
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("run waited for the token")
                .isGreaterThan(Duration.ofMillis(700));
        assertThat(install.pod())
                .as("the pod, created once the token was there")
                .isNotNull();
    }

    @Test
    void awaitReadyReturnsOnceTheKubeletReportsTheReadyCondition() throws Exception {
        PluginInstall install = running("conformance-ready");
        Thread kubelet = Thread.ofVirtual().start(() -> {
            sleep(Duration.ofMillis(600));
            writeStatus(
                    install,
                    new PodBuilder(install.pod())
                            .editOrNewStatus()
                            .withPhase("Running")
                            .withConditions(new PodConditionBuilder()
                                    .withType("Ready")
                                    .withStatus("True")
                                    .build())
                            .endStatus()
                            .build());
        });

        Duration took = install.awaitReady(Duration.ofSeconds(10));
        kubelet.join();

        assertThat(took)
                .as("after the kubelet wrote Ready, before the 10 s bound")
                .isBetween(Duration.ofMillis(500), Duration.ofSeconds(9));
    }

    @Test
    void awaitReadyGivesUpAtOnceWhenTheKubeletRefusesASidecarThatSetsRunAsUserZero() throws Exception {
        // The pod-level runAsUser 8737 means the kubelet never looks at the image's USER (verifyRunAsNonRoot); what it
        // refuses is a sidecar whose own securityContext sets runAsUser: 0 under runAsNonRoot.
        PluginInstall install = running("conformance-root", "0");
        Pod admitted = install.pod();
        assertThat(admitted.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(AgentPod.AGENT_USER);
        assertThat(admitted.getSpec()
                        .getContainers()
                        .get(0)
                        .getSecurityContext()
                        .getRunAsUser())
                .as("the sidecar's own user")
                .isZero();
        String refusal = "container's runAsUser breaks non-root policy (pod: \"conformance-root-1340600742-agent_"
                + install.workflowNamespace() + "(" + admitted.getMetadata().getUid()
                + ")\", container: hello-executor-plugin)";
        writeStatus(
                install,
                new PodBuilder(admitted)
                        .editOrNewStatus()
                        .withPhase("Pending")
                        .withContainerStatuses(new ContainerStatusBuilder()
                                .withName("hello-executor-plugin")
                                .withReady(false)
                                .withNewState()
                                .withNewWaiting()
                                .withReason("CreateContainerConfigError")
                                .withMessage(refusal)
                                .endWaiting()
                                .endState()
                                .build())
                        .endStatus()
                        .build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> install.awaitReady(Duration.ofSeconds(30)))
                .isInstanceOf(PluginInstall.PodNotReady.class)
                .hasMessageContaining(
                        "container hello-executor-plugin is waiting: CreateContainerConfigError: " + refusal)
                .hasMessageContaining("the sidecar's own securityContext sets runAsUser: 0")
                .hasMessageContaining("\"run as root unless they deliberately do so\", seed 001");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("no waiting out the bound")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aCrashLoopIsNotFinalWhileArgosOnFailureRestartsCanStillBringThePodUp() throws Exception {
        PluginInstall install = running("conformance-restart");
        writeStatus(
                install,
                new PodBuilder(install.pod())
                        .editOrNewStatus()
                        .withPhase("Running")
                        .withContainerStatuses(crashLooping(1))
                        .endStatus()
                        .build());
        Thread kubelet = Thread.ofVirtual().start(() -> {
            sleep(Duration.ofMillis(800)); // the kubelet's back-off over, the second start stays up
            writeStatus(
                    install,
                    new PodBuilder(install.pod())
                            .editOrNewStatus()
                            .withPhase("Running")
                            .withContainerStatuses(new ContainerStatusBuilder()
                                    .withName("hello-executor-plugin")
                                    .withReady(true)
                                    .withRestartCount(1)
                                    .withNewState()
                                    .withNewRunning()
                                    .endRunning()
                                    .endState()
                                    .build())
                            .withConditions(new PodConditionBuilder()
                                    .withType("Ready")
                                    .withStatus("True")
                                    .build())
                            .endStatus()
                            .build());
        });

        Duration took = install.awaitReady(Duration.ofSeconds(10));
        kubelet.join();

        assertThat(took)
                .as("Ready after one restart, as under Argo's restartPolicy: OnFailure")
                .isBetween(Duration.ofMillis(700), Duration.ofSeconds(9));
    }

    @Test
    void aSidecarThatKeepsCrashingIsJudgedAfterThreeRestartsWithItsLastExit() throws Exception {
        PluginInstall install = running("conformance-crash");
        writeStatus(
                install,
                new PodBuilder(install.pod())
                        .editOrNewStatus()
                        .withPhase("Running")
                        .withContainerStatuses(crashLooping(PluginInstall.CRASH_RESTARTS))
                        .endStatus()
                        .build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> install.awaitReady(Duration.ofSeconds(30)))
                .isInstanceOf(PluginInstall.PodNotReady.class)
                .hasMessageContaining(
                        "container hello-executor-plugin is waiting: CrashLoopBackOff: back-off 40s restarting failed container")
                .hasMessageContaining("3 restarts under restartPolicy: OnFailure; it last exited with code 1 (Error)");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("no waiting out the bound")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theEventsShownAreTheNewestEvenWhenTheSchedulerLeftLastTimestampNull() throws Exception {
        PluginInstall install = running("conformance-events");
        AgentPod agentPod = AgentPod.forWorkflow("conformance-events", install.workflowNamespace());
        // Seven kubelet events (core/v1: lastTimestamp, whole seconds), then the scheduler's, written through
        // events.k8s.io/v1: no lastTimestamp, an eventTime with microseconds half a second after the newest of them;
        // then one with only the creation time the API server gives it (now, the newest).
        Instant base = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 7; i++) {
            event(
                    install,
                    agentPod,
                    "kubelet-" + i,
                    new EventBuilder()
                            .withReason("BackOff")
                            .withMessage("kubelet event " + i)
                            .withLastTimestamp(base.plusSeconds(i).toString())
                            .withFirstTimestamp(base.toString()));
        }
        event(
                install,
                agentPod,
                "scheduler",
                new EventBuilder()
                        .withReason("FailedScheduling")
                        .withMessage("0/1 nodes are available: 1 Insufficient memory.")
                        .withEventTime(new MicroTime(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
                                .withZone(ZoneOffset.UTC)
                                .format(base.plusMillis(6500)))));
        event(
                install,
                agentPod,
                "created",
                new EventBuilder().withReason("Pulled").withMessage("only a creation time"));

        assertThatThrownBy(() -> install.awaitReady(Duration.ofSeconds(1)))
                .isInstanceOf(PluginInstall.PodNotReady.class)
                .hasMessageEndingWith("BackOff: kubelet event 3 | BackOff: kubelet event 4"
                        + " | BackOff: kubelet event 5 | BackOff: kubelet event 6 | FailedScheduling: 0/1 nodes are available: 1 Insufficient memory."
                        + " | Pulled: only a creation time");
    }

    @Test
    void awaitReadyStopsAtItsBoundAndSaysWhatThePodWasDoing() throws Exception {
        PluginInstall install = running("conformance-slow");
        writeStatus(
                install,
                new PodBuilder(install.pod())
                        .editOrNewStatus()
                        .withPhase("Pending")
                        .withConditions(new PodConditionBuilder()
                                .withType("Ready")
                                .withStatus("False")
                                .withReason("ContainersNotReady")
                                .build())
                        .withContainerStatuses(new ContainerStatusBuilder()
                                .withName("hello-executor-plugin")
                                .withNewState()
                                .withNewWaiting()
                                .withReason("ContainerCreating")
                                .endWaiting()
                                .endState()
                                .build())
                        .endStatus()
                        .build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> install.awaitReady(Duration.ofSeconds(1)))
                .isInstanceOf(PluginInstall.PodNotReady.class)
                .hasMessageContaining("is Pending")
                .hasMessageContaining("Ready=False ContainersNotReady")
                .hasMessageContaining("container hello-executor-plugin waiting: ContainerCreating")
                .hasMessageContaining("not Ready within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
    }

    @Test
    void aPodWithoutASandboxIsTheClustersFaultNotThePlugins() throws Exception {
        PluginInstall install = running("conformance-nopause");
        AgentPod agentPod = AgentPod.forWorkflow("conformance-nopause", install.workflowNamespace());
        client.v1()
                .events()
                .inNamespace(install.workflowNamespace())
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName(agentPod.name() + ".1")
                        .withNamespace(install.workflowNamespace())
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withKind("Pod")
                        .withName(agentPod.name())
                        .withNamespace(install.workflowNamespace())
                        .endInvolvedObject()
                        .withReason("FailedCreatePodSandBox")
                        .withMessage(
                                "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to start sandbox: failed to create containerd task")
                        .build())
                .create();

        assertThatThrownBy(() -> install.awaitReady(Duration.ofSeconds(1)))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("could not create the agent pod's sandbox")
                .hasMessageContaining("failed to create containerd task")
                .hasMessageContaining("with the pause image argo-conformance/pause:catatonit the suite preloaded");
    }

    @Test
    void anImageTheKubeletCannotFindAfterTheSideLoadIsTheClustersFault() throws Exception {
        PluginInstall install = running("conformance-noimage");
        writeStatus(
                install,
                new PodBuilder(install.pod())
                        .editOrNewStatus()
                        .withPhase("Pending")
                        .withContainerStatuses(new ContainerStatusBuilder()
                                .withName("hello-executor-plugin")
                                .withNewState()
                                .withNewWaiting()
                                .withReason("ErrImageNeverPull")
                                .withMessage(
                                        "Container image \"argo-conformance/hello-executor:latest\" is not present with pull policy of Never")
                                .endWaiting()
                                .endState()
                                .build())
                        .endStatus()
                        .build());

        assertThatThrownBy(() -> install.awaitReady(Duration.ofSeconds(30)))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("although the suite loaded it")
                .hasMessageContaining("is not present with pull policy of Never");
    }

    @Test
    void closeRemovesEverythingItCreated() throws Exception {
        PluginInstall install = install(true);
        install.apply();
        Thread tokenController = tokenController(install, Duration.ZERO);
        AgentPod agentPod = install.run(discovered(install), "conformance-gone", TOKEN);
        tokenController.join();
        String workflow = install.workflowNamespace();

        install.close();

        assertThat(client.pods().inNamespace(workflow).withName(agentPod.name()).get())
                .as("agent pod")
                .isNull();
        assertThat(client.secrets()
                        .inNamespace(workflow)
                        .withName(agentPod.tokenSecretName())
                        .get())
                .as("token Secret")
                .isNull();
        assertThat(client.secrets()
                        .inNamespace(workflow)
                        .withName("hello-executor-plugin.service-account-token")
                        .get())
                .isNull();
        assertThat(client.serviceAccounts()
                        .inNamespace(workflow)
                        .withName("hello-executor-plugin")
                        .get())
                .isNull();
        for (String namespace : List.of(install.installNamespace(), workflow)) {
            assertThat(client.configMaps()
                            .inNamespace(namespace)
                            .withName("hello-executor-plugin")
                            .get())
                    .as("ConfigMap in %s", namespace)
                    .isNull();
            assertThat(client.namespaces().withName(namespace).get())
                    .as("namespace %s", namespace)
                    .isNull();
        }
        assertThat(client.serviceAccounts()
                        .inNamespace(workflow)
                        .withName("default")
                        .get())
                .as("what the cluster made itself is not the install's to remove")
                .isNotNull();
    }

    @Test
    void buildsAManifestThatIsNotCalledPluginYamlAsTheCliWould() throws Exception {
        writePlugin(false);
        Files.move(dir.resolve("plugin.yaml"), dir.resolve("my-plugin.yaml"));

        PluginBuild build = PluginInstall.build(dir.resolve("my-plugin.yaml"));

        assertThat(build.manifest().name()).isEqualTo("hello");
        assertThat(build.manifest().container().getArgs())
                .as("the server.* beside it")
                .containsExactly("print('hello')\n");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A fresh install in namespaces of its own, with the `default` service account the cluster's controller would make. */
    private PluginInstall install(boolean automount) throws Exception {
        return install(automount, "65534");
    }

    private PluginInstall install(boolean automount, String sidecarUser) throws Exception {
        writePlugin(automount, sidecarUser);
        int n = NEXT.incrementAndGet();
        PluginInstall install = new PluginInstall(
                client, PluginInstall.build(dir.resolve("plugin.yaml")), "argo-" + n, "workflows-" + n);
        client.serviceAccounts()
                .inNamespace(install.workflowNamespace())
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("default")
                        .withNamespace(install.workflowNamespace())
                        .endMetadata()
                        .build())
                .create();
        installs.add(install);
        return install;
    }

    private PluginInstall running(String workflow) throws Exception {
        return running(workflow, "65534");
    }

    private PluginInstall running(String workflow, String sidecarUser) throws Exception {
        PluginInstall install = install(false, sidecarUser);
        install.apply();
        install.run(discovered(install), workflow, TOKEN);
        return install;
    }

    private static DiscoveredPlugin discovered(PluginInstall install) {
        return install.discover().plugins().stream()
                .filter(p -> p.name().equals("hello"))
                .findFirst()
                .orElseThrow();
    }

    private void writePlugin(boolean automount) throws IOException {
        writePlugin(automount, "65534");
    }

    private void writePlugin(boolean automount, String sidecarUser) throws IOException {
        Files.writeString(dir.resolve("plugin.yaml"), MANIFEST.formatted(automount, sidecarUser));
        Files.writeString(dir.resolve("server.py"), "print('hello')\n");
    }

    /** kube-controller-manager's token controller: fills the plugin's token Secret once it exists, after {@code delay}. */
    private static Thread tokenController(PluginInstall install, Duration delay) {
        return Thread.ofVirtual().start(() -> {
            String secret = "hello-executor-plugin.service-account-token";
            while (client.secrets()
                            .inNamespace(install.workflowNamespace())
                            .withName(secret)
                            .get()
                    == null) {
                sleep(Duration.ofMillis(50));
            }
            sleep(delay);
            fillToken(install, secret);
        });
    }

    private static void fillToken(PluginInstall install, String secret) {
        client.secrets()
                .inNamespace(install.workflowNamespace())
                .withName(secret)
                .edit(s -> new SecretBuilder(s)
                        .addToData(
                                "token",
                                Base64.getEncoder()
                                        .encodeToString("service-account-jwt".getBytes(StandardCharsets.UTF_8)))
                        .addToData("ca.crt", Base64.getEncoder().encodeToString("ca".getBytes(StandardCharsets.UTF_8)))
                        .addToData(
                                "namespace",
                                Base64.getEncoder()
                                        .encodeToString(
                                                install.workflowNamespace().getBytes(StandardCharsets.UTF_8)))
                        .build());
    }

    /** The sidecar as the kubelet reports it while backing off its restarts. */
    private static io.fabric8.kubernetes.api.model.ContainerStatus crashLooping(int restarts) {
        return new ContainerStatusBuilder()
                .withName("hello-executor-plugin")
                .withReady(false)
                .withRestartCount(restarts)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 40s restarting failed container=hello-executor-plugin")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withExitCode(1)
                .withReason("Error")
                .endTerminated()
                .endLastState()
                .build();
    }

    private static void event(PluginInstall install, AgentPod pod, String name, EventBuilder event) {
        client.v1()
                .events()
                .inNamespace(install.workflowNamespace())
                .resource(event.withNewMetadata()
                        .withName(pod.name() + "." + name)
                        .withNamespace(install.workflowNamespace())
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withKind("Pod")
                        .withName(pod.name())
                        .withNamespace(install.workflowNamespace())
                        .endInvolvedObject()
                        .build())
                .create();
    }

    /** What the kubelet does: write the pod's status subresource. */
    private static void writeStatus(PluginInstall install, Pod withStatus) {
        client.pods()
                .inNamespace(install.workflowNamespace())
                .resource(withStatus)
                .updateStatus();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
