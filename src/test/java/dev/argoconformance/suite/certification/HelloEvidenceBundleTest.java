package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.launcher.Certification;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The evidence of a passing run, read the way its three readers read it: results.json by a schema
 * validator, report.html by a browser, the badge by shields and by an image tag. One full
 * certification of the hello-executor sample (a real container) feeds every test.
 */
@Tag("docker")
@Tag("chromium")
class HelloEvidenceBundleTest {

    static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();

    static RunResult result;
    static String console;

    @TempDir
    Path tmp;

    @BeforeAll
    static void certifyTheHelloSample() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(RunOptions.SAMPLE, "hello-executor");
        props.put(RunOptions.PROFILE, "full");
        props.put(RunOptions.ROOT, ROOT.toString());
        props.put(
                RunOptions.REPORTS, ROOT.resolve("reports/evidence-tests/hello").toString());
        console = capturingStdout(() -> result = Certification.run(RunOptions.from(props::get, props.keySet())));
    }

    @Test
    void aCorrectPluginIsCertified() {
        assertThat(result.verdict()).as("verdict; console:%n%s", console).isEqualTo(Verdict.CERTIFIED);
        assertThat(result.verdict().exitCode()).isZero();
    }

    @Test
    void resultsJsonValidatesAgainstTheSchemaItsBundlePublishes() throws Exception {
        String schema = Files.readString(result.bundle().resolve("results.schema.json"));
        String json = Files.readString(result.bundle().resolve("results.json"));

        assertThat(schema).as("the bundle's schema is the one the jar ships").isEqualTo(ResultsJson.schema());
        assertThat(ResultsSchema.metaSchemaErrors(schema))
                .as("the schema against draft 2020-12's meta-schema")
                .isEmpty();
        assertThat(ResultsSchema.errors(schema, json))
                .as("results.json against results.schema.json")
                .isEmpty();

        JsonNode results = Json.MAPPER.readTree(json);
        assertThat(results.path("run").path("id").asText()).isEqualTo(result.runId());
        assertThat(results.path("suite").path("version").asText()).isEqualTo(SuiteVersion.version());
        assertThat(results.path("suite").path("commit").asText())
                .as("the suite's git commit")
                .matches("[0-9a-f]{40}");
        assertThat(results.path("plugin").path("image").asText()).isEqualTo("argo-conformance/hello-executor:latest");
        assertThat(results.path("plugin").path("digest").asText())
                .as("the image digest")
                .matches("sha256:[0-9a-f]{64}");
        assertThat(results.path("plugin").path("manifestHash").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(results.path("latency").path("coldStartMs").isIntegralNumber())
                .as("a cold start was measured")
                .isTrue();
        assertThat(results.path("latency").path("p99Ms").isNumber())
                .as("a p99 was measured")
                .isTrue();
        assertThat(results.path("requirements"))
                .as("every executor requirement, run or not")
                .hasSizeGreaterThan(30);
        JsonNode compatibility = results.path("compatibility");
        assertThat(compatibility.path("atLeast").asText())
                .as("it checks the token, which Argo sends since v3.3.1: %s", compatibility)
                .isEqualTo("3.3.1");
        assertThat(compatibility.path("reliesOn").findValuesAsText("id")).containsExactly("token");
        assertThat(console).contains("argo:    compatible with Argo Workflows >= 3.3.1");
    }

    @Test
    void theSchemaRejectsWhatAResultsJsonMustNotSay() throws Exception {
        String schema = ResultsJson.schema();
        JsonNode valid = Json.MAPPER.readTree(Files.readString(result.bundle().resolve("results.json")));

        ObjectNode unknownKey = valid.deepCopy();
        unknownKey.put("verdictOverride", "certified");
        ObjectNode unmaskedToken = valid.deepCopy();
        ((ObjectNode) unmaskedToken.path("run").path("options")).put("plugin.token", "the-real-token");
        ObjectNode unknownStatus = valid.deepCopy();
        ((ObjectNode) unknownStatus.path("requirements").get(0)).put("status", "pending");
        ObjectNode passedWithReason = valid.deepCopy();
        ((ObjectNode) passedWithReason.path("requirements").get(0))
                .put("status", "passed")
                .put("reason", "but not really");
        ObjectNode badTimestamp = valid.deepCopy();
        ((ObjectNode) badTimestamp.path("run")).put("startedAt", "yesterday");

        ObjectNode lineOnly = valid.deepCopy();
        ((ObjectNode) lineOnly.path("compatibility")).put("atLeast", "3.4");

        for (ObjectNode invalid :
                List.of(unknownKey, unmaskedToken, unknownStatus, passedWithReason, badTimestamp, lineOnly)) {
            assertThat(ResultsSchema.errors(schema, Json.MAPPER.writeValueAsString(invalid)))
                    .as("errors for %s", invalid.toString().substring(0, 80))
                    .isNotEmpty();
        }
    }

    @Test
    void reportHtmlRendersInHeadlessChromiumAndShowsTheVerdict() throws Exception {
        Path report = result.bundle().resolve("report.html");
        HeadlessChromium chromium = new HeadlessChromium(tmp);

        HeadlessChromium.Png phone = chromium.screenshot(
                report,
                ROOT.resolve("reports/evidence-tests/hello-report-phone.png"),
                HeadlessChromium.PHONE_WIDTH,
                HeadlessChromium.PHONE_HEIGHT);
        String dom = chromium.dumpDom(report);

        assertThat(phone.width()).isEqualTo(HeadlessChromium.PHONE_WIDTH);
        assertThat(phone.height()).isEqualTo(HeadlessChromium.PHONE_HEIGHT);
        assertThat(phone.bytes())
                .as("a PNG with a page drawn in it, not a blank one")
                .isGreaterThan(20_000);
        String text = HeadlessChromium.text(dom);
        assertThat(text)
                .contains("Verdict: CERTIFIED")
                .contains("argo-conformance/hello-executor:latest")
                .contains("EXEC-AUTH-01")
                .contains("Latency profile")
                .contains("p99")
                .contains("cold start")
                .contains("compatible with Argo Workflows >= 3.3.1");
        assertThat(dom).as("the verdict element").contains("<span id=\"verdict\">CERTIFIED</span>");
    }

    @Test
    void reportHtmlIsOneSelfContainedFile() throws Exception {
        String html = Files.readString(result.bundle().resolve("report.html"));

        assertThat(html)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("@import")
                .doesNotContain("src=");
        assertThat(html)
                .as("every href is a fragment or a file of the bundle")
                .doesNotContainPattern("href=\"(?!#|[a-z.]+\")");
        assertThat(html).as("every url() is a fragment").doesNotContainPattern("url\\((?!#)");
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    }

    @Test
    void theBadgeSaysCertifiedWithTheSuiteVersion() throws Exception {
        JsonNode badge = Json.MAPPER.readTree(Files.readString(result.bundle().resolve("badge.json")));
        String majorMinor = SuiteVersion.majorMinor();

        assertThat(badge.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(badge.path("label").asText()).isEqualTo("argo executor plugin");
        assertThat(badge.path("message").asText()).isEqualTo("certified · suite " + majorMinor);
        assertThat(badge.path("color").asText()).isEqualTo("brightgreen");
        assertThat(badge.has("isError")).as("a certified badge is no error").isFalse();

        Document svg = xml(result.bundle().resolve("badge.svg"));
        assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg.getDocumentElement().getAttribute("aria-label"))
                .isEqualTo("argo executor plugin: certified · suite " + majorMinor);
        assertThat(Badge.isStale(Files.readString(result.bundle().resolve("badge.json")), SuiteVersion.version()))
                .isFalse();
    }

    @Test
    void theBundleIsCopiedToLatestAndTheConsoleNamesTheReport() throws Exception {
        Path latest = result.bundle().getParent().resolve("latest");
        List<String> files;
        try (Stream<Path> list = Files.list(result.bundle())) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files)
                .containsExactly(
                        "badge.json",
                        "badge.svg",
                        "cucumber.html",
                        "cucumber.ndjson",
                        "junit.xml",
                        "report.html",
                        "results.json",
                        "results.schema.json");
        for (String file : files) {
            assertThat(latest.resolve(file))
                    .as("reports/latest/%s", file)
                    .hasSameBinaryContentAs(result.bundle().resolve(file));
        }
        List<String> lines = console.lines().toList();
        String reportLine = lines.stream()
                .filter(l -> l.strip().startsWith("report:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 'report:' line in the console output:\n" + console));
        assertThat(ROOT.resolve(reportLine.strip().substring("report:".length()).strip()))
                .as("the path the console prints")
                .isEqualTo(result.bundle().resolve("report.html"));
    }

    static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** Runs {@code body} with System.out copied into a buffer (and still printed), and returns what it printed. */
    static synchronized String capturingStdout(Runnable body) {
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                copy.write(b, off, len);
            }
        };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return copy.toString(StandardCharsets.UTF_8);
    }
}
