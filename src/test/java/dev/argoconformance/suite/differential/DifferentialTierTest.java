package dev.argoconformance.suite.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.plugin.PluginTarget;
import dev.argoconformance.suite.plugin.Startup;
import dev.argoconformance.suite.plugin.Targets;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential tier on every executor sample under sample-plugins/, correct and broken: the
 * sample is built and started once, the way the suite starts it (its plugin.yaml, a fresh token, its
 * sample.yaml's options), and each of its examples goes through Argo's own agent code (the harness,
 * differential/argo-agent) and through the reference controller's agent, as the suite runs it, at the
 * same time. Any difference the allow-list does not explain fails, with both sides shown; the known
 * ones are printed with their note ID. {@code -Dsamples=REGEX} runs only the samples whose folder
 * matches, as in SampleCertificationTest; {@code -Dplugin.image=IMG -Dplugin.manifest=plugin.yaml
 * -Dplugin.examples=DIR} (or {@code -Dplugin.url}) runs your plugin instead, with a certification's options.
 *
 * <p>Needs Docker and the harness binary: without the binary every sample fails with one sentence
 * saying how to build it (differential/argo-agent/build.sh). Tagged so a fast run can leave it out
 * ({@code -DexcludedGroups=docker}).
 */
@Tag("docker")
@Tag("differential")
class DifferentialTierTest {

    static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();

    /**
     * Samples whose calls stall past Argo's 30 s timeout: Argo retries each 5 times (up to 168 s).
     * Both sides are cut at this bound instead, which still shows the first timeout's error and the
     * second attempt.
     */
    static final Map<String, Duration> STALLING =
            Map.of("broken/executor/stalls-its-own-calls", Duration.ofSeconds(35)); // its templates take 45 s

    /**
     * Fields the sample's own state makes differ between the two sides whatever the controllers do:
     * both sides call the same container, one after the other's calls.
     */
    static final Map<String, Map<Field, String>> SAMPLE_STATE = Map.of(
            "broken/executor/counts-calls",
            Map.of(Field.OUTPUTS, "it numbers every call in its outputs, counting both sides' calls"));

    /**
     * Samples whose answers depend on the time since they started: which of Argo's retries is the first
     * after that time depends on when each side began, so their counts may differ by one.
     */
    static final Map<String, String> CLOCK_DEPENDENT = Map.of(
            "warming-up-executor-java",
            "it answers 503 for its first 5 s after start, so which retry first finds it ready depends on when each side began");

    /**
     * Samples slow enough (over a second a call, threaded) that concurrent calls really overlap: the
     * connection profile (one call, then 16 at once) is measured on them. Against a fast plugin whether
     * a call finds another's connection idle is a matter of timing.
     */
    static final Set<String> CONNECTION_PROFILE = Set.of("broken/executor/slow-replies");

    private static Differential differential;

    /** Fails the whole class at once, with one sentence saying how to build it, when the harness binary is not there. */
    @BeforeAll
    static void locateTheHarness() {
        differential = new Differential(ArgoAgentHarness.locate(ROOT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @Execution(
            ExecutionMode
                    .CONCURRENT) // two samples at a time (junit-platform.properties): most of the time is spent waiting
    void argosAgentAndTheReferenceControllerAgree(String sample) {
        RunOptions options = options(sample);
        Optional<PluginManifest> manifest = Targets.manifest(options);
        String key = manifest.map(PluginManifest::name).orElse("plugin");
        List<ExampleTemplate> examples = options.examples()
                .map(ExampleTemplate::load)
                .orElseGet(() -> List.of(ExampleTemplate.contractOnly(key)));
        Optional<Duration> bound = Optional.ofNullable(STALLING.get(sample));

        List<TemplateComparison> comparisons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<ConnectionProfile> profile = Optional.empty();
        Startup startup = Targets.start(options, manifest);
        try (PluginTarget target = startup.target().orElse(null)) {
            ReferenceSide.Plugin plugin;
            if (target != null) {
                plugin = new ReferenceSide.Plugin(key, target.baseUrl(), target.token());
            } else {
                // The agent pod would call the declared port of a sidecar that does not listen there.
                Startup.Failed failed = (Startup.Failed) startup;
                plugin = new ReferenceSide.Plugin(key, nowhere(), "token");
                notes.add("the container did not answer (" + failed.reason()
                        + "); both sides call a port where nothing listens, as the agent would");
            }
            for (ExampleTemplate example : examples) {
                comparisons.add(
                        differential.compare(plugin, example.name(), example.template(), example.within(), bound));
            }
            if (target != null && CONNECTION_PROFILE.contains(sample)) {
                profile = Optional.of(ConnectionProfile.measure(
                        differential.harness(), plugin, examples.get(0).template(), 16));
            }
        }

        Map<Field, String> state = SAMPLE_STATE.getOrDefault(sample, Map.of());
        List<Difference> unexpected = new ArrayList<>();
        StringBuilder report = new StringBuilder(sample
                + bound.map(b -> " (both sides cut at " + b.toSeconds() + " s: its calls stall)")
                        .orElse("") + "\n");
        notes.forEach(n -> report.append("  note: ").append(n).append('\n'));
        for (TemplateComparison c : comparisons) {
            report.append("  ").append(c.summary().replace("\n", "\n  ")).append('\n');
            for (Difference d : c.differences()) {
                if (state.containsKey(d.field())) {
                    report.append("  not compared: ")
                            .append(d.field().label())
                            .append(" (")
                            .append(state.get(d.field()))
                            .append(")\n");
                } else if (CLOCK_DEPENDENT.containsKey(sample) && offByOne(d)) {
                    report.append("  within one: ")
                            .append(d.field().label())
                            .append(' ')
                            .append(d.argoValue())
                            .append(" vs ")
                            .append(d.referenceValue())
                            .append(" (")
                            .append(CLOCK_DEPENDENT.get(sample))
                            .append(")\n");
                } else if (d.isKnown()) {
                    report.append("  known: ")
                            .append(d.toString().replace("\n", "\n  "))
                            .append('\n');
                } else {
                    unexpected.add(d);
                }
            }
        }
        profile.ifPresent(p -> {
            report.append("  ").append(p).append('\n');
            unexpected.addAll(p.unexpected());
        });
        System.out.println(report);

        assertThat(unexpected)
                .as(
                        "%s: Argo's agent (%s) and the reference controller differ:%n%s",
                        sample,
                        comparisons.isEmpty() ? "?" : comparisons.get(0).argoVersion(),
                        unexpected.stream().map(Difference::toString).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    /** What -Dplugin.image or -Dplugin.url names instead of the samples, shown as the test's name. */
    private static Optional<String> ownPlugin() {
        return Optional.ofNullable(System.getProperty(RunOptions.IMAGE))
                .map(v -> "-D" + RunOptions.IMAGE + "=" + v)
                .or(() -> Optional.ofNullable(System.getProperty(RunOptions.URL))
                        .map(v -> "-D" + RunOptions.URL + "=" + v));
    }

    private static boolean offByOne(Difference d) {
        if (!Set.of(Field.CALLS, Field.CONNECTIONS, Field.REQUEUES).contains(d.field())) {
            return false;
        }
        return Math.abs(Integer.parseInt(d.argoValue()) - Integer.parseInt(d.referenceValue())) <= 1;
    }

    private static RunOptions options(String sample) {
        if (ownPlugin().filter(sample::equals).isPresent()) {
            RunOptions own =
                    RunOptions.fromSystemProperties(); // -Dplugin.manifest, -Dplugin.examples, -Dplugin.token, ... as a
            // certification takes them
            assertThat(own.kind())
                    .as(
                            "the differential tier runs executor plugins (Argo CD's generator harness is differential/argocd-generator)")
                    .isEqualTo(PluginKind.EXECUTOR);
            return own;
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put(RunOptions.SAMPLE, sample);
        props.put(RunOptions.ROOT, ROOT.toString());
        props.put(RunOptions.CONSOLE, "quiet");
        return RunOptions.from(props::get, props.keySet());
    }

    /** An address on this machine where nothing listens: a port taken from the kernel, then freed. */
    static URI nowhere() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /**
     * Every executor sample (a folder with a sample.yaml of kind executor); {@code -Dsamples=REGEX} narrows
     * them. With {@code -Dplugin.image=IMG} (or {@code -Dplugin.url=URL -Dplugin.token=T}), that plugin instead.
     */
    static Stream<String> samples() throws IOException {
        if (ownPlugin().isPresent()) {
            return Stream.of(ownPlugin().get());
        }
        return samplesOfKind(PluginKind.EXECUTOR);
    }

    /** The samples of one kind (a folder with a sample.yaml; no kind means executor), narrowed by -Dsamples. */
    static Stream<String> samplesOfKind(PluginKind kind) throws IOException {
        Path samplesRoot = ROOT.resolve("sample-plugins");
        Pattern only = Pattern.compile(System.getProperty("samples", ".*"));
        try (Stream<Path> files = Files.walk(samplesRoot)) {
            return files
                    .filter(p -> p.getFileName().toString().equals("sample.yaml"))
                    .filter(p -> kindOf(p) == kind)
                    .map(p -> samplesRoot.relativize(p.getParent()).toString().replace('\\', '/'))
                    .filter(name -> only.matcher(name).matches())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static PluginKind kindOf(Path sampleYaml) {
        try {
            JsonNode yaml = Json.YAML.readTree(sampleYaml.toFile());
            return PluginKind.parse(yaml.path("kind").asText("executor"));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + sampleYaml, e);
        }
    }
}
