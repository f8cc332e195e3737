package dev.argoconformance.suite.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.suite.config.GeneratorExample;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.plugin.PluginTarget;
import dev.argoconformance.suite.plugin.Startup;
import dev.argoconformance.suite.plugin.Targets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential tier on every generator sample under sample-plugins/, correct and broken: the
 * sample is started once, as the suite starts it, and each of its examples' inputs goes through Argo
 * CD's own plugin generator (differential/argocd-generator) and through the reference controller's
 * ApplicationSet controller; the parameter sets, the error, the requeue and the number of calls must
 * be the same. {@code -Dsamples=REGEX} narrows the samples, as in SampleCertificationTest.
 *
 * <p>Needs Docker and the harness binary: without the binary the class fails with one sentence saying
 * how to build it (differential/argocd-generator/build.sh).
 */
@Tag("docker")
@Tag("differential")
class GeneratorDifferentialTierTest {

    static final Path ROOT = DifferentialTierTest.ROOT;

    /** Fields the sample's own state makes differ whatever the controllers do: both sides call the same container. */
    static final Map<String, Map<Field, String>> SAMPLE_STATE = Map.of(
            "broken/generator/counts-calls",
                    Map.of(Field.PARAMETER_SETS, "it numbers every call in its parameters, counting both sides' calls"),
            "broken/generator/rate-limited-per-appset",
                    Map.of(
                            Field.PARAMETER_SETS,
                                    "it answers 429 to a second call for one ApplicationSet within 10 s, and both sides call for the same one",
                            Field.ERROR,
                                    "it answers 429 to a second call for one ApplicationSet within 10 s, and both sides call for the same one"));

    private static GeneratorDifferential differential;

    @BeforeAll
    static void locateTheHarness() {
        differential = new GeneratorDifferential(ArgoCdGeneratorHarness.locate(ROOT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @Execution(ExecutionMode.CONCURRENT)
    void argoCdsGeneratorAndTheReferenceControllerAgree(String sample) {
        RunOptions options = options(sample);
        Optional<PluginManifest> manifest = Targets.manifest(options);
        List<GeneratorExample> examples = options.examples()
                .map(GeneratorExample::load)
                .orElseGet(() -> List.of(GeneratorExample.contractOnly()));

        List<GeneratorComparison> comparisons;
        String note = "";
        Startup startup = Targets.start(options, manifest);
        try (PluginTarget target = startup.target().orElse(null)) {
            if (target != null) {
                comparisons = differential.compare(target.baseUrl(), target.token(), examples);
            } else {
                // Argo CD would call the Service's port where nothing answers.
                note = "  note: the container did not answer (" + ((Startup.Failed) startup).reason()
                        + "); both sides call a port where nothing listens\n";
                comparisons = differential.compare(DifferentialTierTest.nowhere(), "token", examples);
            }
        }

        Map<Field, String> state = SAMPLE_STATE.getOrDefault(sample, Map.of());
        List<Difference> unexpected = new ArrayList<>();
        StringBuilder report = new StringBuilder(sample + "\n").append(note);
        for (GeneratorComparison c : comparisons) {
            report.append("  ").append(c.summary().replace("\n", "\n  ")).append('\n');
            for (Difference d : c.differences()) {
                if (state.containsKey(d.field())) {
                    report.append("  not compared: ")
                            .append(d.field().label())
                            .append(" (")
                            .append(state.get(d.field()))
                            .append(")\n");
                } else {
                    unexpected.add(d);
                }
            }
        }
        System.out.println(report);

        assertThat(comparisons).as("every example compared").hasSize(examples.size());
        assertThat(unexpected)
                .as(
                        "%s: Argo CD's plugin generator (%s) and the reference controller differ:%n%s",
                        sample,
                        comparisons.get(0).argoVersion(),
                        unexpected.stream().map(Difference::toString).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    private static RunOptions options(String sample) {
        if (sample.startsWith("-D")) {
            RunOptions own = RunOptions.fromSystemProperties();
            assertThat(own.kind())
                    .as("this tier runs generator plugins (-Dplugin.kind=generator)")
                    .isEqualTo(PluginKind.GENERATOR);
            return own;
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put(RunOptions.SAMPLE, sample);
        props.put(RunOptions.ROOT, ROOT.toString());
        props.put(RunOptions.CONSOLE, "quiet");
        return RunOptions.from(props::get, props.keySet());
    }

    /** Every generator sample; {@code -Dsamples=REGEX} narrows them; {@code -Dplugin.kind=generator} with an image or URL runs that plugin. */
    static Stream<String> samples() throws IOException {
        if ("generator".equals(System.getProperty(RunOptions.KIND))
                && (System.getProperty(RunOptions.IMAGE) != null || System.getProperty(RunOptions.URL) != null)) {
            return Stream.of(
                    System.getProperty(RunOptions.IMAGE) != null
                            ? "-D" + RunOptions.IMAGE + "=" + System.getProperty(RunOptions.IMAGE)
                            : "-D" + RunOptions.URL + "=" + System.getProperty(RunOptions.URL));
        }
        return DifferentialTierTest.samplesOfKind(PluginKind.GENERATOR);
    }
}
