package dev.argoconformance.reference.workflow;

import static dev.argoconformance.reference.workflow.LoopbackPlugin.accepting;
import static dev.argoconformance.reference.workflow.LoopbackPlugin.node;
import static dev.argoconformance.reference.workflow.LoopbackPlugin.requeue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin node still Pending past its template's {@code timeout} or {@code pendingTimeout} fails with
 * {@code timeout}, as Argo's checkTemplateTimeouts makes it (v4.1.0's requeue at the deadline); a Running node does
 * not. Real plugins on loopback, a real clock.
 */
class PendingTimeoutTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<NodeStatus> changes = new CopyOnWriteArrayList<>();
    /** Lets a plugin that never answers in time go when the test ends: its server waits for it to close. */
    private final CountDownLatch testOver = new CountDownLatch(1);

    @AfterEach
    void closeEverything() throws Exception {
        testOver.countDown();
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private WorkflowResult run(LoopbackPlugin.Behaviour behaviour, String templateFields) throws Exception {
        LoopbackPlugin job = new LoopbackPlugin("job", accepting("job", behaviour));
        toClose.add(job);
        Workflow workflow = Workflow.parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: timeouts}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: job, template: job}
                    - name: job
                      %s
                      plugin:
                        job: {}
                """.formatted(templateFields), "test.yaml", "argo");
        return WorkflowRunner.builder()
                .plugin(job.executorPlugin())
                .deadline(Duration.ofSeconds(20))
                .onNode(changes::add)
                .build()
                .run(workflow);
    }

    private static NodeStatus job(WorkflowResult result) {
        return result.node("timeouts[0].job").orElseThrow();
    }

    @Test
    void failsANodeStillPendingPastItsTimeoutWithTimeout() throws Exception {
        long start = System.nanoTime();
        WorkflowResult result = run((body, n) -> requeue("Pending", "queued", "200ms"), "timeout: 1s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(job(result).phase() + ": " + job(result).message()).isEqualTo("Failed: timeout");
        assertThat(result.phase()).isEqualTo(WorkflowPhase.FAILED);
        assertThat(result.end()).isEqualTo(WorkflowResult.End.FINISHED);
        assertThat(took)
                .as("failed at the deadline, as v4.1's requeue makes it")
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    @Test
    void failsANodeWhoseFirstAnswerNeverArrivesAtItsPendingTimeout() throws Exception {
        long start = System.nanoTime();
        WorkflowResult result = run(
                (body, n) -> {
                    testOver.await(10, TimeUnit.SECONDS);
                    return node("Succeeded", "too late");
                },
                "pendingTimeout: 1s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(job(result).phase() + ": " + job(result).message()).isEqualTo("Failed: timeout");
        assertThat(took).as("not after the plugin's answer").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void waitsForAPendingReplyWithoutARequeueUntilItsDeadlineInsteadOfEndingStuck() throws Exception {
        WorkflowResult result = run((body, n) -> node("Pending", "waiting for a slot"), "pendingTimeout: \"1\"");

        assertThat(result.end())
                .as("Argo comes back to the node at its deadline: " + result.message())
                .isEqualTo(WorkflowResult.End.FINISHED);
        assertThat(job(result).phase() + ": " + job(result).message()).isEqualTo("Failed: timeout");
    }

    @Test
    void takesTheEarlierOfTimeoutAndPendingTimeout() throws Exception {
        long start = System.nanoTime();
        WorkflowResult result =
                run((body, n) -> requeue("Pending", "queued", "200ms"), "timeout: 10s\n      pendingTimeout: 1s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(job(result).message()).isEqualTo("timeout");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void leavesARunningNodeAlonePastItsTimeout() throws Exception {
        WorkflowResult result = run(
                (body, n) -> n < 5 ? requeue("Running", "working", "400ms") : node("Succeeded", "done"), "timeout: 1s");

        assertThat(job(result).phase() + ": " + job(result).message())
                .as("a plugin node has no pod for the timeout to end")
                .isEqualTo("Succeeded: done");
    }

    @Test
    void aDeadlineBeyondAnyRunIsNoTrouble() throws Exception {
        WorkflowResult result = run((body, n) -> node("Succeeded", "done"), "pendingTimeout: \"99999999999999\"");

        assertThat(job(result).phase() + ": " + job(result).message()).isEqualTo("Succeeded: done");
    }

    @Test
    void failsANodeThatGoesBackToPendingAfterItsDeadline() throws Exception {
        WorkflowResult result = run(
                (body, n) -> switch (n) {
                    case 1 -> requeue("Running", "started", "1500ms");
                    default -> requeue("Pending", "queued again", "200ms");
                },
                "timeout: 1s");

        assertThat(job(result).phase() + ": " + job(result).message()).isEqualTo("Failed: timeout");
        assertThat(changes)
                .filteredOn(n -> n.name().equals("timeouts[0].job"))
                .extracting(NodeStatus::phase)
                .containsExactly("Pending", "Running", "Pending", "Failed");
    }

    @Test
    void failsANodeWhoseTimeoutDoesNotParseWithArgosMessage() throws Exception {
        WorkflowResult result = run((body, n) -> requeue("Pending", "queued", "200ms"), "timeout: soon");

        assertThat(job(result).phase() + ": " + job(result).message())
                .isEqualTo(
                        "Failed: invalid timeout format unable to parse soon as a duration: time: invalid duration \"soon\"");
    }

    @Test
    void refusesWhatArgosValidationRefuses() {
        assertThatThrownBy(() -> run((body, n) -> node("Succeeded", "done"), "timeout: \"30\""))
                .isInstanceOf(WorkflowException.class)
                .hasMessage(
                        "Template job sets timeout 30, which Argo refuses: \"job has invalid duration format in timeout\"; give a unit, such as 30s.");
        assertThatThrownBy(() -> Workflow.parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: w}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      timeout: 1m
                      steps: [[{name: job, template: job}]]
                    - name: job
                      plugin: {job: {}}
                """, "test.yaml", "argo"))
                .hasMessage(
                        "Template main sets timeout, which Argo refuses: \"Steps template doesn't support timeout field\"; set it on the plugin templates it runs.");
    }

    @Test
    void readsAWholeNumberAsSecondsAndAnythingElseAsAGoDuration() {
        assertThat(PendingDeadline.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(PendingDeadline.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> PendingDeadline.parse("1d"))
                .hasMessage("unable to parse 1d as a duration: time: unknown unit \"d\" in duration \"1d\"");
    }
}
