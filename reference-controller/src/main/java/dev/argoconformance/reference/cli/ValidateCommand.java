package dev.argoconformance.reference.cli;

import dev.argoconformance.reference.discovery.ExecutorPluginLabel;
import dev.argoconformance.reference.manifest.ManifestException;
import dev.argoconformance.reference.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code argo-reference validate PLUGIN_YAML}: the checks {@code argo executor-plugin build} and the controller make,
 * strict parsing then {@code Sidecar.Validate}, plus the kind, which Argo's build copies into the ConfigMap's type
 * label without checking; anything but ExecutorPlugin makes a ConfigMap the controller never loads.
 */
@Command(
        name = "validate",
        description =
                "Checks a plugin.yaml as Argo does; prints \"<file> is a valid ExecutorPlugin manifest\" or the problem.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PLUGIN_YAML", description = "The plugin manifest (kind: ExecutorPlugin).")
    private Path file;

    @Override
    public Integer call() {
        try {
            PluginManifest manifest = PluginManifest.parse(file);
            manifest.validate();
            if (!ExecutorPluginLabel.VALUE.equals(manifest.kind())) {
                spec.commandLine()
                        .getErr()
                        .println(file + " has kind " + (manifest.kind().isEmpty() ? "(none)" : manifest.kind())
                                + "; Argo loads only kind ExecutorPlugin as an executor plugin.");
                return ReferenceController.FAILED;
            }
        } catch (ManifestException e) {
            spec.commandLine().getErr().println(PluginDirectory.sentence(e.getMessage()));
            return ReferenceController.FAILED;
        }
        spec.commandLine().getOut().println(file + " is a valid ExecutorPlugin manifest");
        return ReferenceController.OK;
    }
}
