package dev.argoconformance.reference.cli;

import dev.argoconformance.reference.discovery.DiscoveredPlugin;
import dev.argoconformance.reference.discovery.Discovery;
import dev.argoconformance.reference.discovery.PluginCatalogue;
import dev.argoconformance.reference.discovery.Rejected;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code argo-reference discover}: the plugins an agent pod would get for a workflow in a namespace, and why not others. */
@Command(
        name = "discover",
        description = {
            "Lists the executor plugins an agent pod gets for a workflow in a namespace.",
            "Those of the install namespace and of NS, with their addresses; the ConfigMaps Argo would skip, and",
            "why; and where the reference controller differs from Argo."
        })
final class DiscoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            required = true,
            description = "Plugin ConfigMaps and plugin folders, as for run.")
    private Path pluginsDir;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            defaultValue = "argo",
            description = "The workflow's namespace (default: ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(
            names = "--install-namespace",
            paramLabel = "NS",
            defaultValue = "argo",
            description = "Argo's installation namespace (default: ${DEFAULT-VALUE}).")
    private String installNamespace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PluginDirectory directory = PluginDirectory.open(pluginsDir, installNamespace);
        Discovery discovery = new PluginCatalogue(directory, installNamespace).forWorkflow(namespace);
        if (discovery.plugins().isEmpty()) {
            out.println("No executor plugins for a workflow in namespace " + namespace + " (install namespace "
                    + installNamespace
                    + "): every plugin template would fail with \"no plugin executed the template\".");
        } else {
            out.println("Executor plugins for a workflow in namespace " + namespace + " (install namespace "
                    + installNamespace + "), in the order the agent asks them:");
            for (DiscoveredPlugin p : discovery.plugins()) {
                out.println("  " + p.name() + "  namespace " + p.namespace() + "  " + p.address() + "  ConfigMap "
                        + p.configMapName()
                        + (p.automountServiceAccountToken()
                                ? "  service account token " + p.name() + "-executor-plugin"
                                : ""));
            }
        }
        if (!discovery.rejected().isEmpty()) {
            out.println("Skipped, as Argo would (failed to convert configmap to plugin):");
            for (Rejected r : discovery.rejected()) {
                out.println("  " + r.namespace() + "/" + r.configMapName() + ": " + r.reason());
            }
        }
        directory.warnings().forEach(w -> out.println("note: " + w));
        for (CompatibilityNote n : discovery.notes()) {
            out.println("note: " + n.id() + ": " + n.summary() + " " + n.ourBehaviour() + " (" + n.source() + ")");
        }
        return ReferenceController.OK;
    }
}
