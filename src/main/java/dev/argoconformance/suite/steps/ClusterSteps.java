package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import dev.argoconformance.reference.discovery.DiscoveredPlugin;
import dev.argoconformance.reference.discovery.Discovery;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.manifest.ManifestException;
import dev.argoconformance.reference.manifest.PluginBuild;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.certification.RunFacts;
import dev.argoconformance.suite.cluster.AdmittedResources;
import dev.argoconformance.suite.cluster.AgentPod;
import dev.argoconformance.suite.cluster.ClusterTier;
import dev.argoconformance.suite.cluster.K3sImage;
import dev.argoconformance.suite.cluster.KubeApiServer;
import dev.argoconformance.suite.cluster.PluginInstall;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.plugin.SampleImages;
import dev.argoconformance.suite.plugin.Targets;
import dev.argoconformance.suite.plugin.Tokens;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * scenario whose clause it is, and blocks the later scenarios.
 */
public final class ClusterSteps {

    /** How long the agent pod gets in the one scenario that does not name its own bound. */
    static final Duration READY_BOUND = Duration.ofSeconds(120);

    static final String APPLY = "EXEC-CLUSTER-01";
    static final String RUN = "EXEC-CLUSTER-02";
    static final String CALL = "EXEC-CLUSTER-03";
    static final String START = "EXEC-CLUSTER-04";

    private final World world;
    private final List<Exchanges.ExampleRun> exampleRuns = Collections.synchronizedList(new ArrayList<>());

    public ClusterSteps(World world) {
        this.world = world;
    }

    // --- EXEC-CLUSTER-01 -----------------------------------------------------------------------

    @Given("the plugin's ConfigMap, built from plugin.yaml, is applied in Argo's namespace and in the workflow's namespace of the cluster")
    public void theConfigMapIsApplied() {
        List<ConfigMap> stored = stage(() -> installed().applied());
        world.note("checked on " + installed().where() + ": applied " + stored.stream()
                .map(cm -> cm.getMetadata().getNamespace() + "/" + cm.getMetadata().getName()).collect(Collectors.joining(" and ")));
    }

    @Then("the API server keeps the ConfigMap as built, with its ExecutorPlugin label, in both namespaces")
    public void theApiServerKeepsTheConfigMap() {
        Installed installed = installed();
        ConfigMap built = installed.build().configMap();
        List<String> problems = new ArrayList<>();
        for (String namespace : List.of(installed.install().installNamespace(), installed.install().workflowNamespace())) {
            ConfigMap stored = installed.client().configMaps().inNamespace(namespace).withName(built.getMetadata().getName()).get();
            if (stored == null) {
                problems.add(namespace + ": no ConfigMap " + built.getMetadata().getName());
                continue;
            }
            String type = stored.getMetadata().getLabels() == null ? null : stored.getMetadata().getLabels().get(CONFIGMAP_TYPE);
            if (!"ExecutorPlugin".equals(type)) {
                problems.add(namespace + ": label " + CONFIGMAP_TYPE + "=" + type);
            }
            if (!Objects.equals(stored.getData(), built.getData())) {
                problems.add(namespace + ": data differs from what argo executor-plugin build wrote");
            }
        }
        world.require(problems.isEmpty(), "ConfigMap " + built.getMetadata().getName() + " with " + CONFIGMAP_TYPE
                + "=ExecutorPlugin and the built data in both namespaces", () -> String.join("; ", problems));
    }

    @Then("Argo's discovery finds the plugin in Argo's namespace and in the workflow's namespace")
    public void discoveryFindsItInBothNamespaces() {
        Installed installed = installed();
        PluginInstall install = installed.install();
        List<String> problems = new ArrayList<>();
        for (String namespace : List.of(install.installNamespace(), install.workflowNamespace())) {
            Discovery alone = install.discover(namespace);
            if (!alone.rejected().isEmpty()) {
                problems.add(namespace + ": skipped " + alone.rejected());
            }
            boolean found = alone.plugins().stream().anyMatch(p -> p.name().equals(install.pluginName()) && p.namespace().equals(namespace));
            if (!found) {
                problems.add(namespace + ": plugin " + install.pluginName() + " not found (found " + names(alone) + ")");
            }
        }
        world.require(problems.isEmpty(), "plugin " + install.pluginName() + " discovered through the Kubernetes API by the label "
                + CONFIGMAP_TYPE + "=ExecutorPlugin in " + install.installNamespace() + " and in " + install.workflowNamespace(),
                () -> String.join("; ", problems));
    }

