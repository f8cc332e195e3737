package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.launcher.Main;
import dev.argoconformance.suite.plugin.SampleImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --differential} ({@code -Dplugin.differential=true}) on a certification through the command
 * line a plugin author types: the hello samples' examples also go through Argo's own code (the
 * harnesses under differential/), and results.json and report.html carry the comparison. The verdict
 * is the suite's; the section only reports.
 */
@Tag("docker")
@Tag("differential")
class DifferentialCertificationTest {

    static final Path ROOT = HelloEvidenceBundleTest.ROOT;
    static final Path REPORTS = ROOT.resolve("reports/evidence-tests/differential");

    record Run(int exit, String console, String err, Path bundle) {}

    static Run certify(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] exit = new int[1];
        String console = HelloEvidenceBundleTest.capturingStdout(
                () -> exit[0] = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args));
        Path bundle = console.lines()
                .filter(l -> l.strip().startsWith("report:"))
                .findFirst()
                .map(l -> Path.of(l.strip().substring("report:".length()).strip())
                        .toAbsolutePath()
                        .getParent())
                .orElseThrow(() -> new AssertionError("no 'report:' line; console:\n" + console + "\nerr:\n" + err));
        return new Run(exit[0], console, err.toString(), bundle);
    }

    @Test
    void anExecutorsExamplesGoThroughArgosAgentAndTheReportSaysTheyAgree() throws Exception {
        Path sample = ROOT.resolve("sample-plugins/hello-executor");
        String image = SampleImages.build(ROOT.resolve("sample-plugins"), sample);
        Run run = certify(
                "--plugin-image=" + image,
                "--manifest=" + sample.resolve("plugin.yaml"),
                "--examples=" + sample.resolve("examples"),
                "--profile=quick",
                "--differential",
                "--reports=" + REPORTS.resolve("executor"));

        String json = Files.readString(run.bundle().resolve("results.json"));
        JsonNode differential = Json.MAPPER.readTree(json).path("differential");
        // quick checks only some @musts: incomplete (3), the differential section does not change it
        assertThat(run.exit()).as("exit; console:%n%s", run.console()).isEqualTo(3);
        assertThat(Json.MAPPER.readTree(json).path("verdict").asText()).isEqualTo("incomplete");
        assertThat(ResultsSchema.errors(ResultsJson.schema(), json)).isEmpty();
        assertThat(differential.path("argo").asText()).isEqualTo("Argo Workflows v4.0.5");
        assertThat(differential.path("status").asText())
                .as(differential.toString())
                .isEqualTo("agrees");
        assertThat(differential.path("examples").get(0).path("name").asText()).isEqualTo("hello");
        assertThat(differential.path("examples").get(0).path("argo").asText())
                .contains("\"Succeeded\" \"Hello template!\"", "1 call(s)");
        assertThat(run.console())
                .contains("differential: Argo Workflows v4.0.5 and the reference controller agree on all 1 example(s)");
        assertThat(Files.readString(run.bundle().resolve("report.html")))
                .contains("<h3>Argo's own code</h3>", "They agree on every example.");
    }

    @Test
    void aGeneratorsExamplesGoThroughArgoCdsGenerator() throws Exception {
        Path sample = ROOT.resolve("sample-plugins/hello-generator");
        String image = SampleImages.build(ROOT.resolve("sample-plugins"), sample);
        Run run = certify(
                "--plugin-image=" + image,
                "--kind=generator",
                "--examples=" + sample.resolve("examples"),
                "--profile=quick",
                "--differential",
                "--reports=" + REPORTS.resolve("generator"));

        JsonNode differential = Json.MAPPER
                .readTree(Files.readString(run.bundle().resolve("results.json")))
                .path("differential");
        assertThat(run.exit()).as("exit; console:%n%s", run.console()).isEqualTo(3);
        assertThat(differential.path("argo").asText()).isEqualTo("Argo CD v3.1.16");
        assertThat(differential.path("status").asText())
                .as(differential.toString())
                .isEqualTo("agrees");
        assertThat(differential.path("examples").get(0).path("argo").asText()).contains("\"key1\":\"val1\"");
    }

    @Test
    void aControllerPluginHasNoArgoCodeToCompareWith() {
        Map<String, String> props = Map.of(
                RunOptions.URL,
                "http://127.0.0.1:4355",
                RunOptions.KIND,
                "controller",
                RunOptions.DIFFERENTIAL,
                "true");
        assertThatThrownBy(() -> RunOptions.from(props::get, props.keySet()))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("no Argo release has controller plugins");
        Map<String, String> bad =
                Map.of(RunOptions.URL, "http://127.0.0.1:4355", RunOptions.TOKEN, "t", RunOptions.DIFFERENTIAL, "yes");
        assertThatThrownBy(() -> RunOptions.from(bad::get, bad.keySet()))
                .isInstanceOf(HarnessException.class)
                .hasMessage("-Dplugin.differential is true or false, got 'yes'.");
    }
}
