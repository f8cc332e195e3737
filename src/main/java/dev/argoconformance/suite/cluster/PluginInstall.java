package dev.argoconformance.suite.cluster;

import dev.argoconformance.reference.discovery.DiscoveredPlugin;
import dev.argoconformance.reference.discovery.Discovery;
import dev.argoconformance.reference.discovery.KubernetesPluginSource;
import dev.argoconformance.reference.discovery.PluginCatalogue;
import dev.argoconformance.reference.manifest.ManifestException;
import dev.argoconformance.reference.manifest.PluginBuild;
import dev.argoconformance.suite.plugin.PluginContainer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One plugin installed into a cluster the way an Argo administrator installs it, then used the way the controller
 * uses it: namespaces for Argo and for workflows, the plugin's ConfigMap (built from plugin.yaml as
 * {@code argo executor-plugin build} builds it) applied into both, discovery back through the Kubernetes API with the
 * reference controller's catalogue, the agent pod run with the discovered sidecar, a bounded wait for it to be Ready,
 * and a port-forward so the reference agent can call it. {@link #close()} removes everything it created.
 *
 * <p>Every step talks to the API server only; the tests run it against fabric8's in-process API double and the
 * repository's kube-apiserver, the cluster tier against that kube-apiserver (no kubelet) or k3s.
 */
public final class PluginInstall implements AutoCloseable {

    /** Where Argo is installed, as its quick-start manifests install it. */
    public static final String INSTALL_NAMESPACE = "argo";

    /** A workflow namespace of its own, so the workflow-namespace precedence (DISCOVERY-01) has two namespaces to pick from. */
    public static final String WORKFLOW_NAMESPACE = "argo-conformance-workflows";

    /** How long the service-account controller gets to create {@code default} in a new namespace. */
    static final Duration SERVICE_ACCOUNT_BOUND = Duration.ofSeconds(60);

    /** How long kube-controller-manager's token controller gets to fill a new service-account token Secret. */
    static final Duration TOKEN_BOUND = Duration.ofSeconds(60);

    /**
     * Restarts after which a crash-looping sidecar is judged. Argo's agent pod has {@code restartPolicy: OnFailure},
     * so a plugin that exits once at start (a race on a file, say) and then stays up works under Argo. A count, not a
     * time: the kubelet's back-off (10 s, 20 s, 40 s) puts the third restart about 70 s after the first exit, inside
     * the Ready bound, and a start-up race that loses three times in a row is not a race.
     */
    static final int CRASH_RESTARTS = 3;

    /** How long the plugin gets to answer HTTP through the port-forward once its pod is Ready. */
    public static final Duration ANSWER_BOUND = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(250);

    /** The kubelet's words for an image it may not pull and does not have, and for a pod it could not give a sandbox. */
    private static final String NEVER_PULL = "ErrImageNeverPull";

    private static final String SANDBOX_FAILED = "FailedCreatePodSandBox";

    /** Waiting reasons that never turn into Running by themselves: waiting longer only hides them. */
    private static final Set<String> HOPELESS = Set.of(
            "CreateContainerConfigError", "CreateContainerError", NEVER_PULL, "InvalidImageName", "RunContainerError");

    /** The kubelet restarting a container that keeps exiting: hopeless only after {@link #CRASH_RESTARTS}. */
    private static final String CRASH_LOOP = "CrashLoopBackOff";

    /** The kubelet's refusal in verifyRunAsNonRoot when a container's own runAsUser is 0 under runAsNonRoot. */
    private static final String NON_ROOT_REFUSAL = "breaks non-root policy";

    private final KubernetesClient client;
    private final PluginBuild build;
    private final String installNamespace;
    private final String workflowNamespace;
    private final List<HasMetadata> created = new ArrayList<>();
    private AgentPod agentPod;
    private LocalPortForward forward;

    public PluginInstall(KubernetesClient client, PluginBuild build) {
        this(client, build, INSTALL_NAMESPACE, WORKFLOW_NAMESPACE);
    }

    public PluginInstall(
            KubernetesClient client, PluginBuild build, String installNamespace, String workflowNamespace) {
        this.client = client;
        this.build = build;
        this.installNamespace = installNamespace;
        this.workflowNamespace = workflowNamespace;
    }

    /**
     * {@code argo executor-plugin build} on the run's manifest. The CLI reads {@code DIR/plugin.yaml}; a manifest
     * under another name is copied into a fresh folder as {@code plugin.yaml}, with the {@code server.*} file beside it.
     */
    public static PluginBuild build(Path manifest) throws ManifestException {
        Path dir = manifest.toAbsolutePath().getParent();
        if (manifest.getFileName().toString().equals("plugin.yaml")) {
            return PluginBuild.of(dir);
        }
        Path copy = null;
        try {
            copy = Files.createTempDirectory("argo-conformance-build-");
            Files.copy(manifest, copy.resolve("plugin.yaml"), StandardCopyOption.REPLACE_EXISTING);
            try (DirectoryStream<Path> servers = Files.newDirectoryStream(dir, "server.*")) {
                for (Path server : servers) {
                    Files.copy(server, copy.resolve(server.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return PluginBuild.of(copy); // reads everything it needs now; the copy can go
        } catch (IOException e) {
            throw new ClusterException("could not copy " + manifest + " to build its ConfigMap: " + e.getMessage(), e);
        } finally {
            deleteQuietly(copy);
        }
    }

    public String installNamespace() {
        return installNamespace;
    }

    public String workflowNamespace() {
        return workflowNamespace;
    }

    /** The plugin's name as Argo knows it: the manifest's {@code metadata.name}. */
    public String pluginName() {
        return build.manifest().name();
    }

    /**
     * Creates both namespaces and applies the ConfigMap into each, as {@code kubectl apply -n <ns> -f
     * <name>-executor-plugin-configmap.yaml} would; returns the ConfigMaps as the API server now holds them, install
     * namespace first.
     */
    public List<ConfigMap> apply() {
        List<ConfigMap> stored = new ArrayList<>();
        for (String namespace : List.of(installNamespace, workflowNamespace)) {
            ensureNamespace(namespace);
            ConfigMap configMap = new ConfigMapBuilder(build.configMap())
                    .editMetadata()
                    .withNamespace(namespace)
                    .endMetadata()
                    .build();
            stored.add(track(client.configMaps()
                    .inNamespace(namespace)
                    .resource(configMap)
                    .createOr(r -> r.update())));
        }
        return stored;
    }

    /** The plugins an agent pod for a workflow in the workflow namespace gets, read back through the API server. */
    public Discovery discover() {
        return discover(workflowNamespace);
    }

    /** The plugins an agent pod for a workflow in {@code namespace} gets: the install namespace's and that namespace's. */
    public Discovery discover(String namespace) {
        return new PluginCatalogue(new KubernetesPluginSource(client), installNamespace).forWorkflow(namespace);
    }

    /**
     * Creates the agent pod for a workflow named {@code workflowName} with the plugin's sidecar, as the controller does
     * when the workflow reaches a plugin template: the token Secret first, the plugin's service account and its token
     * Secret when the plugin asks for them, then the pod. Returns what was created.
     */
    public AgentPod run(DiscoveredPlugin plugin, String workflowName, String token) {
        awaitDefaultServiceAccount();
        AgentPod pod = AgentPod.forWorkflow(workflowName, workflowNamespace).withPlugin(plugin, token);
        track(client.secrets()
                .inNamespace(workflowNamespace)
                .resource(pod.tokenSecret())
                .create());
        if (plugin.automountServiceAccountToken()) {
            createPluginServiceAccount(plugin);
            // A Secret volume mounts the keys that exist when the pod starts: an unfilled one would be an empty folder.
            awaitServiceAccountToken(AgentPod.serviceAccountTokenSecretName(plugin));
        }
        track(client.pods().inNamespace(workflowNamespace).resource(pod.pod()).create());
        this.agentPod = pod;
        return pod;
    }

    /** The pod as the API server holds it now. */
    public Pod pod() {
        requireRunning();
        return client.pods()
                .inNamespace(workflowNamespace)
                .withName(agentPod.name())
                .get();
    }

    /**
     * Waits until the agent pod's Ready condition is True, or until {@code bound} passes, or until a container is in a
     * state it will not leave by itself (the kubelet refused it, the image is missing, it keeps crashing).
     *
     * @return how long it took
     * @throws PodNotReady saying what the pod and its containers were doing, with the pod's events
     */
    public Duration awaitReady(Duration bound) throws PodNotReady {
        requireRunning();
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        Pod pod = null;
        while (true) {
            pod = client.pods()
                    .inNamespace(workflowNamespace)
                    .withName(agentPod.name())
                    .get();
            if (pod == null) {
                throw new PodNotReady("the agent pod " + workflowNamespace + "/" + agentPod.name() + " is gone");
            }
            if (isReady(pod)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            String hopeless = hopeless(pod);
            if (hopeless != null && hopeless.contains(NEVER_PULL)) {
                // The suite side-loaded the image under the sidecar's name; the kubelet not finding it is the harness's
                // fault.
                throw new ClusterException(
                        "k3s has no image for the agent pod although the suite loaded it: " + hopeless);
            }
            if (hopeless != null) {
                throw new PodNotReady(describe(pod, Duration.ofNanos(System.nanoTime() - start)) + "; " + hopeless
                        + format(events()));
            }
            if (System.nanoTime() > deadline) {
                List<Event> events = events();
                events.stream()
                        .filter(e -> SANDBOX_FAILED.equals(e.getReason()))
                        .reduce((first, last) -> last)
                        .ifPresent(e -> {
                            // No sandbox, no container: nothing of the plugin ran, so this says nothing about the
                            // plugin.
                            throw new ClusterException("k3s could not create the agent pod's sandbox ("
                                    + nullToEmpty(e.getMessage()).strip()
                                    + ") with the pause image " + K3sImage.PAUSE + " the suite preloaded (built by "
                                    + K3sImage.PAUSE_SCRIPT + "); this is the cluster's trouble, not the plugin's.");
                        });
                throw new PodNotReady(
                        describe(pod, bound) + "; not Ready within " + bound.toSeconds() + " s" + format(events));
            }
            sleep(POLL);
        }
    }

    /**
     * Forwards a local port to the plugin's port in the agent pod and waits, within {@code bound}, for any HTTP
     * answer through it. The forward enters the pod's network namespace, so the plugin is called on
     * {@code localhost:<port>} from inside the pod, where Argo's agent calls it from.
     */
    public URI forward(DiscoveredPlugin plugin, Duration bound) {
        requireRunning();
        int port = plugin.address().getPort();
        forward = client.pods()
                .inNamespace(workflowNamespace)
                .withName(agentPod.name())
                .portForward(port);
        URI url = URI.create("http://localhost:" + forward.getLocalPort());
        awaitAnswer(
                url,
                bound,
                () -> "the plugin in " + agentPod.name() + " did not answer HTTP on its port " + port
                        + " through the port-forward");
        return url;
    }

    /** Removes what this install created, newest first, and closes the port-forward; safe to call twice. */
    @Override
    public void close() {
        if (forward != null) {
            try {
                forward.close();
            } catch (IOException ignored) {
                // the cluster may be gone already
            }
            forward = null;
        }
        List<HasMetadata> toDelete;
        synchronized (created) {
            toDelete = new ArrayList<>(created);
            created.clear();
        }
        for (int i = toDelete.size() - 1; i >= 0; i--) {
            try {
                client.resource(toDelete.get(i)).delete();
            } catch (KubernetesClientException e) {
                // already gone, or the API server with it; nothing of ours is left that we can still reach
            }
        }
    }

    private void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() != null) {
            return;
        }
        Namespace namespace = new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of(PluginContainer.LABEL, "namespace"))
                .endMetadata()
                .build();
        track(client.namespaces().resource(namespace).create());
    }

    /** Argo mounts the token of {@code <plugin>-executor-plugin}; on Kubernetes 1.24+ its Secret has to be made by hand. */
    private void createPluginServiceAccount(DiscoveredPlugin plugin) {
        String name = AgentPod.serviceAccountName(plugin);
        ServiceAccount account = new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(workflowNamespace)
                .withLabels(Map.of(PluginContainer.LABEL, "plugin-service-account"))
                .endMetadata()
                .build();
        track(client.serviceAccounts()
                .inNamespace(workflowNamespace)
                .resource(account)
                .createOr(r -> r.update()));
        Secret token = new SecretBuilder()
                .withNewMetadata()
                .withName(AgentPod.serviceAccountTokenSecretName(plugin))
                .withNamespace(workflowNamespace)
                .withLabels(Map.of(PluginContainer.LABEL, "plugin-service-account"))
                .withAnnotations(Map.of("kubernetes.io/service-account.name", name))
                .endMetadata()
                .withType("kubernetes.io/service-account-token")
                .build();
        track(client.secrets().inNamespace(workflowNamespace).resource(token).createOr(r -> r.update()));
    }

    /** The token controller fills {@code data.token} (with ca.crt and namespace) shortly after the Secret is made. */
    private void awaitServiceAccountToken(String secretName) {
        long deadline = System.nanoTime() + TOKEN_BOUND.toNanos();
        while (true) {
            Secret secret = client.secrets()
                    .inNamespace(workflowNamespace)
                    .withName(secretName)
                    .get();
            if (secret != null
                    && secret.getData() != null
                    && secret.getData().get("token") != null
                    && !secret.getData().get("token").isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("the service-account token Secret " + workflowNamespace + "/" + secretName
                        + " got no token within " + TOKEN_BOUND.toSeconds()
                        + " s: is k3s's controller manager running?");
            }
            sleep(POLL);
        }
    }

    /** The ServiceAccount admission plugin refuses a pod whose account does not exist yet; a new namespace gets it shortly. */
    private void awaitDefaultServiceAccount() {
        long deadline = System.nanoTime() + SERVICE_ACCOUNT_BOUND.toNanos();
        while (client.serviceAccounts()
                        .inNamespace(workflowNamespace)
                        .withName("default")
                        .get()
                == null) {
            if (System.nanoTime() > deadline) {
                throw new ClusterException(
                        "the service account default did not appear in namespace " + workflowNamespace + " within "
                                + SERVICE_ACCOUNT_BOUND.toSeconds() + " s: is k3s's controller manager running?");
            }
            sleep(POLL);
        }
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** A container stuck for good, in the kubelet's words, or null. */
    private static String hopeless(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        if ("Failed".equals(pod.getStatus().getPhase())) {
            return "the pod failed: " + nullToEmpty(pod.getStatus().getReason()) + " "
                    + nullToEmpty(pod.getStatus().getMessage());
        }
        for (ContainerStatus status : containerStatuses(pod)) {
            if (status.getState() == null || status.getState().getWaiting() == null) {
                continue;
            }
            String reason = status.getState().getWaiting().getReason();
            String message = nullToEmpty(status.getState().getWaiting().getMessage());
            String waiting = "container " + status.getName() + " is waiting: " + reason
                    + (message.isEmpty() ? "" : ": " + message);
            if (HOPELESS.contains(reason) && message.contains(NON_ROOT_REFUSAL)) {
                return waiting + " (the agent pod runs as user " + AgentPod.AGENT_USER
                        + " under runAsNonRoot: true, and the"
                        + " sidecar's own securityContext sets runAsUser: 0; the kubelet refuses to start it: a plugin may not"
                        + " \"run as root unless they deliberately do so\", seed 001)";
            }
            if (HOPELESS.contains(reason)) {
                return waiting;
            }
            int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();
            if (CRASH_LOOP.equals(reason) && restarts >= CRASH_RESTARTS) {
                var last = status.getLastState() == null
                        ? null
                        : status.getLastState().getTerminated();
                return waiting + " (" + restarts + " restarts under restartPolicy: OnFailure"
                        + (last == null
                                ? ""
                                : "; it last exited with code " + last.getExitCode()
                                        + (last.getReason() == null ? "" : " (" + last.getReason() + ")"))
                        + ")";
            }
        }
        return null;
    }

    /** Phase, conditions and every container's state, in one line. */
    static String describe(Pod pod, Duration after) {
        StringBuilder out = new StringBuilder("the agent pod "
                + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
        String phase =
                pod.getStatus() == null ? "" : nullToEmpty(pod.getStatus().getPhase());
        out.append(" is ")
                .append(phase.isEmpty() ? "not scheduled" : phase)
                .append(" after ")
                .append(after.toSeconds())
                .append(" s");
        if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            out.append(" (")
                    .append(pod.getStatus().getConditions().stream()
                            .map(PluginInstall::condition)
                            .collect(Collectors.joining(", ")))
                    .append(")");
        }
        for (ContainerStatus status : containerStatuses(pod)) {
            out.append("; container ").append(status.getName()).append(" ").append(state(status));
        }
        return out.toString();
    }

    private static String condition(PodCondition c) {
        return c.getType() + "=" + c.getStatus() + (c.getReason() == null ? "" : " " + c.getReason());
    }

    private static String state(ContainerStatus status) {
        var state = status.getState();
        if (state == null) {
            return "has no state";
        }
        if (state.getWaiting() != null) {
            return "waiting: " + state.getWaiting().getReason();
        }
        if (state.getTerminated() != null) {
            return "terminated: " + state.getTerminated().getReason() + " (exit code "
                    + state.getTerminated().getExitCode() + ")";
        }
        return "running, " + status.getRestartCount() + " restart(s)";
    }

    /** The pod's events, oldest first (sandbox and image trouble show up only there); empty when they cannot be read. */
    private List<Event> events() {
        try {
            return client.v1().events().inNamespace(workflowNamespace).list().getItems().stream()
                    .filter(e -> e.getInvolvedObject() != null
                            && agentPod.name().equals(e.getInvolvedObject().getName()))
                    .sorted(Comparator.comparing(PluginInstall::lastSeen))
                    .toList();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    /**
     * When an event last happened. Events written through events.k8s.io/v1, the scheduler's among them, leave
     * {@code lastTimestamp} null and carry {@code eventTime} (and {@code series.lastObservedTime} once repeated);
     * the kubelet's core/v1 events carry {@code lastTimestamp}. Timestamps and micro-timestamps differ in precision,
     * so they are compared as instants, not as strings.
     */
    static Instant lastSeen(Event event) {
        String seen = event.getLastTimestamp();
        if (seen == null && event.getSeries() != null && event.getSeries().getLastObservedTime() != null) {
            seen = event.getSeries().getLastObservedTime().getTime();
        }
        if (seen == null && event.getEventTime() != null) {
            seen = event.getEventTime().getTime();
        }
        if (seen == null) {
            seen = event.getFirstTimestamp();
        }
        if (seen == null && event.getMetadata() != null) {
            seen = event.getMetadata().getCreationTimestamp();
        }
        try {
            return seen == null ? Instant.EPOCH : Instant.parse(seen);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String format(List<Event> events) {
        if (events.isEmpty()) {
            return "";
        }
        return "; events: "
                + events.subList(Math.max(0, events.size() - 6), events.size()).stream()
                        .map(e -> e.getReason() + ": "
                                + nullToEmpty(e.getMessage()).strip())
                        .collect(Collectors.joining(" | "));
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>();
        if (pod.getStatus() != null && pod.getStatus().getInitContainerStatuses() != null) {
            all.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            all.addAll(pod.getStatus().getContainerStatuses());
        }
        return all;
    }

    /** Any HTTP status will do: the point is that something listens on the plugin's port. */
    static void awaitAnswer(URI url, Duration bound, Supplier<String> what) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + bound.toNanos();
        String last = "no attempt";
        while (true) {
            try {
                http.send(
                        HttpRequest.newBuilder(url.resolve("/"))
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for " + url, e);
            }
            if (System.nanoTime() > deadline) {
                throw new PodAnswerTimeout(
                        what.get() + " within " + bound.toSeconds() + " s (last attempt: " + last + ")");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private <T extends HasMetadata> T track(T resource) {
        synchronized (created) {
            created.add(resource);
        }
        return resource;
    }

    private void requireRunning() {
        if (agentPod == null) {
            throw new IllegalStateException("no agent pod: call run(...) first");
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp folder; the OS cleans it up
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while waiting on the cluster", e);
        }
    }

    /** The agent pod did not become Ready: the plugin's failure (a sidecar setting runAsUser: 0, a crash loop, a bad image). */
    public static final class PodNotReady extends Exception {
        PodNotReady(String message) {
            super(message);
        }
    }

    /** The pod is Ready but nothing answers on the plugin's port through the forward. */
    public static final class PodAnswerTimeout extends RuntimeException {
        PodAnswerTimeout(String message) {
            super(message);
        }
    }
}