    @Then("for a workflow in the workflow's namespace Argo's discovery loads the workflow namespace's plugin")
    public void discoveryPrefersTheWorkflowNamespace() {
        Installed installed = installed();
        PluginInstall install = installed.install();
        Discovery discovery = install.discover();
        List<DiscoveredPlugin> ours = discovery.plugins().stream().filter(p -> p.name().equals(install.pluginName())).toList();
        world.require(ours.size() == 1 && ours.get(0).namespace().equals(install.workflowNamespace()),
                "exactly one plugin " + install.pluginName() + ", from the workflow's namespace " + install.workflowNamespace(),
                () -> "loaded " + names(discovery));
        discovery.notes().forEach(this::recordNote);
        world.note("discovery for a workflow in " + install.workflowNamespace() + ": " + names(discovery)
                + discovery.notes().stream().map(n -> "; " + n.id() + ": " + n.summary()).collect(Collectors.joining()));
    }

    // --- EXEC-CLUSTER-02 -----------------------------------------------------------------------

    @Given("the plugin is installed in the cluster")
    public void thePluginIsInstalled() {
        stage(() -> installed().discovered());
        world.note("checked on " + installed().where());
    }

    @When("Argo's controller creates the agent pod for a workflow that uses the plugin")
    public void theControllerCreatesTheAgentPod() {
        stage(() -> installed().created());
    }

