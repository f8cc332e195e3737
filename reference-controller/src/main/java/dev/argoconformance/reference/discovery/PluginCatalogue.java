package dev.argoconformance.reference.discovery;

import dev.argoconformance.reference.manifest.ManifestException;
import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which executor plugins an agent pod gets ({@code getExecutorPlugins}, {@code workflow/controller/agent.go}): the
 * ConfigMap plugins of the installation namespace and of the workflow's namespace (once when they are the same),
 * each parsed and validated as the controller does. A ConfigMap Argo would skip is reported in
 * {@link Discovery#rejected()}, never thrown.
 *
 * <p>Two differences from Argo, both on purpose. A plugin name present in both namespaces loads only from the
 * workflow's namespace, as the docs say, where Argo's code loads both (DISCOVERY-01, see
 * {@code docs/decisions/0001-same-named-plugins-in-two-namespaces.md}). And plugins come sorted by name, then
 * namespace and ConfigMap, where Argo iterates Go maps and so tries plugins in an order that changes with every
 * agent pod; a plugin must not rely on being asked first in either.
 */
public final class PluginCatalogue {

    static final String SAME_NAME_NOTE = "DISCOVERY-01";

    private static final Comparator<DiscoveredPlugin> ORDER = Comparator.comparing(DiscoveredPlugin::name)
            .thenComparing(DiscoveredPlugin::namespace)
            .thenComparing(DiscoveredPlugin::configMapName);

    private final PluginSource source;
    private final String installNamespace;

    public PluginCatalogue(PluginSource source, String installNamespace) {
        this.source = source;
        this.installNamespace = installNamespace;
    }

    public Discovery forWorkflow(String workflowNamespace) {
        Set<String> namespaces = new LinkedHashSet<>(List.of(installNamespace, workflowNamespace));
        List<DiscoveredPlugin> loaded = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (String namespace : namespaces) {
            for (ConfigMap configMap : source.executorPluginConfigMaps(namespace)) {
                if (!ExecutorPluginLabel.isOn(configMap)) {
                    continue;
                }
                String configMapName = ExecutorPluginLabel.name(configMap);
                try {
                    loaded.add(plugin(namespace, configMapName, configMap));
                } catch (ManifestException e) {
                    rejected.add(new Rejected(namespace, configMapName, e.getMessage()));
                }
            }
        }

        Set<String> inWorkflowNamespace = new TreeSet<>();
        loaded.stream()
                .filter(p -> p.namespace().equals(workflowNamespace))
                .forEach(p -> inWorkflowNamespace.add(p.name()));
        Set<String> shadowed = new TreeSet<>();
        List<DiscoveredPlugin> plugins = new ArrayList<>();
        for (DiscoveredPlugin plugin : loaded) {
            if (!plugin.namespace().equals(workflowNamespace) && inWorkflowNamespace.contains(plugin.name())) {
                shadowed.add(plugin.name());
            } else {
                plugins.add(plugin);
            }
        }
        plugins.sort(ORDER);
        rejected.sort(Comparator.comparing(Rejected::namespace).thenComparing(Rejected::configMapName));
        List<CompatibilityNote> notes =
                shadowed.isEmpty() ? List.of() : List.of(sameNameNote(shadowed, workflowNamespace));
        return new Discovery(plugins, rejected, notes);
    }

    private static DiscoveredPlugin plugin(String namespace, String configMapName, ConfigMap configMap)
            throws ManifestException {
        PluginManifest manifest = PluginManifest.fromConfigMap(configMap);
        manifest.validate();
        // validate() guarantees a port; Argo's address is always the first one (addresses(), agent.go).
        URI address = URI.create("http://localhost:" + manifest.port().orElseThrow());
        return new DiscoveredPlugin(
                manifest.name(),
                namespace,
                configMapName,
                manifest.container(),
                manifest.automountServiceAccountToken(),
                address);
    }

    private CompatibilityNote sameNameNote(Set<String> names, String workflowNamespace) {
        String plugins =
                names.size() == 1 ? "plugin " + names.iterator().next() : "plugins " + String.join(", ", names);
        return new CompatibilityNote(
                SAME_NAME_NOTE,
                "Executor " + plugins + " exists in both namespace " + installNamespace + " and namespace "
                        + workflowNamespace + "; only the one in the workflow's namespace (" + workflowNamespace
                        + ") was loaded.",
                "Argo v3.3.0 to v4.1.2 loads both: getExecutorPlugins adds every ConfigMap plugin of the controller's"
                        + " namespace and of the workflow's namespace as a sidecar and never compares names, so the agent"
                        + " pod gets two sidecars (its creation fails if their container names collide), although"
                        + " docs/executor_plugins.md says only the workflow namespace's plugin is loaded.",
                "The reference controller follows the docs: the workflow namespace's plugin is loaded and the"
                        + " installation namespace's one is not.",
                "argoproj/argo-workflows workflow/controller/agent.go getExecutorPlugins (v3.3.0 to v4.1.2);"
                        + " docs/executor_plugins.md \"Discovery\"; docs/decisions/0001-same-named-plugins-in-two-namespaces.md");
    }
}
