package dev.argoconformance.suite.cluster;

import dev.argoconformance.reference.discovery.DiscoveredPlugin;
import dev.argoconformance.suite.plugin.PluginContainer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent pod Argo's workflow controller creates for a workflow that has plugin templates
 * ({@code workflow/controller/agent.go}, argo-behaviour.md §W6), reduced to what a plugin sees of it.
 *
 * <p>Kept as Argo builds it: the name {@code <workflow>-1340600742-agent}; the labels; {@code restartPolicy: OnFailure};
 * the pod-level securityContext {@code runAsNonRoot: true, runAsUser: 8737, seccompProfile: RuntimeDefault}, which
 * applies to a sidecar that does not set its own (the seccomp profile since v3.6.0, #12984, {@code MinimalPodSC}: a
 * plugin making syscalls RuntimeDefault blocks runs on v3.3 to v3.5 and fails from v3.6.0; Argo never sets the
 * sidecar's own securityContext, so neither does this pod); {@code automountServiceAccountToken: false}; each plugin's sidecar
 * container verbatim from its ConfigMap, with {@code var-run-argo} mounted read-only at {@code /var/run/argo} with
 * {@code subPath: <container name>}, and the {@code <plugin>-executor-plugin} service account's token mounted only when
 * the plugin asks for it.
 *
 * <p>Simplified, on purpose:
 * <ul>
 *   <li>No {@code main} container and no {@code init} container: the reference agent runs in the suite's JVM and
 *       reaches the sidecar through a port-forward, which enters the pod's network namespace, so the plugin is still
 *       called on {@code localhost:<port>} from inside the pod, as Argo's main container calls it.
 *   <li>The token comes from a Secret, not from {@code argoexec agent init}. Argo's init container runs the argoexec
 *       image, which an air-gapped k3s cannot pull, and the plugin image may be distroless, so nothing in the cluster
 *       could write the file. The Secret volume is named {@code var-run-argo} and holds {@code <container>/token},
 *       so the sidecar's mount is exactly Argo's and the plugin reads {@code /var/run/argo/token}, with no trailing
 *       newline. Its mode is 0444, not Argo's 0440: Secret files belong to root, and 0440 would lock out every
 *       non-root sidecar, which Argo's own file (owned by the init container's user) does not.
 *   <li>{@code imagePullPolicy: Never} on the sidecar, the one field changed in it: the image is side-loaded into
 *       k3s's containerd and no registry is reachable, so a {@code :latest} image's default (Always) could never start;
 *       with Never a missing image fails at once ({@code ErrImageNeverPull}) instead of backing off.
 * </ul>
 */
public final class AgentPod {

    /** The agent pod's user (workflow/common/security_context.go). */
    public static final long AGENT_USER = 8737L;

    /** Argo's shared volume, and where every sidecar finds its own part of it. */
    public static final String VAR_RUN_ARGO = "var-run-argo";

    public static final String VAR_RUN_ARGO_PATH = "/var/run/argo";

    /** Where Kubernetes mounts a service account's token, and where Argo mounts the plugin's. */
    public static final String SERVICE_ACCOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

    /** The pod's labels as the controller sets them, and the suite's own. */
    public static final String WORKFLOW_LABEL = "workflows.argoproj.io/workflow";

    public static final String COMPLETED_LABEL = "workflows.argoproj.io/completed";
    public static final String COMPONENT_LABEL = "workflows.argoproj.io/component";

    /** {@code wf.NodeID("agent")}: the workflow name and FNV-32a of "agent". */
    static final String AGENT_NODE_SUFFIX = "-1340600742-agent";

    /** Readable by whatever user the sidecar runs as: octal 0444. */
    static final int TOKEN_MODE = 0444;

    private record Sidecar(DiscoveredPlugin plugin, String token) {}

    private final String workflowName;
    private final String namespace;
    private final List<Sidecar> sidecars = new ArrayList<>();

    private AgentPod(String workflowName, String namespace) {
        this.workflowName = workflowName;
        this.namespace = namespace;
    }

    /** The agent pod of the workflow {@code workflowName}, created in the workflow's namespace. */
    public static AgentPod forWorkflow(String workflowName, String namespace) {
        return new AgentPod(workflowName, namespace);
    }

