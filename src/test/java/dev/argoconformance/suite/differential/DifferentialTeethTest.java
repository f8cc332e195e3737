package dev.argoconformance.suite.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.Backoff;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.differential.ScriptedPlugin.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential tier against plugins scripted in the test (no Docker): Argo's own agent code
 * (the harness) and the reference controller agree on Argo's retry rules, and a reference client
 * whose retry rule is deliberately changed is caught. Needs the harness binary
 * (differential/argo-agent/build.sh); fails with that sentence without it.
 */
@Tag("differential")
class DifferentialTeethTest {

    static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();

    private static final Duration WITHIN = Duration.ofMinutes(2);

    private static ObjectNode template() {
        ObjectNode template = Json.object();
        template.put("name", "main");
        template.putObject("plugin").putObject("scripted");
        return template;
    }

    private static Differential differential;

    /** Fails the class at once, with one sentence saying how to build it, when the harness binary is not there. */
    @BeforeAll
    static void locateTheHarness() {
        differential = new Differential(ArgoAgentHarness.locate(ROOT));
    }

    private static Differential differential() {
        return differential;
    }

    private static String report(TemplateComparison c) {
        return c.summary() + "\n"
                + c.differences().stream().map(Difference::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void bothSidesRetryA503TwiceThenSucceedWithThreeCalls() throws Exception {
        try (ScriptedPlugin plugin =
                new ScriptedPlugin(Answer.status(503, "busy"), Answer.status(503, "busy"), Answer.succeeded("done"))) {
            TemplateComparison c =
                    differential().compare(plugin.plugin(), "503-twice", template(), WITHIN, Optional.empty());
            System.out.println(report(c));

            assertThat(c.differences()).as(report(c)).isEmpty();
            assertThat(c.argo().calls()).isEqualTo(3);
            assertThat(c.argo().phase()).isEqualTo("Succeeded");
            assertThat(c.argo().finalError()).isEqualTo("busy");
        }
    }

    /**
     * The tier has teeth: the reference client given a single attempt instead of Argo's backoff (as a
     * regression of its retry rule would) is one call short, and the comparison says so.
     */
    @Test
    void aReferenceClientWithoutArgosRetriesIsCaught() throws Exception {
        try (ScriptedPlugin plugin =
                new ScriptedPlugin(Answer.status(503, "busy"), Answer.status(503, "busy"), Answer.succeeded("done"))) {
            ReferenceSide.Plugin noRetries = new ReferenceSide.Plugin(
                    "scripted", plugin.address(), ScriptedPlugin.TOKEN, b -> b.backoff(Backoff.NONE));
            TemplateComparison c = differential().compare(noRetries, "503-twice", template(), WITHIN, Optional.empty());
            System.out.println("Deliberately changed retry rule (Backoff.NONE):\n" + report(c));

            assertThat(c.unexpected()).as(report(c)).anySatisfy(d -> {
                assertThat(d.field()).isEqualTo(Field.CALLS);
                assertThat(d.argoValue()).isEqualTo("3");
                assertThat(d.referenceValue()).isEqualTo("1");
            });
            assertThat(c.unexpected()).extracting(Difference::field).contains(Field.PHASE, Field.MESSAGE);
        }
    }

    /**
     * Argo's retry predicate reads the error's text: a non-2xx reply whose body names a transient
     * network error ({@code "<status>: <body>"}) is retried like that error (spec history D1).
     */
    @ParameterizedTest(name = "a 502 saying \"{0}\" twice, then 200")
    @ValueSource(
            strings = {
                "dial tcp 10.0.0.7:5432: connect: connection refused",
                "read tcp 10.0.0.7:5432: read: connection reset by peer",
                "dial tcp 10.0.0.7:5432: i/o timeout"
            })
    void bothSidesRetryANon2xxWhoseBodyNamesATransientError(String body) throws Exception {
        try (ScriptedPlugin plugin =
                new ScriptedPlugin(Answer.status(502, body), Answer.status(502, body), Answer.succeeded("done"))) {
            TemplateComparison c =
                    differential().compare(plugin.plugin(), "transient-body", template(), WITHIN, Optional.empty());
            System.out.println(report(c));

            assertThat(c.differences()).as(report(c)).isEmpty();
            assertThat(c.argo().calls()).as("Argo's own agent retries it").isEqualTo(3);
            assertThat(c.argo().finalError()).isEqualTo("502 Bad Gateway: " + body);
        }
    }

    @Test
    void bothSidesFailANon2xxSayingConnectionRefusedAfterFiveCalls() throws Exception {
        String body = "upstream: dial tcp 10.0.0.7:5432: connect: connection refused";
        try (ScriptedPlugin plugin = new ScriptedPlugin(Answer.status(500, body))) {
            TemplateComparison c =
                    differential().compare(plugin.plugin(), "refused-body", template(), WITHIN, Optional.empty());
            System.out.println(report(c));

            assertThat(c.differences()).as(report(c)).isEmpty();
            assertThat(c.argo().calls()).isEqualTo(5);
            assertThat(c.argo().phase()).isEqualTo("Failed");
            assertThat(c.argo().message()).isEqualTo("500 Internal Server Error: " + body);
        }
    }

    static Stream<Arguments> oneAnswer() {
        return Stream.of(
                Arguments.of("decline {}", Answer.status(200, "{}"), "Failed", "no plugin executed the template", 1),
                Arguments.of(
                        "decline null", Answer.status(200, "null"), "Failed", "no plugin executed the template", 1),
                Arguments.of("404", Answer.status(404, ""), "Failed", "no plugin executed the template", 1),
                Arguments.of("500 boom", Answer.status(500, "boom"), "Failed", "500 Internal Server Error: boom", 1),
                Arguments.of("empty 200", Answer.status(200, ""), "Failed", "EOF", 1),
                Arguments.of(
                        "numeric requeue",
                        Answer.status(200, "{\"node\":{\"phase\":\"Running\"},\"requeue\":1}"),
                        "Failed",
                        "json: cannot unmarshal number into Go struct field ExecuteTemplateReply.requeue of type string",
                        1),
                Arguments.of(
                        "Running, no requeue",
                        Answer.status(200, "{\"node\":{\"phase\":\"Running\",\"message\":\"working\"}}"),
                        "Running",
                        "working",
                        1),
                Arguments.of(
                        "Succeeded with requeue",
                        Answer.status(
                                200, "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"ok\"},\"requeue\":\"1s\"}"),
                        "Succeeded",
                        "ok",
                        1),
                Arguments.of(
                        "silent poll",
                        Answer.status(200, "{\"node\":{\"phase\":\"\"},\"requeue\":\"1s\"}"),
                        "Succeeded",
                        "done",
                        2),
                Arguments.of(
                        "JSON cut short (ARGO-V4.0.8-UNEXPECTED-EOF)",
                        Answer.status(200, "{\"node\":{\"phase\":\"Succeeded\""),
                        "Failed",
                        "unexpected EOF",
                        1),
                Arguments.of(
                        "a 500 naming a v4.1 transient text (ARGO-V4.1-TRANSIENT-TEXTS)",
                        Answer.status(500, "stream error when reading response body"),
                        "Failed",
                        "500 Internal Server Error: stream error when reading response body",
                        1));
    }

    /** Answers both sides must make the same of; the last two only through their allow-list entries. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oneAnswer")
    void bothSidesMakeTheSameOf(String label, Answer first, String phase, String message, int argoCalls)
            throws Exception {
        try (ScriptedPlugin plugin = new ScriptedPlugin(first, Answer.succeeded("done"))) {
            TemplateComparison c = differential().compare(plugin.plugin(), label, template(), WITHIN, Optional.empty());
            System.out.println(report(c));

            assertThat(c.unexpected()).as(report(c)).isEmpty();
            assertThat(c.argo().phase()).isEqualTo(phase);
            assertThat(c.argo().message()).isEqualTo(message);
            assertThat(c.argo().calls()).isEqualTo(argoCalls);
        }
    }

    /**
     * A Failed reply with a requeue. Argo's agent calls the plugin again (PR #10681), but the
     * controller has copied the Failed node and completes a one-node workflow, so the node stays Failed
     * after one call (the harness stops there, "fulfilled, requeue pending"; the reference's
     * WorkflowRunner keeps the first fulfilled result too). The suite's example loop
     * (steps/Exchanges#execute, which ReferenceSide mirrors) stops there too (TaskOutcome.finishesTheNode).
     */
    @Test
    void aFailedReplyWithARequeueEndsTheNodeFailed() throws Exception {
        try (ScriptedPlugin plugin = new ScriptedPlugin(
                Answer.status(200, "{\"node\":{\"phase\":\"Failed\",\"message\":\"not yet\"},\"requeue\":\"1s\"}"),
                Answer.succeeded("done"))) {
            TemplateComparison c = differential()
                    .compare(plugin.plugin(), "failed-with-requeue", template(), WITHIN, Optional.empty());
            System.out.println(report(c));

            assertThat(c.unexpected()).as(report(c)).isEmpty();
        }
    }

    /**
     * Go's DefaultTransport opens a connection per concurrent call and keeps 2 idle per host: 16
     * concurrent calls to a plugin that takes 400 ms open 16 connections and leave 2 open.
     */
    @Test
    void bothSidesOpenAndKeepTheSameConnections() throws Exception {
        try (ScriptedPlugin plugin = new ScriptedPlugin(Answer.succeeded("slow").after(400))) {
            ConnectionProfile profile =
                    ConnectionProfile.measure(differential().harness(), plugin.plugin(), template(), 16);
            System.out.println(profile + "\n"
                    + profile.differences().stream().map(Difference::toString).collect(Collectors.joining("\n")));

            assertThat(profile.argoOneCall()).isEqualTo(1);
            assertThat(profile.argoConcurrent())
                    .as("Argo's 16 task workers, each its own connection")
                    .isEqualTo(16);
            assertThat(profile.argoKeptIdle())
                    .as("Go keeps 2 idle connections per host")
                    .isEqualTo(2);
            assertThat(profile.unexpected()).as(profile.toString()).isEmpty();
        }
    }
}
