package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.discovery.DiscoveredPlugin;
import dev.argoconformance.reference.discovery.Discovery;
import dev.argoconformance.reference.manifest.ManifestException;
import dev.argoconformance.reference.manifest.PluginBuild;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.certification.RunFacts;
import dev.argoconformance.suite.cluster.AgentPod;
import dev.argoconformance.suite.cluster.ClusterTier;
import dev.argoconformance.suite.cluster.K3sImage;
import dev.argoconformance.suite.cluster.KubeApiServer;
import dev.argoconformance.suite.cluster.PluginInstall;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.plugin.SampleImages;
import dev.argoconformance.suite.plugin.Targets;
import dev.argoconformance.suite.plugin.Tokens;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The cluster tier: the plugin installed from its ConfigMap, run as a sidecar of an agent pod, and called there.
 * {@code -Dplugin.cluster=api} installs it on the JVM's kube-apiserver (no kubelet: the {@code @k3s} scenarios are
 * not selected), in namespaces of the run's own; {@code -Dplugin.cluster=k3s} in the run's k3s. Every step first asks
 * whether this machine has the tier's binary or image; when it has not, the scenario is Disabled with the tier's
 * sentence. The install is made once per run and shared by the scenarios; a stage that fails is the failure of the
 * scenario whose clause it is, and blocks the later scenarios. This is that install and its stages; the steps are
 * {@link ClusterDiscoverySteps}, {@link AgentPodSteps} and {@link ClusterCallSteps}, which share it through
 * picocontainer.
 */
public final class ClusterStages {

    /** How long the agent pod gets in the one scenario that does not name its own bound. */
    static final Duration READY_BOUND = Duration.ofSeconds(120);

    static final String APPLY = "EXEC-CLUSTER-01";
    static final String RUN = "EXEC-CLUSTER-02";
    static final String CALL = "EXEC-CLUSTER-03";
    static final String START = "EXEC-CLUSTER-04";

    static final String CONFIGMAP_TYPE = "workflows.argoproj.io/configmap-type";

    private final World world;

    public ClusterStages(World world) {
        this.world = world;
    }

    /** The run's install, after the tier's availability check: Disabled comes before anything else. */
    Installed installed() {
        CertificationRun run = world.run();
        RunOptions options = run.options();
        Supplier<Target> target;
        if (options.cluster().orElse("").equals(RunOptions.CLUSTER_API)) {
            KubeApiServer server;
            try {
                server = KubeApiServer.shared(options.root());
            } catch (KubeApiServer.Missing missing) {
                throw NotChecked.disabled("Disabled: " + missing.getMessage());
            }
            // One server for every run of the JVM: each run installs into namespaces of its own.
            String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
            target = () -> new Target(
                    server::client,
                    server::toString,
                    (image, name) -> {},
                    PluginInstall.INSTALL_NAMESPACE + suffix,
                    PluginInstall.WORKFLOW_NAMESPACE + suffix);
        } else {
            ClusterTier tier = ClusterTier.of(run);
            if (tier.availability() instanceof K3sImage.Availability.Absent absent) {
                world.note("k3s image " + K3sImage.PINNED + ": " + absent.detail());
                throw NotChecked.disabled(absent.reason());
            }
            // The image under test goes into k3s before it starts.
            String underTest = imageUnderTest(options);
            target = () -> new Target(
                    () -> tier.cluster(underTest).client(),
                    () -> tier.cluster(underTest).toString(),
                    (image, name) -> tier.cluster(underTest).tagImage(image, name),
                    PluginInstall.INSTALL_NAMESPACE,
                    PluginInstall.WORKFLOW_NAMESPACE);
        }
        if (options.targetsRunningServer() && !options.cluster().orElse("").equals(RunOptions.CLUSTER_API)) {
            throw NotChecked.disabled("Disabled: the k3s tier runs the plugin's image in a pod, and -D" + RunOptions.URL
                    + " names a server the suite did not start: certify with -D" + RunOptions.IMAGE + " to run it.");
        }
        if (Targets.manifestPath(options).isEmpty()) {
            throw NotChecked.disabled(
                    "Disabled: the cluster tier installs the plugin from its plugin.yaml and this run has none:"
                            + " give -D" + RunOptions.MANIFEST + "=plugin.yaml to run it.");
        }
        return run.getOrCompute(Installed.class, () -> new Installed(target.get(), options, run.facts()));
    }

    private static String imageUnderTest(RunOptions options) {
        return options.image()
                .orElseGet(() -> SampleImages.imageName(
                                options.samplesDir(),
                                options.samplesDir().resolve(options.sample().orElseThrow()))
                        + ":latest");
    }
    /** Runs a stage: its failure fails the scenario whose clause it is, and blocks every other scenario. */
    <T> T stage(Supplier<T> stage) {
        try {
            return stage.get();
        } catch (StageFailed failed) {
            if (failed.requirement.equals(world.requirement().id())) {
                world.fail(failed.expected, failed.received, null);
            }
            throw NotChecked.blocked(failed.requirement, failed.received);
        }
    }

    void recordNote(CompatibilityNote note) {
        world.run().facts().note(note);
    }

    static String names(Discovery discovery) {
        return discovery.plugins().isEmpty()
                ? "no plugin"
                : discovery.plugins().stream()
                        .map(p -> p.namespace() + "/" + p.name())
                        .collect(Collectors.joining(", "));
    }

