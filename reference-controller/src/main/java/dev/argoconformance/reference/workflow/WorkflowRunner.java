package dev.argoconformance.reference.workflow;

import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.hooks.ControllerHooks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs workflows whose leaves are plugin templates the way Argo would, on a laptop: the controller's part (nodes,
 * steps and dags, parameters) here, the agent pod's part in an {@link Agent} created for each run, calling the given
 * plugins. Plugin nodes are Pending until a plugin's result arrives, follow Running and Pending results, and end on a
 * fulfilled phase (REF-WF-01, REF-WF-02).
 *
 * <pre>{@code
 * WorkflowResult result = WorkflowRunner.builder()
 *         .plugins(plugins)
 *         .onNode(node -> System.out.println(node.name() + " " + node.phase()))
 *         .build()
 *         .run(Workflow.read(Path.of("hello.yaml"), "argo"));
 * }</pre>
 *
 * With {@link Builder#controllerHooks controller plugins}, each reconcile and each node also calls them, as Argo's
 * controller would with {@code ARGO_PLUGINS=true} (PR #7255, never released).
 *
 * A run ends when the entrypoint node finishes, when no node can change any more (a plugin left a node Running
 * without a requeue, EXEC-REQUEUE-03), or at the deadline; {@link WorkflowResult#end()} says which.
 */
public final class WorkflowRunner {

    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);

    private final List<ExecutorPlugin> plugins;
    private final int workers;
    private final Duration deadline;
    private final NodeListener listener;
    private final Clock clock;
    private final ControllerHooks hooks;
    private final Duration transientRetry;

    private WorkflowRunner(Builder b) {
        this.plugins = List.copyOf(b.plugins);
        this.workers = b.workers;
        this.deadline = b.deadline;
        this.listener = b.listener;
        this.clock = b.clock;
        this.hooks = b.hooks;
        this.transientRetry = b.transientRetry;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the workflow to its end, the run's stuck point or the deadline; a fresh agent each time. */
    public WorkflowResult run(Workflow workflow) throws InterruptedException {
        Objects.requireNonNull(workflow, "workflow");
        return new WorkflowRun(workflow, plugins, workers, listener, clock, hooks, transientRetry).run(deadline);
    }

    public static final class Builder {
        private final List<ExecutorPlugin> plugins = new ArrayList<>();
        private int workers = Agent.DEFAULT_WORKERS;
        private Duration deadline = DEFAULT_DEADLINE;
        private NodeListener listener = NodeListener.NONE;
        private Clock clock = Clock.systemUTC();
        private ControllerHooks hooks = ControllerHooks.NONE;
        private Duration transientRetry = Duration.ofSeconds(1);

        private Builder() {}

        /**
         * The controller plugins ({@code ARGO_PLUGINS=true}): workflow.preOperate and workflow.postOperate around each
         * reconcile, node.preExecute and node.postExecute around each node, parameters.add into every template's
         * substitution. The same hooks may serve many runs: a 404 is remembered across them, as in Argo.
         */
        public Builder controllerHooks(ControllerHooks hooks) {
            this.hooks = Objects.requireNonNull(hooks, "hooks");
            return this;
        }

        /** How long a step that met a transient controller plugin error (a 503) waits before it is tried again (default 1 s). */
        public Builder transientRetry(Duration wait) {
            if (wait == null || wait.isNegative()) {
                throw new IllegalArgumentException("a transient retry wait must not be negative, got " + wait);
            }
            this.transientRetry = wait;
            return this;
        }

        /** The agent's plugins, asked in this order until one accepts a template. */
        public Builder plugins(List<ExecutorPlugin> plugins) {
            this.plugins.addAll(plugins);
            return this;
        }

        public Builder plugin(ExecutorPlugin plugin) {
            this.plugins.add(plugin);
            return this;
        }

        /** The agent's task workers, ARGO_AGENT_TASK_WORKERS (default 16). */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("a run needs at least one agent worker, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** When the run gives up and reports the workflow still Running (default 10 minutes). */
        public Builder deadline(Duration deadline) {
            if (deadline == null || deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("a run's deadline must be positive, got " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        public Builder onNode(NodeListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The clock that stamps node changes. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public WorkflowRunner build() {
            return new WorkflowRunner(this);
        }
    }
}