    @Then("the API server admits the agent pod with the plugin's sidecar as its ConfigMap declares it")
    public void theApiServerAdmitsTheAgentPod() {
        Installed installed = installed();
        AgentPod agentPod = stage(installed::created);
        Pod pod = installed.install().pod();
        Container declared = installed.discovered().container();
        world.require(pod != null, "the agent pod " + agentPod.name() + " in the API server", () -> "no such pod");
        Container sidecar = pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(declared.getName())).findFirst().orElse(null);
        world.require(sidecar != null, "a sidecar named " + declared.getName(), () -> "containers " + pod.getSpec().getContainers().stream()
                .map(Container::getName).toList());
        List<String> problems = new ArrayList<>();
        compare(problems, "image", declared.getImage(), sidecar.getImage());
        compare(problems, "command", declared.getCommand(), sidecar.getCommand());
        compare(problems, "args", declared.getArgs(), sidecar.getArgs());
        // The API server defaults protocol: TCP; the ports are the numbers.
        compare(problems, "ports", ports(declared), ports(sidecar));
        // Judged after the API server's own defaulting, by value: a limit is the missing request, "0.5" is 500m.
        List<String> resources = AdmittedResources.differences(declared.getResources(), sidecar.getResources());
        if (!resources.isEmpty()) {
            problems.add("resources " + String.join(", ", resources) + " (declared " + AdmittedResources.describe(declared.getResources())
                    + ", admitted " + AdmittedResources.describe(sidecar.getResources()) + ")");
        }
        compare(problems, "securityContext", declared.getSecurityContext(), sidecar.getSecurityContext());
        var podContext = pod.getSpec().getSecurityContext();
        if (podContext == null || !Boolean.TRUE.equals(podContext.getRunAsNonRoot()) || !Long.valueOf(AgentPod.AGENT_USER).equals(podContext.getRunAsUser())) {
            problems.add("pod securityContext " + podContext + " (want runAsNonRoot: true, runAsUser: " + AgentPod.AGENT_USER + ")");
        }
        boolean tokenMount = sidecar.getVolumeMounts() != null && sidecar.getVolumeMounts().stream().anyMatch(m -> isArgoMount(m, declared.getName()));
        if (!tokenMount) {
            problems.add("no read-only " + AgentPod.VAR_RUN_ARGO + " mount at " + AgentPod.VAR_RUN_ARGO_PATH + " with subPath " + declared.getName());
        }
        world.require(problems.isEmpty(), "the admitted pod has the ConfigMap's sidecar verbatim, its resources equal by value after"
                + " the API server's defaulting (each limit the missing request), under the agent pod's securityContext",
                () -> String.join("; ", problems));
        world.note("agent pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " admitted; sidecar "
                + sidecar.getName() + " image " + sidecar.getImage() + ", resources declared " + AdmittedResources.describe(declared.getResources())
                + ", admitted " + AdmittedResources.describe(sidecar.getResources())
                + ", securityContext " + sidecar.getSecurityContext());
    }

    @Then("the agent pod becomes Ready within {int} seconds")
    public void theAgentPodBecomesReady(int seconds) {
        Duration took = stage(() -> installed().ready(Duration.ofSeconds(seconds)));
        world.note("agent pod Ready after " + took.toMillis() + " ms");
    }

    // --- EXEC-CLUSTER-03 -----------------------------------------------------------------------

    @Given("the plugin runs as a sidecar of an agent pod in the cluster")
    public void thePluginRunsInTheAgentPod() {
        world.note("checked on " + installed().where());
        stage(() -> installed().ready(READY_BOUND));
        URI url = stage(() -> installed().url());
        world.note("calling the agent pod's sidecar through a port-forward at " + url);
    }

    @When("Argo's agent executes each example template through the agent pod")
    public void theAgentExecutesEachExample() {
        Installed installed = installed();
        URI url = stage(installed::url);
        AgentPod pod = stage(installed::created);
        for (ExampleTemplate example : world.examples()) {
            WorkflowMetadata workflow = new WorkflowMetadata(pod.workflowName(), pod.namespace(), UUID.randomUUID().toString());
            exampleRuns.add(execute(example, example.template().deepCopy(), workflow, url, installed.token()));
        }
    }

    @Then("every example executed in the cluster ends in its expected phase")
    public void everyExampleEndsInItsPhase() {
        List<String> problems = new ArrayList<>();
        List<Exchanges.ExampleRun> runs;
        synchronized (exampleRuns) {
            runs = List.copyOf(exampleRuns);
        }
        for (Exchanges.ExampleRun run : runs) {
            Optional<String> cause = Diagnosis.cause(run);
            if (cause.isPresent()) {
                throw NotChecked.blocked(cause.get(), "in the cluster, example " + run.example().name() + " ended "
                        + ReplySteps.describe(run.last()) + " (" + ReplySteps.received(run.lastCall()) + ")");
            }
            if (!run.last().result().phase().equals(run.example().phase())) {
                problems.add(run.example().name() + ": ended " + ReplySteps.describe(run.last()) + " after " + run.dispatches().size() + " call(s)");
            }
        }
        world.require(!runs.isEmpty() && problems.isEmpty(), "each example ends in its expected phase when Argo calls the pod: "
                + runs.stream().map(r -> r.example().name() + "=" + r.example().phase()).collect(Collectors.joining(", ")),
                () -> runs.isEmpty() ? "no example ran" : String.join("\n", problems));
    }

    // --- helpers -------------------------------------------------------------------------------

    private static final String CONFIGMAP_TYPE = "workflows.argoproj.io/configmap-type";

    /**
     * One example through Argo's requeue loop against the pod, as {@link Exchanges#execute} does against the
     * container: one agent, so its 404 memory holds; the example's own bound for requeues.
     */
    private Exchanges.ExampleRun execute(ExampleTemplate example, ObjectNode template, WorkflowMetadata workflow, URI url, String token) {
        List<TaskOutcome> dispatches = new ArrayList<>();
        List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());
        PluginClient client = PluginClient.builder(installed().install().pluginName(), url, token)
                .listener(call -> {
                    calls.add(call);
                    // Not world.recorder(): calls through a port-forward would skew the run's latency profile.
                    world.record(call);
                })
                .build();
        long deadline = System.nanoTime() + example.within().toNanos();
        try (Agent agent = Agent.builder(workflow).plugin(new ExecutorPlugin(client)).workers(1).build()) {
            while (true) {
                TaskOutcome outcome = agent.execute(template);
                dispatches.add(outcome);
                world.outcome(outcome);
                if (outcome.finishesTheNode()) {
                    return new Exchanges.ExampleRun(example, template, workflow, dispatches, List.copyOf(calls), false);
                }
                if (System.nanoTime() + outcome.requeue().toNanos() > deadline) {
                    return new Exchanges.ExampleRun(example, template, workflow, dispatches, List.copyOf(calls), true);
                }
                try {
                    Thread.sleep(outcome.requeue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a requeue", e);
                }
            }
        }
    }

    /** The run's install, after the tier's availability check: Disabled comes before anything else. */
    private Installed installed() {
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
            target = () -> new Target(server::client, server::toString, (image, name) -> {},
                    PluginInstall.INSTALL_NAMESPACE + suffix, PluginInstall.WORKFLOW_NAMESPACE + suffix);
        } else {
            ClusterTier tier = ClusterTier.of(run);
            if (tier.availability() instanceof K3sImage.Availability.Absent absent) {
                world.note("k3s image " + K3sImage.PINNED + ": " + absent.detail());
                throw NotChecked.disabled(absent.reason());
            }
            // The image under test goes into k3s before it starts.
            String underTest = imageUnderTest(options);
            target = () -> new Target(() -> tier.cluster(underTest).client(), () -> tier.cluster(underTest).toString(),
                    (image, name) -> tier.cluster(underTest).tagImage(image, name), PluginInstall.INSTALL_NAMESPACE,
                    PluginInstall.WORKFLOW_NAMESPACE);
        }
        if (options.targetsRunningServer() && !options.cluster().orElse("").equals(RunOptions.CLUSTER_API)) {
            throw NotChecked.disabled("Disabled: the k3s tier runs the plugin's image in a pod, and -D" + RunOptions.URL
                    + " names a server the suite did not start: certify with -D" + RunOptions.IMAGE + " to run it.");
        }
        if (Targets.manifestPath(options).isEmpty()) {
            throw NotChecked.disabled("Disabled: the cluster tier installs the plugin from its plugin.yaml and this run has none:"
                    + " give -D" + RunOptions.MANIFEST + "=plugin.yaml to run it.");
        }
        return run.getOrCompute(Installed.class, () -> new Installed(target.get(), options, run.facts()));
    }

    private static String imageUnderTest(RunOptions options) {
        return options.image().orElseGet(() -> SampleImages.imageName(options.samplesDir(),
                options.samplesDir().resolve(options.sample().orElseThrow())) + ":latest");
    }

    /** Runs a stage: its failure fails the scenario whose clause it is, and blocks every other scenario. */
    private <T> T stage(Supplier<T> stage) {
        try {
            return stage.get();
        } catch (StageFailed failed) {
            if (failed.requirement.equals(world.requirement().id())) {
                world.fail(failed.expected, failed.received, null);
            }
            throw NotChecked.blocked(failed.requirement, failed.received);
        }
    }

    private void recordNote(CompatibilityNote note) {
        world.run().facts().note(note);
    }

    private static boolean isArgoMount(VolumeMount mount, String containerName) {
        return AgentPod.VAR_RUN_ARGO.equals(mount.getName()) && AgentPod.VAR_RUN_ARGO_PATH.equals(mount.getMountPath())
                && Boolean.TRUE.equals(mount.getReadOnly()) && containerName.equals(mount.getSubPath());
    }

    private static void compare(List<String> problems, String field, Object declared, Object admitted) {
        boolean same = Objects.equals(declared, admitted)
                || (declared == null && admitted instanceof List<?> l && l.isEmpty())
                || (admitted == null && declared instanceof List<?> l2 && l2.isEmpty());
        if (!same) {
            problems.add(field + ": declared " + declared + ", admitted " + admitted);
        }
    }

    private static List<Integer> ports(Container container) {
        return container.getPorts() == null ? List.of() : container.getPorts().stream().map(p -> p.getContainerPort()).toList();
    }

    private static String names(Discovery discovery) {
        return discovery.plugins().isEmpty() ? "no plugin"
                : discovery.plugins().stream().map(p -> p.namespace() + "/" + p.name()).collect(Collectors.joining(", "));
    }

    /**
     * Where the plugin is installed: a client of the tier's API server, what to call it in the report, how to bring
     * the plugin's image there (k3s only: the kube-apiserver runs no pod), and the two namespaces.
     */
    record Target(Supplier<KubernetesClient> client, Supplier<String> where, BiConsumer<String, String> loadImage,
                  String installNamespace, String workflowNamespace) {}

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
                    throw new StageFailed("EXEC-MANIFEST-01", "argo executor-plugin build accepts " + manifest, e.getMessage());
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
                return discovery.plugins().stream().filter(p -> p.name().equals(install().pluginName())).findFirst()
                        .orElseThrow(() -> new StageFailed(APPLY, "plugin " + install().pluginName() + " discovered for a workflow in "
                                + install().workflowNamespace(), "discovery returned " + names(discovery)
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
                    throw new StageFailed(RUN, "the API server admits the agent pod with the plugin's sidecar", apiError(e));
                }
            });
        }

        synchronized Duration ready(Duration bound) {
            created();
            return ready.get(() -> {
                try {
                    return install().awaitReady(bound);
                } catch (PluginInstall.PodNotReady e) {
                    throw new StageFailed(START, "the agent pod Ready within " + bound.toSeconds() + " s", e.getMessage());
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
                    throw new StageFailed(CALL, "the plugin answers HTTP on its first port inside the agent pod", e.getMessage());
                }
            });
        }

        /** The image under test: -Dplugin.image, or the sample's build (made when the run started the plugin). */
        private String image() {
            return imageUnderTest(options);
        }

        private static String apiError(KubernetesClientException e) {
            return e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getCode() + " " + e.getStatus().getMessage() : String.valueOf(e.getMessage());
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
