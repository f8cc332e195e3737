package dev.argoconformance.suite.regression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.Backoff;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import dev.argoconformance.reference.workflow.NodeStatus;
import dev.argoconformance.reference.workflow.WorkflowResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;

/**
 * One scenario's agent and what it did: the plugins it calls, in order, with the client settings the scenario chose;
 * every attempt its clients made ({@link RecordedCall}s, from the client's {@code CallListener}); every result it
 * reported per node; and, for workflow scenarios, the run's result. Rebuilt for every scenario, so each is a fresh
 * workflow (a fresh uid), with fresh clients and so a fresh 404 memory.
 */
public final class RegressionWorld {

    /** No scenario waits longer for the agent: the slowest, five 503s, takes 15–18 s of backoff. */
    static final Duration SETTLE_BOUND = Duration.ofSeconds(60);

    /** How often the agent is looked at while waiting; two idle looks in a row mean it has settled. */
    private static final long LOOK_MILLIS = 25;

    /** One plugin the agent calls: its name, where it listens, the token it reads. */
    record Plugin(String name, URI address, String token) {}

    private final List<Plugin> plugins = new ArrayList<>();
    private Duration timeout = PluginClient.EXECUTOR_TIMEOUT;
    private Backoff backoff = Backoff.EXECUTOR;
    private WorkflowMetadata workflow = freshWorkflow();
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final Map<String, List<TaskOutcome>> reported = new ConcurrentHashMap<>();
    private final List<String> nodeIds = new ArrayList<>();
    private final List<NodeStatus> nodeChanges = new CopyOnWriteArrayList<>();
    private Agent agent;
    private ScheduledThreadPoolExecutor timers;
    private WorkflowResult workflowResult;

    // ---- the agent's set-up
    // ------------------------------------------------------------------------------------------

    void plugins(List<Fault> faults) {
        plugins.clear();
        for (Fault fault : faults) {
            FaultPlugins.Running running = FaultPlugins.get(fault);
            plugins.add(new Plugin(fault.folder(), running.baseUrl(), running.token()));
        }
    }

    /** The plugin at its container's own address; empty when this machine cannot reach it (see FaultPlugins). */
    boolean pluginAtItsOwnAddress(Fault fault) {
        FaultPlugins.Running running = FaultPlugins.get(fault);
        plugins.clear();
        running.directUrl().ifPresent(url -> plugins.add(new Plugin(fault.folder(), url, running.token())));
        return running.directUrl().isPresent();
    }

