package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.launcher.Main;
import dev.argoconformance.suite.plugin.SampleImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence of a failing run, through the command line a plugin author types: the broken sample
 * that compares tokens by prefix (it must fail EXEC-AUTH-05), certified with
 * {@code --plugin-image … --manifest … --profile=core}. The exit code, the badge and the report must
 * all say failed, and the report must show the exchange that proves it and how to replay it.
 */
@Tag("docker")
@Tag("chromium")
class FailedRunEvidenceTest {

    static final Path ROOT = HelloEvidenceBundleTest.ROOT;
    static final Path SAMPLE = ROOT.resolve("sample-plugins/broken/executor/auth-prefix-compare");
    static final Path REPORTS = ROOT.resolve("reports/evidence-tests/auth-prefix-compare");

    static int exitCode;
    static String out;
    static String err;
    static String console;
    static Path bundle;

    @TempDir
    Path tmp;

    @BeforeAll
    static void certifyTheBrokenSampleThroughTheCli() throws Exception {
        String image = SampleImages.build(ROOT.resolve("sample-plugins"), SAMPLE);
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        console = HelloEvidenceBundleTest.capturingStdout(() -> exitCode = Main.run(
                new PrintWriter(outText, true),
                new PrintWriter(errText, true),
                "--plugin-image=" + image,
                "--manifest=" + SAMPLE.resolve("plugin.yaml"),
                "--profile=core",
                "--reports=" + REPORTS));
        out = outText.toString();
        err = errText.toString();
        String reportLine = console.lines()
                .filter(l -> l.strip().startsWith("report:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 'report:' line; console:\n" + console + "\nerr:\n" + err));
        bundle = Path.of(reportLine.strip().substring("report:".length()).strip())
                .toAbsolutePath()
                .getParent();
    }

    @Test
    void exitsWithOneForAFailedMust() {
        assertThat(exitCode)
                .as("exit code; stderr:%n%s%nconsole:%n%s", err, console)
                .isEqualTo(1);
    }

    @Test
    void theBadgeSaysFailedAndIsAnError() throws Exception {
        JsonNode badge = Json.MAPPER.readTree(Files.readString(bundle.resolve("badge.json")));

        assertThat(badge.path("message").asText()).isEqualTo("failed · suite " + SuiteVersion.majorMinor());
        assertThat(badge.path("color").asText()).isEqualTo("red");
        assertThat(badge.path("isError").asBoolean()).isTrue();
        assertThat(HelloEvidenceBundleTest.xml(bundle.resolve("badge.svg"))
                        .getDocumentElement()
                        .getAttribute("aria-label"))
                .endsWith(": failed · suite " + SuiteVersion.majorMinor());
    }

    @Test
    void resultsJsonNamesTheFailedRequirementAndValidates() throws Exception {
        String json = Files.readString(bundle.resolve("results.json"));
        JsonNode results = Json.MAPPER.readTree(json);

        assertThat(ResultsSchema.errors(ResultsJson.schema(), json)).isEmpty();
        assertThat(results.path("verdict").asText()).isEqualTo("failed");
        assertThat(results.path("exitCode").asInt()).isEqualTo(1);
        List<String> failed = new ArrayList<>();
        results.path("requirements").forEach(r -> {
            if (r.path("status").asText().equals("failed")) {
                failed.add(r.path("id").asText());
            }
        });
        assertThat(failed).containsExactly("EXEC-AUTH-05");
    }

    @Test
    void theReportShowsTheFailingTranscriptAndItsReplayLine() throws Exception {
        Path report = bundle.resolve("report.html");
        HeadlessChromium chromium = new HeadlessChromium(tmp);

        HeadlessChromium.Png png = chromium.screenshot(report, REPORTS.resolve("report-desktop.png"), 1280, 2400);
        String dom = chromium.dumpDom(report);

        assertThat(png.bytes()).isGreaterThan(20_000);
        assertThat(dom).contains("<span id=\"verdict\">FAILED</span>");
        assertThat(dom).as("no script element survived into the DOM").doesNotContain("<script");
        Matcher article = Pattern.compile("(?s)<article class=\"req st-failed\" id=\"r-EXEC-AUTH-05\">(.*?)</article>")
                .matcher(dom);
        assertThat(article.find())
                .as("an article for EXEC-AUTH-05 marked failed")
                .isTrue();
        String text = HeadlessChromium.text(article.group(1));
        assertThat(text)
                .contains("FAILED")
                .contains("EXEC-AUTH-05")
                .contains("expected:")
                .contains("received:");
        assertThat(text)
                .as("the request of the transcript")
                .containsPattern("> POST http://[^ ]+/api/v1/template\\.execute");
        assertThat(text).as("the masked token in the transcript").contains("> Authorization: Bearer *****");
        assertThat(text).as("the response of the transcript").containsPattern("< 200");
        assertThat(text)
                .as("the replay line")
                .contains("curl -i -X POST 'http://")
                .contains("-H \"Authorization: Bearer ${ARGO_TOKEN}");
        assertThat(HeadlessChromium.text(dom))
                .as("the verdict's reason names the requirement")
                .contains("@must requirements failed: EXEC-AUTH-05.");
    }

    @Test
    void theListForAProfileIsExactlyWhatAProfileRuns() throws Exception {
        StringWriter listed = new StringWriter();
        int exit = Main.run(
                new PrintWriter(listed, true), new PrintWriter(new StringWriter(), true), "--list", "--profile=core");

        assertThat(exit).isZero();
        Set<String> listedIds = new TreeSet<>();
        listed.toString()
                .lines()
                .map(String::strip)
                .filter(l -> l.startsWith("EXEC-"))
                .forEach(l -> listedIds.add(l.split("\\s+")[0]));
        Set<String> ranIds = new TreeSet<>();
        Json.MAPPER
                .readTree(Files.readString(bundle.resolve("results.json")))
                .path("requirements")
                .forEach(r -> {
                    if (!r.path("reason").asText().startsWith("not selected")) {
                        ranIds.add(r.path("id").asText());
                    }
                });
        assertThat(listedIds)
                .as("--list --profile=core against the requirements the core run ran")
                .isNotEmpty()
                .isEqualTo(ranIds);
    }

    @Test
    void theRunWroteOneBundleAndTheConsoleNamesIt() throws Exception {
        try (Stream<Path> files = Files.list(bundle)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .contains(
                            "report.html",
                            "results.json",
                            "results.schema.json",
                            "badge.json",
                            "badge.svg",
                            "junit.xml",
                            "cucumber.ndjson");
        }
        assertThat(console).contains("verdict: FAILED").contains("[FAILED]  EXEC-AUTH-05");
    }
}
