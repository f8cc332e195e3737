package dev.argoconformance.suite.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How many TCP connections each side's HTTP client opens, and keeps, for one template dispatched once
 * and then {@code concurrency} times at once (Argo's agent has 16 task workers, each making one call
 * at a time). Argo's plugin client is Go's {@code http.DefaultTransport}: no limit on connections per
 * host, at most 2 idle ones kept per host, so 16 concurrent calls open 16 connections and leave 2
 * open. Each side starts with a fresh client, as a new agent pod does. The plugin should take a while
 * to answer (a few hundred ms): against a fast one, whether a call finds another's connection idle is
 * a matter of timing.
 */
record ConnectionProfile(
        String argoVersion,
        int concurrency,
        int argoOneCall,
        int referenceOneCall,
        int argoConcurrent,
        int referenceConcurrent,
        int argoKeptIdle,
        int referenceKeptIdle,
        int argoPeakConcurrentCalls,
        List<Difference> differences) {

    public ConnectionProfile {
        differences = List.copyOf(differences);
    }

    public List<Difference> unexpected() {
        return differences.stream().filter(d -> !d.isKnown()).toList();
    }

    /** Measures both sides, one after the other, against the same plugin. */
    public static ConnectionProfile measure(
            ArgoAgentHarness harness, ReferenceSide.Plugin plugin, ObjectNode template, int concurrency) {
        Duration limit = Duration.ofSeconds(60);
        ArgoRun argoOne = harness.run(new ArgoAgentHarness.Request(
                plugin.name(),
                plugin.address(),
                plugin.token(),
                List.of(new ArgoAgentHarness.NamedTemplate("one-call", template)),
                1,
                limit,
                Differential.workflow()));
        ArgoRun argoMany = harness.run(new ArgoAgentHarness.Request(
                plugin.name(),
                plugin.address(),
                plugin.token(),
                List.of(new ArgoAgentHarness.NamedTemplate("concurrent", template)),
                concurrency,
                limit,
                Differential.workflow()));

        int referenceOne;
        PluginClient one = plugin.client()
                .apply(PluginClient.builder(plugin.name(), plugin.address(), plugin.token()))
                .build();
        try (Agent agent = Agent.builder(Differential.workflow())
                .plugin(new ExecutorPlugin(one))
                .workers(1)
                .build()) {
            agent.execute(template);
            referenceOne = one.connectionsOpened();
        }
        PluginClient many = plugin.client()
                .apply(PluginClient.builder(plugin.name(), plugin.address(), plugin.token()))
                .build();
        int referenceMany;
        int referenceIdle;
        WorkflowMetadata workflow = Differential.workflow();
        CountDownLatch done = new CountDownLatch(concurrency);
        try (Agent agent = Agent.builder(workflow)
                .plugin(new ExecutorPlugin(many))
                .workers(Agent.DEFAULT_WORKERS)
                .onResult((node, outcome) -> done.countDown())
                .build()) {
            for (int i = 0; i < concurrency; i++) {
                agent.submit(workflow.name() + "-" + (1000 + i), template);
            }
            if (!done.await(limit.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        concurrency + " concurrent calls through the reference agent did not all report within "
                                + limit.toSeconds() + " s");
            }
            Thread.sleep(300); // the pool closes what it will not keep once a call has returned its connection
            referenceMany = many.connectionsOpened();
            referenceIdle = many.idleConnections();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring connections", e);
        }

        String version = argoMany.argoVersion();
        List<String> argoTrace = List.of("Go http.DefaultTransport, " + argoMany.attempts() + " attempts, peak "
                + argoMany.peakConcurrentAttempts() + " at once, idle-per-host limit "
                + argoMany.summary().path("idleConnsPerHostLimit").asInt());
        List<String> referenceTrace =
                List.of("OkHttp, " + concurrency + " tasks on " + Agent.DEFAULT_WORKERS + " workers");
        List<Difference> differences = new ArrayList<>();
        add(
                differences,
                Field.CONNECTIONS_ONE_CALL,
                argoOne.connectionsOpened(),
                referenceOne,
                argoTrace,
                referenceTrace);
        add(
                differences,
                Field.CONNECTIONS_CONCURRENT,
                argoMany.connectionsOpened(),
                referenceMany,
                argoTrace,
                referenceTrace);
        add(
                differences,
                Field.CONNECTIONS_KEPT_IDLE,
                argoMany.connectionsOpenWhenStopped(),
                referenceIdle,
                argoTrace,
                referenceTrace);
        return new ConnectionProfile(
                version,
                concurrency,
                argoOne.connectionsOpened(),
                referenceOne,
                argoMany.connectionsOpened(),
                referenceMany,
                argoMany.connectionsOpenWhenStopped(),
                referenceIdle,
                argoMany.peakConcurrentAttempts(),
                differences);
    }

    private static void add(
            List<Difference> out,
            Field field,
            int argo,
            int reference,
            List<String> argoTrace,
            List<String> referenceTrace) {
        if (argo != reference) {
            out.add(new Difference(
                    "connections",
                    field,
                    String.valueOf(argo),
                    String.valueOf(reference),
                    argoTrace,
                    referenceTrace,
                    Optional.empty()));
        }
    }

    @Override
    public String toString() {
        return "connections (Argo " + argoVersion + " vs reference): one call " + argoOneCall + " vs "
                + referenceOneCall + "; " + concurrency
                + " concurrent calls " + argoConcurrent + " vs " + referenceConcurrent + " (Argo's peak "
                + argoPeakConcurrentCalls
                + " at once); kept open after them " + argoKeptIdle + " vs " + referenceKeptIdle;
    }
}
