package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.suite.config.RunOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's reply is hostile input, and the report quotes it. A report built from a reply that
 * tries to close the transcript and run a script, with markup in every other field too, must show
 * all of it as text in a browser and execute none of it.
 */
@Tag("chromium")
class HtmlReportEscapingTest {

    static final String BODY = "</pre><script>alert(\"body\")</script><img src=x onerror=alert(1)>";
    static final String REASON = "EXEC-AUTH-05 (must): expected: 403\n  received: 200 <b>bold</b> & \"quotes\" 'too'";

    @TempDir
    Path tmp;

    @Test
    void everyPieceOfPluginTextIsShownAndNoneOfItRuns() throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(RunOptions.URL, "http://localhost:4355");
        props.put(RunOptions.TOKEN, "irrelevant-here");
        props.put(RunOptions.ROOT, HelloEvidenceBundleTest.ROOT.toString());
        props.put(RunOptions.REPORTS, tmp.toString());
        String html;
        String resultsJson;
        try (CertificationRun run = CertificationRun.begin(RunOptions.from(props::get, props.keySet()))) {
            Requirement hostile = new Requirement(
                    "EXEC-AUTH-05",
                    Level.MUST,
                    "executor",
                    "auth",
                    "Title <i>with markup</i>",
                    "Clause \"quoted\" <script>alert('clause')</script>",
                    "classpath:features/executor/01-auth.feature:51");
            Requirement later =
                    new Requirement("EXEC-ACCEPT-01", Level.MUST, "executor", "accept", "Accepts", "", "x:1");
            RecordedCall call = new RecordedCall(
                    "hello",
                    1,
                    "POST",
                    "http://localhost:4355/api/v1/template.execute",
                    List.of(
                            new RecordedCall.Header("Authorization", "Bearer *****"),
                            new RecordedCall.Header("X-Odd", "a\"b'<c>&d")),
                    "{\"template\":\"<x>\"}",
                    200,
                    "OK",
                    List.of(new RecordedCall.Header("Content-Type", "text/html")),
                    BODY + "\u0000\u0007",
                    null,
                    Instant.now(),
                    Duration.ofMillis(3));
            List<RequirementResult> results = List.of(
                    new RequirementResult(
                            hostile,
                            Status.FAILED,
                            REASON,
                            "",
                            Duration.ofMillis(5),
                            List.of(call),
                            List.of("note <u>x</u>")),
                    new RequirementResult(
                            later,
                            Status.SKIPPED,
                            "blocked by EXEC-AUTH-05: <em>no</em>",
                            "EXEC-AUTH-05",
                            Duration.ZERO,
                            List.of(),
                            List.of()));
            RunResult result = new RunResult(
                    run.id(), run.startedAt(), Instant.now(), results, Set.of(), Verdict.of(results, Set.of()), tmp);
            resultsJson = ResultsJson.render(run, result, new RunEnvironment("unknown", "java <x>", "none", 42));
            html = HtmlReport.render(resultsJson, result);
        }
        Path report = Files.writeString(tmp.resolve("report.html"), html, StandardCharsets.UTF_8);

        assertThat(html)
                .as("no markup of the plugin's survives unescaped")
                .doesNotContain("<script")
                .doesNotContain("<img")
                .doesNotContain("<b>")
                .doesNotContain("<i>")
                .doesNotContain("<em>")
                .doesNotContain("<u>")
                .doesNotContain("\u0000")
                .doesNotContain("\u0007");
        assertThat(ResultsSchema.errors(ResultsJson.schema(), resultsJson))
                .as("the same results.json against its schema")
                .isEmpty();

        String dom = new HeadlessChromium(tmp).dumpDom(report);
        assertThat(dom)
                .as("the DOM Chromium built has no script, image or bold element")
                .doesNotContain("<script")
                .doesNotContain("<img")
                .doesNotContain("<b>");
        String text = HeadlessChromium.text(dom);
        assertThat(text)
                .as("what a reader sees, verbatim")
                .contains(BODY)
                .contains("received: 200 <b>bold</b> & \"quotes\" 'too'")
                .contains("Clause \"quoted\" <script>alert('clause')</script>")
                .contains("Title <i>with markup</i>")
                .contains("X-Odd: a\"b'<c>&d")
                .contains("note <u>x</u>")
                .contains("\\u0000\\u0007")
                .contains("Blocked by EXEC-AUTH-05: <em>no</em>")
                .contains(
                        "@must requirements failed: EXEC-AUTH-05. Blocked by them (nobody saw these pass): EXEC-ACCEPT-01.");
        assertThat(dom).as("the blocked requirement links to its cause").contains("href=\"#r-EXEC-AUTH-05\"");
    }
}
