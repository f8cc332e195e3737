package dev.argoconformance.reference.workflow;

import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs workflows whose leaves are plugin templates the way Argo would, on a laptop: the controller's part (nodes,
 * steps and dags, parameters) here, the agent pod's part in an {@link Agent} created for each run, calling the given
 * plugins. Plugin nodes are Pending until a plugin's result arrives, follow Running and Pending results, and end on a
 * fulfilled phase.
 *
 * <pre>{@code
 * WorkflowResult result = WorkflowRunner.builder()
 *         .plugins(plugins)
 *         .onNode(node -> System.out.println(node.name() + " " + node.phase()))
 *         .build()
 *         .run(Workflow.read(Path.of("hello.yaml"), "argo"));
 * }</pre>
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

    private WorkflowRunner(Builder b) {
        this.plugins = List.copyOf(b.plugins);
        this.workers = b.workers;
        this.deadline = b.deadline;
        this.listener = b.listener;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the workflow to its end, the run's stuck point or the deadline; a fresh agent each time. */
    public WorkflowResult run(Workflow workflow) throws InterruptedException {
        Objects.requireNonNull(workflow, "workflow");
        return new WorkflowRun(workflow, plugins, workers, listener, clock).run(deadline);
    }

    public static final class Builder {
        private final List<ExecutorPlugin> plugins = new ArrayList<>();
        private int workers = Agent.DEFAULT_WORKERS;
        private Duration deadline = DEFAULT_DEADLINE;
        private NodeListener listener = NodeListener.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

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