    /** Adds a plugin's sidecar, with the token Argo's init step would write for it. */
    public AgentPod withPlugin(DiscoveredPlugin plugin, String token) {
        sidecars.add(new Sidecar(plugin, token));
        return this;
    }

    public String name() {
        return workflowName + AGENT_NODE_SUFFIX;
    }

    public String namespace() {
        return namespace;
    }

    public String workflowName() {
        return workflowName;
    }

    /** The Secret behind {@code var-run-argo}. */
    public String tokenSecretName() {
        return name() + "-" + VAR_RUN_ARGO;
    }

    /** The service account Argo mounts into a plugin that asks for one: {@code <plugin>-executor-plugin}, in the workflow's namespace. */
    public static String serviceAccountName(DiscoveredPlugin plugin) {
        return plugin.name() + "-executor-plugin";
    }

    /**
     * The token Secret of that service account, by the last of Argo's three ways of finding it
     * ({@code util/secrets/secret_name.go}): {@code <sa>.service-account-token}. On Kubernetes 1.24+ someone has to
     * create it; the suite does, as an installer would.
     */
    public static String serviceAccountTokenSecretName(DiscoveredPlugin plugin) {
        return serviceAccountName(plugin) + ".service-account-token";
    }

    /** Each sidecar's token at {@code <container name>/token}, without a trailing newline. */
    public Secret tokenSecret() {
        Map<String, String> data = new LinkedHashMap<>();
        for (Sidecar sidecar : sidecars) {
            data.put(
                    tokenKey(sidecar),
                    Base64.getEncoder().encodeToString(sidecar.token().getBytes(StandardCharsets.UTF_8)));
        }
        return new SecretBuilder()
                .withNewMetadata()
                .withName(tokenSecretName())
                .withNamespace(namespace)
                .withLabels(Map.of(PluginContainer.LABEL, "agent-token", WORKFLOW_LABEL, workflowName))
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    public Pod pod() {
        List<Container> containers = new ArrayList<>();
        List<Volume> volumes = new ArrayList<>();
        for (int i = 0; i < sidecars.size(); i++) {
            Sidecar sidecar = sidecars.get(i);
            ContainerBuilder container = new ContainerBuilder(sidecar.plugin().container())
                    .withImagePullPolicy("Never")
                    .addNewVolumeMount()
                    .withName(VAR_RUN_ARGO)
                    .withMountPath(VAR_RUN_ARGO_PATH)
                    .withReadOnly(true)
                    .withSubPath(sidecar.plugin().container().getName())
                    .endVolumeMount();
            if (sidecar.plugin().automountServiceAccountToken()) {
                String volume = "executor-plugin-sa-token-" + i;
                container
                        .addNewVolumeMount()
                        .withName(volume)
                        .withMountPath(SERVICE_ACCOUNT_PATH)
                        .withReadOnly(true)
                        .endVolumeMount();
                volumes.add(new VolumeBuilder()
                        .withName(volume)
                        .withNewSecret()
                        .withSecretName(serviceAccountTokenSecretName(sidecar.plugin()))
                        .endSecret()
                        .build());
            }
            containers.add(container.build());
        }
        volumes.add(new VolumeBuilder()
                .withName(VAR_RUN_ARGO)
                .withNewSecret()
                .withSecretName(tokenSecretName())
                .withDefaultMode(TOKEN_MODE)
                .withItems(sidecars.stream()
                        .map(s -> new KeyToPath(tokenKey(s), TOKEN_MODE, tokenPath(s)))
                        .toList())
                .endSecret()
                .build());
        return new PodBuilder()
                .withNewMetadata()
                .withName(name())
                .withNamespace(namespace)
                .withLabels(labels())
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("OnFailure")
                .withServiceAccountName("default")
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(AGENT_USER)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withContainers(containers)
                .withVolumes(volumes)
                .endSpec()
                .build();
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(WORKFLOW_LABEL, workflowName);
        labels.put(COMPLETED_LABEL, "false");
        labels.put(COMPONENT_LABEL, "agent");
        labels.put(PluginContainer.LABEL, "agent");
        return labels;
    }

    /** Container names are DNS labels, which are valid Secret keys too. */
    private static String tokenKey(Sidecar sidecar) {
        return sidecar.plugin().container().getName() + ".token";
    }

    private static String tokenPath(Sidecar sidecar) {
        return sidecar.plugin().container().getName() + "/token";
    }
}
