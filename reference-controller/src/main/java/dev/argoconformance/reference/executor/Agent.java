package dev.argoconformance.reference.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.PluginCallException;
import dev.argoconformance.reference.protocol.ExecuteTemplateArgs;
import dev.argoconformance.reference.protocol.ExecuteTemplateReply;
import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.protocol.NodeResult;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argo's executor agent ({@code workflow/executor/agent.go}): task workers that offer each plugin
 * template to the plugins in order until one accepts, report results and honour requeues.
 *
 * <p>Rules, with their requirement IDs:
 * <ul>
 *   <li>{@code {}} or {@code null} declines; the next plugin is asked. None accepts: Failed,
 *       {@code no plugin executed the template} (EXEC-DECLINE-01; REF-DECLINE-01, REF-DECLINE-02, REF-DECLINE-03,
 *       REF-404-02).
 *   <li>Any call error fails the node with the error's text; later plugins are not asked (REF-DECLINE-04).
 *   <li>Succeeded ignores requeue; Running/Pending without one is never called again; any other
 *       phase with a requeue is called again, a quirk Argo kept on purpose (PR #10681)
 *       (REF-REQUEUE-01, REF-REQUEUE-02, REF-REQUEUE-03, REF-REQUEUE-04, REF-REQUEUE-05; what a plugin must
 *       send: EXEC-REQUEUE-03, EXEC-REQUEUE-04).
 *   <li>A node already considered is not dispatched twice until its requeue fires; at most as many calls at once
 *       as there are workers, 16 by default (REF-CONC-01).
 * </ul>
 */
public final class Agent implements AutoCloseable {

    /** ARGO_AGENT_TASK_WORKERS' default. */
    public static final int DEFAULT_WORKERS = 16;

    static final String NO_PLUGIN = "no plugin executed the template";

    private static final System.Logger LOG = System.getLogger(Agent.class.getName());

    private final WorkflowMetadata workflow;
    private final List<ExecutorPlugin> plugins;
    private final ResultListener listener;
    private final ScheduledExecutorService timers;
    private final boolean ownsTimers;
    private final ExecutorService workers;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Set<String> considered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    private record Task(String nodeId, ObjectNode template) {}

    private Agent(Builder b) {
        this.workflow = Objects.requireNonNull(b.workflow, "workflow");
        this.plugins = List.copyOf(b.plugins);
        this.listener = b.listener;
        this.ownsTimers = b.timers == null;
        this.timers = ownsTimers ? Executors.newSingleThreadScheduledExecutor(daemon("agent-requeue")) : b.timers;
        this.workers = Executors.newFixedThreadPool(b.workers, daemon("agent-worker"));
        for (int i = 0; i < b.workers; i++) {
            workers.execute(this::work);
        }
    }

    public static Builder builder(WorkflowMetadata workflow) {
        return new Builder(workflow);
    }

    /** Enqueues a task as a WorkflowTaskSet event would; a node already considered is skipped. */
    public void submit(String nodeId, ObjectNode template) {
        if (!closed) {
            queue.add(new Task(nodeId, template));
        }
    }

    /** Tasks waiting or being processed, not counting requeue timers. */
    public int pendingTasks() {
        return queue.size() + inFlight.get();
    }

    /**
     * {@code executePluginTemplate}: offers the template to each plugin in order, sharing one reply
     * as Go does. Synchronous; used by the workers and directly by callers that want one dispatch.
     */
    public TaskOutcome execute(ObjectNode template) {
        // Go marshals the args for each plugin; the bytes are the same, so they are made once per task.
        byte[] args = new ExecuteTemplateArgs(workflow, template).toJson();
        ExecuteTemplateReply reply = ExecuteTemplateReply.EMPTY;
        List<String> declined = new ArrayList<>();
        for (ExecutorPlugin plugin : plugins) {
            try {
                reply = plugin.execute(args, reply);
            } catch (PluginCallException e) {
                return new TaskOutcome(
                        NodeResult.of(NodePhase.FAILED, e.getMessage()), Duration.ZERO, plugin.name(), declined);
            }
            if (reply.accepted()) {
                NodeResult node = reply.node();
                Duration requeue = node.hasPhase(NodePhase.SUCCEEDED) ? Duration.ZERO : reply.requeue();
                return new TaskOutcome(node, requeue, plugin.name(), declined);
            }
            declined.add(plugin.name());
        }
        return new TaskOutcome(NodeResult.of(NodePhase.FAILED, NO_PLUGIN), Duration.ZERO, null, declined);
    }

    private void work() {
        while (!closed) {
            Task task;
            try {
                task = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (task == null) {
                continue;
            }
            if (!considered.add(task.nodeId())) {
                continue; // "Task is already considered"
            }
            inFlight.incrementAndGet();
            try {
                process(task);
            } catch (RuntimeException e) {
                // A bug outside the plugin path (a listener, say) must not cost the agent a worker:
                // the loop is the worker, and an executor does not restart it.
                LOG.log(System.Logger.Level.WARNING, "task " + task.nodeId() + " failed after dispatch", e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private void process(Task task) {
        TaskOutcome outcome = execute(task.template());
        if (!outcome.result().phase().isEmpty()) {
            listener.onResult(task.nodeId(), outcome);
        }
        if (outcome.willRequeue() && !closed) {
            // The timer re-enqueues the template captured at first dispatch, not a fresh one.
            timers.schedule(
                    () -> {
                        considered.remove(task.nodeId());
                        submit(task.nodeId(), task.template());
                    },
                    outcome.requeue().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** Stops the workers and timers; like an agent process that ends, closes its plugins' idle connections. */
    @Override
    public void close() {
        closed = true;
        workers.shutdownNow();
        if (ownsTimers) {
            timers.shutdownNow();
        }
        plugins.forEach(ExecutorPlugin::closeIdleConnections);
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public static final class Builder {
        private final WorkflowMetadata workflow;
        private final List<ExecutorPlugin> plugins = new ArrayList<>();
        private int workers = DEFAULT_WORKERS;
        private ResultListener listener = (nodeId, outcome) -> {};
        private ScheduledExecutorService timers;

        private Builder(WorkflowMetadata workflow) {
            this.workflow = workflow;
        }

        public Builder plugin(ExecutorPlugin plugin) {
            plugins.add(plugin);
            return this;
        }

        public Builder plugins(List<ExecutorPlugin> all) {
            plugins.addAll(all);
            return this;
        }

        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("an agent needs at least one worker, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        public Builder onResult(ResultListener listener) {
            this.listener = listener;
            return this;
        }

        /** Requeue timers; injectable so tests can fire them without waiting. */
        public Builder timers(ScheduledExecutorService timers) {
            this.timers = timers;
            return this;
        }

        public Agent build() {
            return new Agent(this);
        }
    }
}
