package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.launcher.Certification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite's verdicts, proved on real plugins: every sample under sample-plugins/ is built,
 * started and certified, and must fail exactly the requirements its sample.yaml names (none for a
 * correct plugin, one for a one-defect broken sample), every other requirement passing or not applying;
 * a correct sample run without examples ({@code examples: none}) must come out incomplete, with
 * exactly the exact-answer requirements its sample.yaml lists under {@code disabled} not checked.
 */
@Tag("docker")
class SampleCertificationTest {

    static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @Execution(ExecutionMode.CONCURRENT)
    void failsExactlyTheRequirementsItsSampleYamlNames(Sample sample) {
        try {
            certify(sample);
        } catch (AssertionError e) {
            // Surefire's console names a failed invocation by its index ([23]); the message names the sample.
            throw new AssertionError(sample + ": " + e.getMessage(), e);
        }
    }

    private static void certify(Sample sample) {
        RunResult result = Certification.run(sample.options());

        assertThat(result.withStatus(Status.ERROR))
                .as("harness errors (the suite's fault, never the plugin's)")
                .isEmpty();
        Set<String> failed = result.withStatus(Status.FAILED).stream()
                .map(r -> r.requirement().id())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(failed)
                .as("requirements %s failed; reasons:%n%s", sample.name(), reasons(result))
                .isEqualTo(sample.fails());
        Set<String> disabled = result.withStatus(Status.DISABLED).stream()
                .map(r -> r.requirement().id())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(disabled)
                .as("disabled requirements (only what sample.yaml says a run without examples cannot check)")
                .isEqualTo(sample.disabled());
        if (sample.fails().isEmpty() && !sample.disabled().isEmpty()) {
            assertThat(result.verdict())
                    .as("a correct plugin certified without examples")
                    .isEqualTo(Verdict.INCOMPLETE);
        } else if (sample.fails().isEmpty()) {
            assertThat(result.verdict())
                    .isEqualTo(sample.profile().equals("full") ? Verdict.CERTIFIED : Verdict.CERTIFIED_CORE);
        } else {
            boolean mustFailed = sample.fails().stream().anyMatch(id -> level(sample.kind(), id) == Level.MUST);
            assertThat(result.verdict()).isEqualTo(mustFailed ? Verdict.FAILED : Verdict.CERTIFIED_CORE);
            for (RequirementResult r : result.withStatus(Status.FAILED)) {
                assertThat(r.reason())
                        .as(
                                "the failure of %s quotes its clause",
                                r.requirement().id())
                        .contains(r.requirement().label())
                        .contains("expected:")
                        .contains("received:");
            }
        }
        if (sample.argoAtLeast() != null) {
            JsonNode compatibility = readResults(result).path("compatibility");
            assertThat(compatibility.path("atLeast").asText("none"))
                    .as(
                            "the Argo release %s works from: %s",
                            sample.name(), compatibility.path("summary").asText())
                    .isEqualTo(sample.argoAtLeast());
        }
    }

    private static JsonNode readResults(RunResult result) {
        try {
            return Json.MAPPER.readTree(Files.readString(result.bundle().resolve("results.json")));
        } catch (IOException e) {
            throw new AssertionError("cannot read the run's results.json", e);
        }
    }

    private static String reasons(RunResult result) {
        return result.results().stream()
                .filter(r -> r.status() == Status.FAILED || r.status() == Status.ERROR)
                .map(r -> r.requirement().id() + ": " + r.reason())
                .collect(Collectors.joining("\n"));
    }

    private static Level level(PluginKind kind, String id) {
        return FeatureCatalogue.requirements(kind.tag()).stream()
                .filter(r -> r.id().equals(id))
                .map(Requirement::level)
                .findFirst()
                .orElseThrow(() -> new AssertionError("sample.yaml names " + id + ", which no feature defines"));
    }

    /** A sample folder and what its sample.yaml says it must fail. */
    record Sample(
            String name, PluginKind kind, Set<String> fails, Set<String> disabled, String profile, String argoAtLeast) {
        @Override
        public String toString() {
            return name + " fails " + (fails.isEmpty() ? "nothing" : fails);
        }

        RunOptions options() {
            Map<String, String> props = new LinkedHashMap<>();
            props.put(RunOptions.SAMPLE, name);
            props.put(RunOptions.KIND, kind.tag());
            props.put(RunOptions.PROFILE, profile);
            props.put(RunOptions.ROOT, ROOT.toString());
            props.put(
                    RunOptions.REPORTS,
                    ROOT.resolve("reports/samples")
                            .resolve(name.replace('/', '-'))
                            .toString());
            props.put(RunOptions.CONSOLE, "quiet");
            // A broken sample runs every @must plus the @should it breaks: enough to prove "exactly that one".
            List<String> shoulds =
                    fails.stream().filter(id -> level(kind, id) == Level.SHOULD).toList();
            if (!profile.equals("core") && !fails.isEmpty()) {
                props.put(
                        RunOptions.TAGS,
                        Stream.concat(Stream.of("@must"), shoulds.stream().map(id -> "@" + id))
                                .collect(Collectors.joining(" or ")));
            }
            return RunOptions.from(props::get, props.keySet());
        }
    }

    /** {@code -Dsamples=REGEX} certifies only the samples whose folder matches: a contributor's loop on one sample. */
    static Stream<Sample> samples() throws IOException {
        Path samplesRoot = ROOT.resolve("sample-plugins");
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(System.getProperty("samples", ".*"));
        try (Stream<Path> files = Files.walk(samplesRoot)) {
            return files
                    .filter(p -> p.getFileName().toString().equals("sample.yaml"))
                    .sorted()
                    .map(p -> sample(samplesRoot, p))
                    .filter(s -> only.matcher(s.name()).matches())
                    .toList()
                    .stream();
        }
    }

    private static Sample sample(Path samplesRoot, Path file) {
        try {
            JsonNode yaml = Json.YAML.readTree(file.toFile());
            Set<String> fails = new TreeSet<>();
            yaml.path("fails").forEach(id -> fails.add(id.asText()));
            Set<String> disabled = new TreeSet<>();
            yaml.path("disabled").forEach(id -> disabled.add(id.asText()));
            String name = samplesRoot.relativize(file.getParent()).toString().replace('\\', '/');
            boolean onlyMusts = fails.stream()
                    .allMatch(id -> level(PluginKind.parse(yaml.path("kind").asText("executor")), id) == Level.MUST);
            String profile = yaml.path("profile").asText(fails.isEmpty() || !onlyMusts ? "full" : "core");
            // argoAtLeast: the release results.json must name as the one the sample works from ("none": no release).
            String argoAtLeast =
                    yaml.hasNonNull("argoAtLeast") ? yaml.get("argoAtLeast").asText() : null;
            return new Sample(
                    name,
                    PluginKind.parse(yaml.path("kind").asText("executor")),
                    fails,
                    disabled,
                    profile,
                    argoAtLeast);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