    /**
     * Where the plugin is installed: a client of the tier's API server, what to call it in the report, how to bring
     * the plugin's image there (k3s only: the kube-apiserver runs no pod), and the two namespaces.
     */
    record Target(
            Supplier<KubernetesClient> client,
            Supplier<String> where,
            BiConsumer<String, String> loadImage,
            String installNamespace,
            String workflowNamespace) {}

    /** A stage's failure, remembered with the requirement whose clause it breaks. */
    static final class StageFailed extends RuntimeException {
        final String requirement;
        final String expected;
        final String received;

        StageFailed(String requirement, String expected, String received) {
            super(requirement + ": " + received, null, false, false);
            this.requirement = requirement;
            this.expected = expected;
            this.received = received;
        }
    }

    /** One stage's outcome, made once: its value, or the failure every later use rethrows. */
    static final class Stage<T> {
        private T value;
        private StageFailed failure;

        T get(Supplier<T> make) {
            if (failure != null) {
                throw failure;
            }
            if (value == null) {
                try {
                    value = make.get();
                } catch (StageFailed failed) {
                    failure = failed;
                    throw failed;
                }
            }
            return value;
        }
    }

    /**
     * The plugin installed in the run's cluster, made stage by stage and remembered with each stage's outcome, so the
     * scenarios share one install in any selection and order. Closed with the run (before k3s, which the run closes
     * after it: values close last first).
     */
    static final class Installed implements AutoCloseable {

        private final Target target;
        private final RunOptions options;
        private final String token;
        private final Stage<PluginBuild> build = new Stage<>();
        private final Stage<List<ConfigMap>> applied = new Stage<>();
        private final Stage<DiscoveredPlugin> discovered = new Stage<>();
        private final Stage<AgentPod> created = new Stage<>();
        private final Stage<Duration> ready = new Stage<>();
        private final Stage<URI> url = new Stage<>();
        private PluginInstall install;

        Installed(Target target, RunOptions options, RunFacts facts) {
            this.target = target;
            this.options = options;
            // The run's token when it has one, so the writers' check that it never reaches a file covers this one too.
            this.token = facts.secret().isEmpty() ? Tokens.fresh() : facts.secret();
        }

        KubernetesClient client() {
            return target.client().get();
        }

        /** The cluster, as the report names it: {@code kube-apiserver v1.37.2 (no kubelet) at ...}, or the k3s. */
        String where() {
            return target.where().get();
        }

        String token() {
            return token;
        }

        synchronized PluginBuild build() {
            return build.get(() -> {
                Path manifest = Targets.manifestPath(options).orElseThrow();
                try {
                    return PluginInstall.build(manifest);
                } catch (ManifestException e) {
                    throw new StageFailed(
                            "EXEC-MANIFEST-01", "argo executor-plugin build accepts " + manifest, e.getMessage());
                }
            });
        }

        synchronized PluginInstall install() {
            if (install == null) {
                install = new PluginInstall(client(), build(), target.installNamespace(), target.workflowNamespace());
            }
            return install;
        }

        synchronized List<ConfigMap> applied() {
            return applied.get(() -> {
                try {
                    return install().apply();
                } catch (KubernetesClientException e) {
                    throw new StageFailed(APPLY, "the API server accepts the plugin's ConfigMap", apiError(e));
                }
            });
        }

        synchronized DiscoveredPlugin discovered() {
            applied();
            return discovered.get(() -> {
                Discovery discovery = install().discover();
                return discovery.plugins().stream()
                        .filter(p -> p.name().equals(install().pluginName()))
                        .findFirst()
                        .orElseThrow(() -> new StageFailed(
                                APPLY,
                                "plugin " + install().pluginName() + " discovered for a workflow in "
                                        + install().workflowNamespace(),
                                "discovery returned " + names(discovery)
                                        + (discovery.rejected().isEmpty() ? "" : "; skipped " + discovery.rejected())));
            });
        }

        synchronized AgentPod created() {
            DiscoveredPlugin plugin = discovered();
            return created.get(() -> {
                // The image under test, preloaded into k3s, under the name the ConfigMap's sidecar asks for.
                target.loadImage().accept(image(), plugin.container().getImage());
                String workflow = "conformance-" + UUID.randomUUID().toString().substring(0, 8);
                try {
                    return install().run(plugin, workflow, token);
                } catch (KubernetesClientException e) {
                    throw new StageFailed(
                            RUN, "the API server admits the agent pod with the plugin's sidecar", apiError(e));
                }
            });
        }

        synchronized Duration ready(Duration bound) {
            created();
            return ready.get(() -> {
                try {
                    return install().awaitReady(bound);
                } catch (PluginInstall.PodNotReady e) {
                    throw new StageFailed(
                            START, "the agent pod Ready within " + bound.toSeconds() + " s", e.getMessage());
                }
            });
        }

        synchronized URI url() {
            ready(READY_BOUND);
            DiscoveredPlugin plugin = discovered();
            return url.get(() -> {
                try {
                    return install().forward(plugin, PluginInstall.ANSWER_BOUND);
                } catch (PluginInstall.PodAnswerTimeout e) {
                    throw new StageFailed(
                            CALL, "the plugin answers HTTP on its first port inside the agent pod", e.getMessage());
                }
            });
        }

        /** The image under test: -Dplugin.image, or the sample's build (made when the run started the plugin). */
        private String image() {
            return imageUnderTest(options);
        }

        private static String apiError(KubernetesClientException e) {
            return e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getCode() + " " + e.getStatus().getMessage()
                    : String.valueOf(e.getMessage());
        }

        @Override
        public synchronized void close() {
            if (install != null) {
                install.close();
            }
        }

        @Override
        public String toString() {
            return "the cluster tier's plugin install";
        }
    }
}