    /**
     * A plugin at Argo's kind of address, {@code http://localhost:<port>}, on a port nothing listens on: it was free a
     * moment ago, and is bound and released here to learn it.
     */
    void pluginWhereNothingListens(String name) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        plugins.clear();
        plugins.add(new Plugin(name, URI.create("http://localhost:" + port), "unused-token"));
    }

    void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    void backoff(Backoff backoff) {
        this.backoff = backoff;
    }

    Plugin plugin(String name) {
        return plugins.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("the agent has no plugin " + name + "; it has " + plugins));
    }

    /** Fresh clients, so a fresh 404 memory, each recording every attempt into this scenario. */
    List<ExecutorPlugin> executorPlugins() {
        List<ExecutorPlugin> out = new ArrayList<>();
        for (Plugin p : plugins) {
            out.add(new ExecutorPlugin(PluginClient.builder(p.name(), p.address(), p.token())
                    .timeout(timeout)
                    .backoff(backoff)
                    .listener(calls::add)
                    .build()));
        }
        return out;
    }

    // ---- the agent at work
    // -------------------------------------------------------------------------------------------

    private Agent agent() {
        if (agent == null) {
            timers = new ScheduledThreadPoolExecutor(1);
            agent = Agent.builder(workflow)
                    .plugins(executorPlugins())
                    .timers(timers)
                    .onResult((nodeId, outcome) -> reported.computeIfAbsent(nodeId, id -> new CopyOnWriteArrayList<>())
                            .add(outcome))
                    .build();
        }
        return agent;
    }

    /** Hands the agent a plugin template as a WorkflowTaskSet event would; returns the node's ID. */
    String submit(String pluginJson) {
        JsonNode plugin = Json.read(pluginJson);
        String nodeId = workflow.name() + "-" + (nodeIds.size() + 1);
        ObjectNode template = Json.object();
        template.put("name", "main-" + (nodeIds.size() + 1));
        template.set("plugin", plugin);
        nodeIds.add(nodeId);
        agent().submit(nodeId, template);
        return nodeId;
    }

    /**
     * Waits until the agent has nothing left to do: no task queued or in a worker, no requeue timer pending. Two idle
     * looks in a row, because a worker that has just taken a task off the queue is not yet counted as busy.
     */
    void awaitSettled() {
        boolean idleBefore = false;
        long deadline = System.nanoTime() + SETTLE_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            boolean idle = agent().pendingTasks() == 0 && timers.getQueue().isEmpty() && timers.getActiveCount() == 0;
            if (idle && idleBefore) {
                return;
            }
            idleBefore = idle;
            sleep(LOOK_MILLIS);
        }
        throw new AssertionError(
                "the agent was still busy after " + SETTLE_BOUND.toSeconds() + " s; calls so far:\n" + callTable());
    }

    /** Waits, at most {@code bound}, until {@code condition} holds; false if it never did. */
    static boolean within(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(LOOK_MILLIS);
        }
        return condition.getAsBoolean();
    }

    /** The next workflow: a new agent pod with new clients, as Argo creates one per workflow. */
    void nextWorkflow() {
        closeAgent();
        workflow = freshWorkflow();
    }

    void closeAgent() {
        if (agent != null) {
            agent.close();
            timers.shutdownNow();
            agent = null;
        }
    }

    // ---- what happened
    // -----------------------------------------------------------------------------------------------

    List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    List<RecordedCall> callsTo(String plugin) {
        return calls.stream().filter(c -> c.plugin().equals(plugin)).toList();
    }

    List<String> nodeIds() {
        return Collections.unmodifiableList(nodeIds);
    }

    String lastNode() {
        if (nodeIds.isEmpty()) {
            throw new IllegalStateException("no template was executed in this scenario");
        }
        return nodeIds.get(nodeIds.size() - 1);
    }

    /**
     * Every result the agent reported for the node, in order; an empty phase is never reported (argo-behaviour.md
     * §W3.3).
     */
    List<TaskOutcome> reported(String nodeId) {
        return List.copyOf(reported.getOrDefault(nodeId, List.of()));
    }

    void workflowResult(WorkflowResult result) {
        this.workflowResult = result;
    }

    WorkflowResult workflowResult() {
        if (workflowResult == null) {
            throw new IllegalStateException("no workflow was run in this scenario");
        }
        return workflowResult;
    }

    List<NodeStatus> nodeChanges() {
        return nodeChanges;
    }

    /** One line per attempt, for failure messages and the scenario's log; tokens never reach it (redacted at source). */
    String callTable() {
        if (calls.isEmpty()) {
            return "  (no calls)";
        }
        long t0 = calls.get(0).startedAt().toEpochMilli();
        StringBuilder b = new StringBuilder();
        for (RecordedCall c : calls) {
            b.append(String.format(
                    "  +%6d ms  %-10s attempt %d  %-28s %5d ms%s%n",
                    c.startedAt().toEpochMilli() - t0,
                    c.plugin(),
                    c.attempt(),
                    c.hasResponse() ? c.statusLine() : "no response",
                    c.duration().toMillis(),
                    c.error() == null ? "" : "  " + c.error()));
        }
        return b.toString();
    }

    private static WorkflowMetadata freshWorkflow() {
        UUID uid = UUID.randomUUID();
        return new WorkflowMetadata("regression-" + uid.toString().substring(0, 5), "argo", uid.toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the agent", e);
        }
    }
}
