package dev.argoconformance.suite.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import dev.argoconformance.suite.config.HarnessException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The differential tier: the same template, against the same running plugin, through Argo's own agent
 * code ({@link ArgoAgentHarness}) and through the reference controller ({@link ReferenceSide}), at the
 * same time, then compared field by field ({@link TemplateComparison}). Each side runs in its own
 * workflow (same name, its own UID), so a plugin that keys its jobs by workflow keeps them apart.
 */
public final class Differential {

    /** The workflow name both sides send; the UID is fresh per side and run. */
    public static final String WORKFLOW_NAME = "differential";

    public static final String NAMESPACE = "argo";

    /**
     * The Argo side's runs wait on a process: each gets a thread of its own, so two comparisons at once
     * never queue one's harness behind the other's (the common pool has one thread on two cores).
     */
    private static final ExecutorService ARGO_SIDE = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "differential-argo");
        t.setDaemon(true);
        return t;
    });

    private final ArgoAgentHarness harness;

    public Differential(ArgoAgentHarness harness) {
        this.harness = harness;
    }

    public ArgoAgentHarness harness() {
        return harness;
    }

    /**
     * Runs one template through both sides.
     *
     * @param within the example's bound on requeues (both sides stop asking again past it)
     * @param bound a hard bound for plugins whose calls stall: both sides are cut there, even mid-call
     */
    public TemplateComparison compare(
            ReferenceSide.Plugin plugin,
            String subject,
            ObjectNode template,
            Duration within,
            Optional<Duration> bound) {
        WorkflowMetadata argoWorkflow = workflow();
        WorkflowMetadata referenceWorkflow = workflow();
        Duration harnessTimeout = bound.filter(b -> b.compareTo(within) < 0).orElse(within);
        ArgoAgentHarness.Request request = new ArgoAgentHarness.Request(
                plugin.name(),
                plugin.address(),
                plugin.token(),
                List.of(new ArgoAgentHarness.NamedTemplate(subject, template.deepCopy())),
                1,
                harnessTimeout,
                argoWorkflow);
        CompletableFuture<ArgoRun> argo = CompletableFuture.supplyAsync(() -> harness.run(request), ARGO_SIDE);
        ReferenceSide.Run reference =
                ReferenceSide.execute(plugin, template.deepCopy(), referenceWorkflow, within, bound);
        ArgoRun argoRun;
        try {
            argoRun = argo.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new HarnessException("argo-agent failed: " + e.getCause(), e.getCause());
        }
        return TemplateComparison.of(
                subject,
                argoRun.argoVersion(),
                Outcome.argo(argoRun.result(subject), argoWorkflow),
                Outcome.reference(reference, referenceWorkflow));
    }

    static WorkflowMetadata workflow() {
        return new WorkflowMetadata(WORKFLOW_NAME, NAMESPACE, UUID.randomUUID().toString());
    }
}
