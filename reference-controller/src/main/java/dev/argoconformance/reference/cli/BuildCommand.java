package dev.argoconformance.reference.cli;

import dev.argoconformance.reference.manifest.ManifestException;
import dev.argoconformance.reference.manifest.PluginBuild;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code argo-reference build DIR}: {@code argo executor-plugin build DIR}, same files, same output lines. */
@Command(
        name = "build",
        description = {
            "Builds a plugin folder into its ConfigMap and README, as argo executor-plugin build does.",
            "Reads DIR/plugin.yaml and its one server.* file, if any; writes",
            "DIR/<name>-executor-plugin-configmap.yaml and DIR/README.md and prints \"<path> created\" for each."
        })
final class BuildCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The plugin folder, holding plugin.yaml.")
    private Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            for (Path written : PluginBuild.of(dir).writeTo(dir)) {
                out.println(written.normalize() + " created");
            }
            return ReferenceController.OK;
        } catch (ManifestException e) {
            spec.commandLine().getErr().println(PluginDirectory.sentence(e.getMessage()));
            return ReferenceController.FAILED;
        } catch (IOException e) {
            spec.commandLine().getErr().println("Cannot write the build into " + dir + ": " + e.getMessage() + ".");
            return ReferenceController.FAILED;
        }
    }
}
