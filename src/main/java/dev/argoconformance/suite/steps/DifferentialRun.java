package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.DifferentialSection;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.config.GeneratorExample;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.differential.ArgoAgentHarness;
import dev.argoconformance.suite.differential.ArgoCdGeneratorHarness;
import dev.argoconformance.suite.differential.Comparison;
import dev.argoconformance.suite.differential.Difference;
import dev.argoconformance.suite.differential.Differential;
import dev.argoconformance.suite.differential.GeneratorDifferential;
import dev.argoconformance.suite.differential.KnownDifference;
import dev.argoconformance.suite.differential.ReferenceSide;
import dev.argoconformance.suite.plugin.PluginTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The differential tier on a certification ({@code -Dplugin.differential=true}): once every scenario
 * has run, each of the run's examples goes through Argo's own code (the harness for the plugin's kind)
 * and through the reference controller, against the plugin the run started, and the section of the
 * report says where they differ. The verdict is the suite's alone: a difference is the reference
 * controller's, listed and warned about; a known one (the reference follows the seeds or a newer
 * Argo on purpose) becomes a compatibility note.
 */
final class DifferentialRun {

    private DifferentialRun() {}

    /** Before anything runs: the harness for the plugin's kind must be built, else one sentence saying how. */
    static void requireHarness(RunOptions options) {
        if (!options.differential()) {
            return;
        }
        if (options.kind() == PluginKind.GENERATOR) {
            ArgoCdGeneratorHarness.locate(options.root());
        } else {
            ArgoAgentHarness.locate(options.root());
        }
    }

    /** After every scenario, while the plugin still runs. A failure of the tier is reported in its section, never as the plugin's. */
    static void run(CertificationRun run, PrintStream console) {
        RunOptions options = run.options();
        if (!options.differential()) {
            return;
        }
        DifferentialSection.Holder holder =
                run.getOrCompute(DifferentialSection.Holder.class, DifferentialSection.Holder::new);
        String argo = options.kind() == PluginKind.GENERATOR ? "Argo CD" : "Argo Workflows";
        DifferentialSection section;
        try {
            requireHarness(options);
        } catch (HarnessException e) {
            holder.set(
                    DifferentialSection.notRun(argo, e.getMessage())); // the run already failed on it, in these words
            return;
        }
        try {
            RunTarget target = RunTarget.of(run);
            Optional<PluginTarget> plugin = target.startup().target();
            List<? extends Comparison> comparisons = options.kind() == PluginKind.GENERATOR
                    ? generators(options, plugin)
                    : executors(options, target, plugin);
            argo = options.kind() == PluginKind.GENERATOR
                    ? comparisons.get(0).argoVersion()
                    : "Argo Workflows " + comparisons.get(0).argoVersion();
            section = section(run, argo, comparisons);
        } catch (HarnessException | IllegalStateException e) {
            section = DifferentialSection.notRun(argo, e.getMessage());
            run.facts().warn("The differential tier did not run: " + e.getMessage());
        }
        holder.set(section);
        print(console, section);
    }

    private static List<? extends Comparison> executors(
            RunOptions options, RunTarget target, Optional<PluginTarget> plugin) {
        Differential differential = new Differential(ArgoAgentHarness.locate(options.root()));
        String key = target.manifest().map(PluginManifest::name).orElse("plugin");
        List<ExampleTemplate> examples = options.examples()
                .map(ExampleTemplate::load)
                .orElseGet(() -> List.of(ExampleTemplate.contractOnly(key)));
        // A plugin that did not start: the agent pod would call its declared port, where nothing listens.
        ReferenceSide.Plugin reference = plugin.map(p -> new ReferenceSide.Plugin(key, p.baseUrl(), p.token()))
                .orElseGet(() -> new ReferenceSide.Plugin(key, nowhere(), "token"));
        List<Comparison> out = new ArrayList<>();
        for (ExampleTemplate example : examples) {
            out.add(differential.compare(
                    reference, example.name(), example.template(), example.within(), Optional.empty()));
        }
        return out;
    }

    private static List<? extends Comparison> generators(RunOptions options, Optional<PluginTarget> plugin) {
        GeneratorDifferential differential = new GeneratorDifferential(ArgoCdGeneratorHarness.locate(options.root()));
        List<GeneratorExample> examples = options.examples()
                .map(GeneratorExample::load)
                .orElseGet(() -> List.of(GeneratorExample.contractOnly()));
        return differential.compare(
                plugin.map(PluginTarget::baseUrl).orElseGet(DifferentialRun::nowhere),
                plugin.map(PluginTarget::token).orElse("token"),
                examples);
    }

    private static DifferentialSection section(
            CertificationRun run, String argo, List<? extends Comparison> comparisons) {
        List<DifferentialSection.Example> examples = new ArrayList<>();
        List<DifferentialSection.Row> rows = new ArrayList<>();
        int unexpected = 0;
        for (Comparison c : comparisons) {
            String[] lines = c.summary().split("\n");
            examples.add(new DifferentialSection.Example(c.subject(), side(lines, 1), side(lines, 2)));
            for (Difference d : c.differences()) {
                d.known().map(KnownDifference::note).ifPresent(run.facts()::note);
                rows.add(new DifferentialSection.Row(
                        c.subject(),
                        d.field().label(),
                        d.argoValue(),
                        d.referenceValue(),
                        d.known().map(KnownDifference::noteId)));
                if (!d.isKnown()) {
                    unexpected++;
                }
            }
        }
        if (unexpected > 0) {
            run.facts()
                    .warn(
                            "The reference controller differs from " + argo + "'s own code on " + unexpected
                                    + " field(s) of your examples (see"
                                    + " \"Argo's own code\"): that is the reference controller's bug, not your plugin's, and the verdict does not count it; please report it.");
        }
        return new DifferentialSection(argo, examples, rows, Optional.empty());
    }

    /** "    Argo's agent: final, ..." → "final, ...". */
    private static String side(String[] lines, int i) {
        if (lines.length <= i) {
            return "";
        }
        String line = lines[i].strip();
        int colon = line.indexOf(": ");
        return colon < 0 ? line : line.substring(colon + 2).strip();
    }

    private static void print(PrintStream console, DifferentialSection s) {
        console.println("differential: " + s.argo() + " "
                + switch (s.status()) {
                    case "agrees" ->
                        "and the reference controller agree on all "
                                + s.examples().size() + " example(s)";
                    case "known-differences" ->
                        "and the reference controller differ only where the reference follows the seeds or a newer Argo ("
                                + s.differences().size() + " known difference(s))";
                    case "differs" ->
                        "and the reference controller differ (the reference's bug; the verdict does not count it):";
                    default -> "was not compared: " + s.notRun().orElse("");
                });
        for (DifferentialSection.Row r : s.differences()) {
            console.println("  " + r.example() + ", " + r.field() + ": Argo's own code did " + r.argo()
                    + ", the reference did " + r.reference()
                    + r.knownNote().map(n -> " (known: " + n + ")").orElse(""));
        }
    }

    private static URI nowhere() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
