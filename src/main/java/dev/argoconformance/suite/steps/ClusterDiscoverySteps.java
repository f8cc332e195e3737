package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.discovery.DiscoveredPlugin;
import dev.argoconformance.reference.discovery.Discovery;
import dev.argoconformance.suite.cluster.PluginInstall;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** EXEC-CLUSTER-01: the plugin's ConfigMap applied to the cluster's API server and found by Argo's discovery. */
public final class ClusterDiscoverySteps {

    private final World world;
    private final ClusterStages stages;

    public ClusterDiscoverySteps(World world, ClusterStages stages) {
        this.world = world;
        this.stages = stages;
    }

    @Given(
            "the plugin's ConfigMap, built from plugin.yaml, is applied in Argo's namespace and in the workflow's namespace of the cluster")
    public void theConfigMapIsApplied() {
        List<ConfigMap> stored = stages.stage(() -> stages.installed().applied());
        world.note("checked on " + stages.installed().where() + ": applied "
                + stored.stream()
                        .map(cm -> cm.getMetadata().getNamespace() + "/"
                                + cm.getMetadata().getName())
                        .collect(Collectors.joining(" and ")));
    }

    @Then("the API server keeps the ConfigMap as built, with its ExecutorPlugin label, in both namespaces")
    public void theApiServerKeepsTheConfigMap() {
        ClusterStages.Installed installed = stages.installed();
        ConfigMap built = installed.build().configMap();
        List<String> problems = new ArrayList<>();
        for (String namespace : List.of(
                installed.install().installNamespace(), installed.install().workflowNamespace())) {
            ConfigMap stored = installed
                    .client()
                    .configMaps()
                    .inNamespace(namespace)
                    .withName(built.getMetadata().getName())
                    .get();
            if (stored == null) {
                problems.add(namespace + ": no ConfigMap " + built.getMetadata().getName());
                continue;
            }
            String type = stored.getMetadata().getLabels() == null
                    ? null
                    : stored.getMetadata().getLabels().get(ClusterStages.CONFIGMAP_TYPE);
            if (!"ExecutorPlugin".equals(type)) {
                problems.add(namespace + ": label " + ClusterStages.CONFIGMAP_TYPE + "=" + type);
            }
            if (!Objects.equals(stored.getData(), built.getData())) {
                problems.add(namespace + ": data differs from what argo executor-plugin build wrote");
            }
        }
        world.require(
                problems.isEmpty(),
                "ConfigMap " + built.getMetadata().getName() + " with " + ClusterStages.CONFIGMAP_TYPE
                        + "=ExecutorPlugin and the built data in both namespaces",
                () -> String.join("; ", problems));
    }

    @Then("Argo's discovery finds the plugin in Argo's namespace and in the workflow's namespace")
    public void discoveryFindsItInBothNamespaces() {
        ClusterStages.Installed installed = stages.installed();
        PluginInstall install = installed.install();
        List<String> problems = new ArrayList<>();
        for (String namespace : List.of(install.installNamespace(), install.workflowNamespace())) {
            Discovery alone = install.discover(namespace);
            if (!alone.rejected().isEmpty()) {
                problems.add(namespace + ": skipped " + alone.rejected());
            }
            boolean found = alone.plugins().stream()
                    .anyMatch(p -> p.name().equals(install.pluginName())
                            && p.namespace().equals(namespace));
            if (!found) {
                problems.add(namespace + ": plugin " + install.pluginName() + " not found (found "
                        + ClusterStages.names(alone) + ")");
            }
        }
        world.require(
                problems.isEmpty(),
                "plugin " + install.pluginName() + " discovered through the Kubernetes API by the label "
                        + ClusterStages.CONFIGMAP_TYPE + "=ExecutorPlugin in " + install.installNamespace() + " and in "
                        + install.workflowNamespace(),
                () -> String.join("; ", problems));
    }

    @Then("for a workflow in the workflow's namespace Argo's discovery loads the workflow namespace's plugin")
    public void discoveryPrefersTheWorkflowNamespace() {
        ClusterStages.Installed installed = stages.installed();
        PluginInstall install = installed.install();
        Discovery discovery = install.discover();
        List<DiscoveredPlugin> ours = discovery.plugins().stream()
                .filter(p -> p.name().equals(install.pluginName()))
                .toList();
        world.require(
                ours.size() == 1 && ours.get(0).namespace().equals(install.workflowNamespace()),
                "exactly one plugin " + install.pluginName() + ", from the workflow's namespace "
                        + install.workflowNamespace(),
                () -> "loaded " + ClusterStages.names(discovery));
        discovery.notes().forEach(stages::recordNote);
        world.note("discovery for a workflow in " + install.workflowNamespace() + ": " + ClusterStages.names(discovery)
                + discovery.notes().stream()
                        .map(n -> "; " + n.id() + ": " + n.summary())
                        .collect(Collectors.joining()));
    }
}
