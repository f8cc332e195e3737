package dev.argoconformance.reference.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.hooks.ControllerHooks;
import dev.argoconformance.reference.hooks.ControllerNotes;
import dev.argoconformance.reference.hooks.HookFailure;
import dev.argoconformance.reference.hooks.MergePatch;
import dev.argoconformance.reference.hooks.ProtectedFields;
import dev.argoconformance.reference.protocol.GoDuration;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.protocol.NodeResult;
import dev.argoconformance.reference.protocol.Outputs;
import dev.argoconformance.reference.protocol.Parameter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of one workflow: the controller's side of Argo for plugin, steps and dag templates, with one {@link Agent}
 * doing the agent pod's side.
 *
 * <p>All workflow state lives on one thread, the operator, as Argo's controller operates a workflow in one goroutine
 * at a time. Agent results are handed to it; every continuation runs on it, because a node's future is only ever
 * completed there. Node changes reach the listener from it, in order.
 *
 * <p>Where it is simpler than Argo, on purpose:
 * <ul>
 *   <li>A plugin result reaches the node at once. Argo batches results in the agent (patch rate, 10 s) and
 *       re-operates the workflow on the TaskSet event (another 10 s); that latency shows nothing about a plugin.
 *   <li>The first fulfilled result decides a plugin node. A Failed reply with a requeue makes Argo call the plugin
 *       again and overwrite the node (argo-behaviour.md §W3.3); the runner keeps the agent's requeue (the plugin is
 *       still called) but
 *       the workflow has moved on, so later results are ignored.
 *   <li>Controller plugins (when there are any): a reconcile is the start and each plugin result applied, each with
 *       workflow.preOperate before it and workflow.postOperate after it; a node calls node.preExecute once, when it
 *       is created, and node.postExecute once, when it ends (old: the node as created); parameters.add is called
 *       for every template processed. A transient failure (a 503) waits {@code transientRetry} and tries that
 *       step again, where Argo waits for its next reconcile.
 *   <li>A plugin node still Pending past its template's {@code timeout} or {@code pendingTimeout} fails with
 *       {@code timeout} at that deadline ({@link PendingDeadline}), as since v4.1.0, which requeues the workflow for
 *       it; before, Argo noticed at whatever reconcile came next. The agent goes on calling; its results are ignored.
 *   <li>A dag with failFast (the default) starts no task after one fails, and creates no node for them; without
 *       failFast, a task whose dependencies did not end as required is Omitted. Its phase is Failed when any task
 *       failed and did not continueOn, which is Argo's rule for the task forms the runner accepts.
 * </ul>
 */
final class WorkflowRun {

    /** How often the operator looks for a run that can make no more progress; two quiet looks in a row end it. */
    static final Duration PROGRESS_CHECK = Duration.ofMillis(50);

    private final Workflow workflow;
    private final NodeListener listener;
    private final Clock clock;
    private final ScheduledExecutorService operator;
    private final RequeueTimers timers;
    private final Agent agent;
    private final AtomicLong activity = new AtomicLong();
    private final CompletableFuture<WorkflowResult> done = new CompletableFuture<>();
    private final ControllerHooks hooks;
    private final Duration transientRetry;
    private final AtomicInteger retrying = new AtomicInteger();
    private final AtomicInteger deadlines = new AtomicInteger();

    // Operator-thread state.
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Node>> awaitingResult = new HashMap<>();
    private final Map<String, String> globals = new LinkedHashMap<>();
    private boolean lastLookQuiet;
    private long activityAtLastLook = -1;
    private ObjectNode metadata;
    private boolean reconciling;
    private WorkflowResult finishing;
    private HookFailure lastTransient;

    /** A node as the operator keeps it; {@link #status()} is what the world sees. */
    private final class Node {
        final String id;
        final String name;
        final String displayName;
        final NodeType type;
        final String templateName;
        final Instant startedAt = clock.instant();
        String phase;
        String message = "";
        Outputs outputs = Outputs.NONE;
        ObjectNode template; // as processed: what node hooks are sent
        ObjectNode created; // the node as created: node.postExecute's "old"
        Instant finishedAt;
        boolean postExecuted;
        boolean pendingDeadlinePassed;

        Node(String name, String displayName, NodeType type, String templateName, String phase) {
            this.id = NodeIds.of(workflow.name(), name);
            this.name = name;
            this.displayName = displayName;
            this.type = type;
            this.templateName = templateName;
            this.phase = phase;
        }

        /** The node as Go marshals a {@code wfv1.NodeStatus}, for controller plugins. */
        ObjectNode json() {
            ObjectNode n = Json.object();
            n.put("id", id);
            n.put("name", name);
            n.put("displayName", displayName);
            n.put("type", type.wire());
            n.put("templateName", templateName);
            n.put("templateScope", "local/" + workflow.name());
            if (!phase.isEmpty()) {
                n.put("phase", phase);
            }
            if (!message.isEmpty()) {
                n.put("message", message);
            }
            n.put("startedAt", goTime(startedAt));
            if (finishedAt == null) {
                n.putNull("finishedAt");
            } else {
                n.put("finishedAt", goTime(finishedAt));
            }
            if (!outputs.equals(Outputs.NONE)) {
                n.set("outputs", outputsJson(outputs));
            }
            return n;
        }

        NodeStatus status() {
            return new NodeStatus(id, name, displayName, type, templateName, phase, message, outputs, clock.instant());
        }

        boolean fulfilled() {
            return NodePhase.fromWire(phase).map(NodePhase::isFulfilled).orElse(false);
        }

        boolean successful() {
            return status().isSuccessful();
        }
    }

    WorkflowRun(Workflow workflow, List<ExecutorPlugin> plugins, int workers, NodeListener listener, Clock clock) {
        this(workflow, plugins, workers, listener, clock, ControllerHooks.NONE, Duration.ofSeconds(1));
    }

    WorkflowRun(
            Workflow workflow,
            List<ExecutorPlugin> plugins,
            int workers,
            NodeListener listener,
            Clock clock,
            ControllerHooks hooks,
            Duration transientRetry) {
        this.workflow = workflow;
        this.listener = listener;
        this.clock = clock;
        this.hooks = hooks;
        this.transientRetry = transientRetry;
        this.metadata = workflow.objectMeta();
        metadata.put("creationTimestamp", goTime(clock.instant()));
        this.operator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "workflow-operator-" + workflow.name());
            t.setDaemon(true);
            return t;
        });
        this.timers = new RequeueTimers(activity);
        this.agent = Agent.builder(workflow.metadata())
                .plugins(plugins)
                .workers(workers)
                .timers(timers)
                .onResult(this::resultArrived)
                .build();
        globals.put("workflow.name", workflow.name());
        globals.put("workflow.namespace", workflow.namespace());
        globals.put("workflow.uid", workflow.uid());
        workflow.parameters().forEach((name, value) -> globals.put("workflow.parameters." + name, value));
    }

    WorkflowResult run(Duration deadline) throws InterruptedException {
        try {
            operator.execute(() -> reconcile(this::start));
            long period = PROGRESS_CHECK.toNanos();
            operator.scheduleWithFixedDelay(this::lookForProgress, period, period, TimeUnit.NANOSECONDS);
            try {
                return done.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                operator.execute(() -> finish(deadlinePassed(deadline)));
                return done.get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the workflow operator failed: " + e.getMessage(), e);
        } finally {
            agent.close();
            timers.shutdownNow();
            operator.shutdownNow();
        }
    }

    // ---- entry and exit -------------------------------------------------------------------------------------------

    private void start() {
        Template entry = workflow.template(workflow.entrypoint());
        Map<String, String> arguments = new LinkedHashMap<>(workflow.parameters());
        execute(entry, workflow.name(), workflow.name(), arguments)
                .whenComplete((root, error) -> finish(error != null ? internalError(error) : finished(root)));
    }

    /** Ends the run; inside a reconcile, once workflow.postOperate has seen the workflow's last state. */
    private void finish(WorkflowResult result) {
        if (reconciling) {
            if (finishing == null) {
                finishing = result;
            }
            return;
        }
        if (result.end() == WorkflowResult.End.FINISHED) {
            label(result.phase());
        }
        done.complete(new WorkflowResult(
                result.workflowName(),
                result.phase(),
                result.message(),
                result.end(),
                result.nodes(),
                metadata,
                hooks.notes()));
    }

    // ---- controller plugins: reconciles ---------------------------------------------------------------------------

    /**
     * One reconcile of the workflow, as Argo's {@code operate()} with controller plugins: workflow.preOperate first
     * (a transient failure skips the reconcile, which is tried again later; any other marks the workflow Error; a
     * patch is merged into the metadata unless it changes what the controller owns, CTRL-PRE-02), then the work, the
     * controller's labels, and workflow.postOperate (its failure marks the workflow Error).
     */
    private void reconcile(Runnable work) {
        if (done.isDone()) {
            return;
        }
        if (hooks.isEmpty()) {
            work.run();
            return;
        }
        ObjectNode before = metadata.deepCopy();
        try {
            Optional<ObjectNode> patch = hooks.preOperate(metadata);
            if (patch.isPresent()) {
                List<String> violations = ProtectedFields.violations(metadata, patch.get());
                if (!violations.isEmpty()) {
                    finish(refused(violations));
                    return;
                }
                metadata = (ObjectNode) MergePatch.apply(metadata, patch.get());
            }
        } catch (HookFailure e) {
            if (e.isTransient()) {
                transientFailure(e);
                later(() -> reconcile(work));
            } else {
                finish(workflowError(e));
            }
            return;
        }
        reconciling = true;
        try {
            work.run();
            label(finishing == null ? WorkflowPhase.RUNNING : finishing.phase());
            try {
                hooks.postOperate(before, metadata);
            } catch (HookFailure e) {
                finishing = workflowError(e); // markWorkflowError, whatever the phase was
            }
        } finally {
            reconciling = false;
        }
        if (finishing != null) {
            WorkflowResult result = finishing;
            finishing = null;
            finish(result);
        }
    }

    /** The controller's labels, which argo list filters on and its informer selects by. */
    private void label(WorkflowPhase phase) {
        ObjectNode labels = metadata.withObjectProperty("labels");
        labels.put("workflows.argoproj.io/phase", phase.wire());
        labels.put("workflows.argoproj.io/completed", String.valueOf(phase != WorkflowPhase.RUNNING));
    }

    /** markWorkflowError: the workflow ends in Error with the call's error text. */
    private WorkflowResult workflowError(HookFailure e) {
        return result(WorkflowPhase.ERROR, e.getMessage(), WorkflowResult.End.FINISHED);
    }

    /** A preOperate patch of what the controller owns: Argo could never persist the workflow again. */
    private WorkflowResult refused(List<String> violations) {
        return result(
                WorkflowPhase.RUNNING,
                "a workflow.preOperate reply changes what the controller owns ("
                        + String.join("; ", violations) + "): Kubernetes refuses that update, or the controller stops"
                        + " seeing the workflow, so it would never leave Running (CTRL-PRE-02)",
                WorkflowResult.End.STUCK);
    }

    private void transientFailure(HookFailure e) {
        lastTransient = e;
        hooks.note(ControllerNotes.transientError(e.plugin(), e.method()));
    }

    /** Runs {@code step} on the operator after {@code transientRetry}: the next reconcile, as far as the runner has one. */
    private void later(Runnable step) {
        retrying.incrementAndGet();
        try {
            operator.schedule(
                    () -> {
                        retrying.decrementAndGet();
                        activity.incrementAndGet();
                        step.run();
                    },
                    transientRetry.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            retrying.decrementAndGet();
        }
    }

    /** node.preExecute for a node just created; completes on the operator with whether the node is still to run. */
    private CompletableFuture<Boolean> preExecute(Node node) {
        node.created = node.json();
        if (hooks.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> out = new CompletableFuture<>();
        preExecute(node, out);
        return out;
    }

    private void preExecute(Node node, CompletableFuture<Boolean> out) {
        if (done.isDone()) {
            return;
        }
        try {
            Optional<NodeResult> reply = hooks.preExecute(metadata, node.template, node.json());
            if (reply.isPresent()) {
                NodeResult r = reply.get();
                boolean changed = (!r.phase().isEmpty() && !r.phase().equals(node.phase))
                        || (!r.message().isEmpty() && !r.message().equals(node.message))
                        || (!r.outputs().equals(Outputs.NONE) && !r.outputs().equals(node.outputs));
                node.phase = r.phase().isEmpty() ? node.phase : r.phase();
                node.message = r.message().isEmpty() ? node.message : r.message();
                node.outputs = r.outputs().equals(Outputs.NONE) ? node.outputs : r.outputs();
                if (changed) {
                    emit(node);
                }
            }
            out.complete(!node.fulfilled()); // a fulfilled node is not executed: not sent to the agent
        } catch (HookFailure e) {
            if (e.isTransient()) {
                transientFailure(e);
                later(() -> preExecute(node, out));
                return;
            }
            end(node, NodePhase.ERROR, e.getMessage()); // markNodeError
            out.complete(false);
        }
    }

    /** parameters.add before a template is processed; completes on the operator, never when the workflow errored. */
    private CompletableFuture<Map<String, String>> addParameters() {
        if (hooks.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        CompletableFuture<Map<String, String>> out = new CompletableFuture<>();
        addParameters(out);
        return out;
    }

    private void addParameters(CompletableFuture<Map<String, String>> out) {
        if (done.isDone()) {
            return;
        }
        try {
            out.complete(hooks.addParameters(metadata));
        } catch (HookFailure e) {
            if (e.isTransient()) {
                transientFailure(e);
                later(() -> addParameters(out));
                return;
            }
            hooks.note(ControllerNotes.parametersError(e.plugin()));
            finish(workflowError(e)); // seeds 002/003: not a node lifecycle hook, so the workflow errors
        }
    }

    /** node.postExecute, once, when a node ends; its failure errors the node (a transient one is ignored). */
    private void postExecute(Node node) {
        node.postExecuted = true;
        Template template = workflow.template(node.templateName);
        ObjectNode sent = node.template != null ? node.template : template != null ? template.raw() : Json.object();
        try {
            hooks.postExecute(metadata, sent, node.created != null ? node.created : node.json(), node.json());
        } catch (HookFailure e) {
            if (e.isTransient()) {
                transientFailure(e);
                return;
            }
            node.phase = NodePhase.ERROR.wire(); // markNodeError
            node.message = e.getMessage();
            tell(node);
        }
    }

    private WorkflowResult finished(Node root) {
        WorkflowPhase phase;
        if (root.successful()) {
            phase = WorkflowPhase.SUCCEEDED;
        } else if (nodes.values().stream().anyMatch(n -> NodePhase.ERROR.wire().equals(n.phase))) {
            phase = WorkflowPhase.ERROR;
        } else {
            phase = WorkflowPhase.FAILED;
        }
        return result(phase, phase == WorkflowPhase.SUCCEEDED ? "" : root.message, WorkflowResult.End.FINISHED);
    }

    private WorkflowResult internalError(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return result(WorkflowPhase.ERROR, "the reference runner failed: " + cause, WorkflowResult.End.FINISHED);
    }

    /** EXEC-REQUEUE-03: a Pending/Running reply without a requeue is never followed by another call. */
    private WorkflowResult stuck() {
        List<Node> waiting = unfinishedPluginNodes();
        String message = waiting.isEmpty()
                ? "no node can make progress although the workflow has not finished"
                : describe(waiting) + " will never finish: the plugin's last reply neither ended the node nor asked"
                        + " for a requeue, so Argo would never call the plugin for it again (EXEC-REQUEUE-03)";
        return result(WorkflowPhase.RUNNING, message, WorkflowResult.End.STUCK);
    }

    private WorkflowResult deadlinePassed(Duration deadline) {
        List<Node> waiting = unfinishedPluginNodes();
        String message = "the run's deadline of " + GoDuration.format(deadline) + " passed"
                + (waiting.isEmpty() ? " before the workflow finished" : " with " + describe(waiting) + " unfinished")
                + (lastTransient == null
                        ? ""
                        : "; the last transient error was " + lastTransient.method() + " of plugin "
                                + lastTransient.plugin() + " (" + lastTransient.status() + ": "
                                + lastTransient.getMessage()
                                + "), and Argo skips every reconcile that meets one");
        return result(WorkflowPhase.RUNNING, message, WorkflowResult.End.DEADLINE);
    }

    private List<Node> unfinishedPluginNodes() {
        return nodes.values().stream()
                .filter(n -> n.type == NodeType.PLUGIN && !n.fulfilled())
                .toList();
    }

    private static String describe(List<Node> waiting) {
        List<String> each =
                waiting.stream().map(n -> n.name + " (" + n.phase + ")").toList();
        return (each.size() == 1 ? "node " : "nodes ") + String.join(", ", each);
    }

    private WorkflowResult result(WorkflowPhase phase, String message, WorkflowResult.End end) {
        return new WorkflowResult(
                workflow.name(),
                phase,
                message,
                end,
                nodes.values().stream().map(Node::status).toList(),
                metadata,
                hooks.notes());
    }

    /**
     * Runs on the operator. Quiet means no task queued or in a worker, no requeue timer pending, and nothing happened
     * since the last look. Two quiet looks in a row close the one gap a single look has: a worker that has taken a
     * task off the queue but not yet counted it as in flight.
     */
    private void lookForProgress() {
        if (done.isDone()) {
            return;
        }
        long seen = activity.get();
        boolean quiet =
                agent.pendingTasks() == 0 && timers.pending() == 0 && retrying.get() == 0 && deadlines.get() == 0;
        if (quiet && lastLookQuiet && seen == activityAtLastLook) {
            finish(stuck());
        }
        lastLookQuiet = quiet;
        activityAtLastLook = seen;
    }

    // ---- templates ------------------------------------------------------------------------------------------------

    /** Executes {@code template} as node {@code name}; the future completes, on the operator, when the node is fulfilled. */
    private CompletableFuture<Node> execute(
            Template template, String name, String displayName, Map<String, String> arguments) {
        return addParameters().thenCompose(added -> execute(template, name, displayName, arguments, added));
    }

    /**
     * {@code added}: what parameters.add returned, merged into the substitution map last, as Go's {@code p[k] = v}
     * does, so a plugin's key wins over the workflow's.
     */
    private CompletableFuture<Node> execute(
            Template template,
            String name,
            String displayName,
            Map<String, String> arguments,
            Map<String, String> added) {
        Map<String, String> known = new LinkedHashMap<>(globals);
        known.putAll(added);
        Map<String, String> vars = new LinkedHashMap<>(known);
        Map<String, String> inputs = new LinkedHashMap<>();
        for (Template.InputParameter p : template.inputs()) {
            String value = arguments.containsKey(p.name())
                    ? arguments.get(p.name())
                    : p.value() != null ? p.value() : p.defaultValue();
            if (value == null) {
                return failedAtStart(
                        template, name, displayName, "inputs.parameters." + p.name() + " was not supplied");
            }
            Set<String> unresolved = new LinkedHashSet<>();
            value = Substitution.apply(value, known, unresolved);
            if (!unresolved.isEmpty()) {
                return failedAtStart(
                        template,
                        name,
                        displayName,
                        Substitution.failure(unresolved.iterator().next()));
            }
            inputs.put(p.name(), value);
            vars.put("inputs.parameters." + p.name(), value);
        }
        vars.putAll(added);
        return switch (template.kind()) {
            case PLUGIN -> executePlugin(template, name, displayName, inputs, vars);
            case STEPS -> executeSteps(template, name, displayName, vars);
            case DAG -> executeDag(template, name, displayName, vars);
            case UNSUPPORTED -> throw new IllegalStateException("template " + template.name() + " was not checked");
        };
    }

    /** A template that cannot even start: Argo initialises its node in Error with the processing error. */
    private CompletableFuture<Node> failedAtStart(Template template, String name, String displayName, String message) {
        NodeType type = switch (template.kind()) {
            case STEPS -> NodeType.STEPS;
            case DAG -> NodeType.DAG;
            default -> NodeType.PLUGIN;
        };
        Node node = create(name, displayName, type, template.name(), NodePhase.ERROR.wire());
        node.message = message;
        node.template = template.raw();
        emit(node);
        return CompletableFuture.completedFuture(node);
    }

    private CompletableFuture<Node> executePlugin(
            Template template, String name, String displayName, Map<String, String> inputs, Map<String, String> vars) {
        ObjectNode processed = template.raw().deepCopy();
        JsonNode inputParameters = processed.path("inputs").path("parameters");
        for (JsonNode p : inputParameters) {
            if (p.isObject() && inputs.containsKey(p.path("name").asText())) {
                ((ObjectNode) p).put("value", inputs.get(p.path("name").asText()));
            }
        }
        Set<String> unresolved = new LinkedHashSet<>();
        ObjectNode substituted = (ObjectNode) Substitution.apply(processed, vars, unresolved);
        if (!unresolved.isEmpty()) {
            return failedAtStart(
                    template,
                    name,
                    displayName,
                    Substitution.failure(unresolved.iterator().next()));
        }
        Node node = create(name, displayName, NodeType.PLUGIN, template.name(), NodePhase.PENDING.wire());
        node.template = substituted;
        emit(node);
        return preExecute(node).thenCompose(toRun -> {
            if (!toRun) {
                return CompletableFuture.completedFuture(node); // ended by node.preExecute: never sent to the agent
            }
            CompletableFuture<Node> result = new CompletableFuture<>();
            awaitingResult.put(node.id, result);
            activity.incrementAndGet();
            agent.submit(node.id, substituted);
            watchPending(node, PendingDeadline.of(substituted));
            return result;
        });
    }

    private CompletableFuture<Node> executeSteps(
            Template template, String name, String displayName, Map<String, String> vars) {
        Node node = create(name, displayName, NodeType.STEPS, template.name(), NodePhase.RUNNING.wire());
        node.template = template.raw();
        emit(node);
        return preExecute(node)
                .thenCompose(toRun -> toRun ? runSteps(node, template, vars) : CompletableFuture.completedFuture(node));
    }

    private CompletableFuture<Node> runSteps(Node node, Template template, Map<String, String> vars) {
        Map<String, String> scope = new LinkedHashMap<>(vars);
        CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
        for (int i = 0; i < template.steps().size(); i++) {
            int index = i;
            chain = chain.thenCompose(ok -> ok
                    ? runStepGroup(node, index, template.steps().get(index), scope)
                    : CompletableFuture.completedFuture(false));
        }
        return chain.thenApply(ok -> {
            if (ok) {
                complete(node, template, scope);
            }
            return node;
        });
    }

    /** Runs one group's steps in parallel; false when one failed without continueOn, which fails the steps node too. */
    private CompletableFuture<Boolean> runStepGroup(
            Node steps, int index, List<Template.Step> group, Map<String, String> scope) {
        String groupName = steps.name + "[" + index + "]";
        Node groupNode =
                create(groupName, "[" + index + "]", NodeType.STEP_GROUP, steps.templateName, NodePhase.RUNNING.wire());
        emit(groupNode);
        List<CompletableFuture<Node>> children = new ArrayList<>();
        for (Template.Step step : group) {
            children.add(
                    executeChild(step.template(), groupName + "." + step.name(), step.name(), step.arguments(), scope));
        }
        return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    for (int i = 0; i < group.size(); i++) {
                        Node child = children.get(i).join();
                        recordOutputs(scope, "steps." + group.get(i).name(), child);
                    }
                    for (int i = 0; i < group.size(); i++) {
                        Node child = children.get(i).join();
                        if (!child.successful() && !continues(group.get(i).continueOn(), child)) {
                            String message = "child '" + child.id + "' failed";
                            end(groupNode, NodePhase.FAILED, message);
                            end(steps, NodePhase.FAILED, message);
                            return false;
                        }
                    }
                    end(groupNode, NodePhase.SUCCEEDED, "");
                    return true;
                });
    }

    private CompletableFuture<Node> executeDag(
            Template template, String name, String displayName, Map<String, String> vars) {
        Node node = create(name, displayName, NodeType.DAG, template.name(), NodePhase.RUNNING.wire());
        node.template = template.raw();
        emit(node);
        return preExecute(node)
                .thenCompose(
                        toRun -> toRun ? runDag(node, template, name, vars) : CompletableFuture.completedFuture(node));
    }

    private CompletableFuture<Node> runDag(Node node, Template template, String name, Map<String, String> vars) {
        Map<String, String> scope = new LinkedHashMap<>(vars);
        Map<String, CompletableFuture<Node>> ended = new LinkedHashMap<>(); // a null node: the task never ran
        Map<String, Template.DagTask> byName = new HashMap<>();
        boolean[] failedFast = {false};
        for (Template.DagTask task : template.dag().tasks()) {
            byName.put(task.name(), task);
            CompletableFuture<?>[] dependencies =
                    task.dependencies().stream().map(d -> ended.get(d.task())).toArray(CompletableFuture[]::new);
            CompletableFuture<Node> end = CompletableFuture.allOf(dependencies).thenCompose(v -> {
                if (failedFast[0] && template.dag().failFast()) {
                    return CompletableFuture.completedFuture(null);
                }
                boolean met = true;
                for (Template.Dependency d : task.dependencies()) {
                    Node dependency = ended.get(d.task()).join();
                    if (dependency == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    met &= satisfies(d, byName.get(d.task()), dependency);
                }
                String taskName = name + "." + task.name();
                if (!met) {
                    Node omitted =
                            create(taskName, task.name(), NodeType.SKIPPED, task.template(), NodePhase.OMITTED.wire());
                    omitted.message = "omitted: depends condition not met";
                    emit(omitted);
                    return CompletableFuture.completedFuture(omitted);
                }
                return executeChild(task.template(), taskName, task.name(), task.arguments(), scope)
                        .thenApply(child -> {
                            recordOutputs(scope, "tasks." + task.name(), child);
                            if (!child.successful() && !continues(task.continueOn(), child)) {
                                failedFast[0] = true;
                            }
                            return child;
                        });
            });
            ended.put(task.name(), end);
        }
        return CompletableFuture.allOf(ended.values().toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    for (Template.DagTask task : template.dag().tasks()) {
                        Node child = ended.get(task.name()).join();
                        if (child != null && !child.successful() && !continues(task.continueOn(), child)) {
                            end(node, NodePhase.FAILED, "child '" + child.id + "' failed");
                            return node;
                        }
                    }
                    complete(node, template, scope);
                    return node;
                });
    }

    /** A step's or task's child: its arguments resolved against what has run so far, then its template executed. */
    private CompletableFuture<Node> executeChild(
            String templateName,
            String name,
            String displayName,
            List<Template.Argument> arguments,
            Map<String, String> scope) {
        Template template = workflow.template(templateName);
        Map<String, String> resolved = new LinkedHashMap<>();
        Set<String> unresolved = new LinkedHashSet<>();
        for (Template.Argument a : arguments) {
            resolved.put(a.name(), Substitution.apply(a.value(), scope, unresolved));
        }
        if (!unresolved.isEmpty()) {
            return failedAtStart(
                    template,
                    name,
                    displayName,
                    Substitution.failure(unresolved.iterator().next()));
        }
        return execute(template, name, displayName, resolved);
    }

    /** Plain names: Succeeded, Skipped (or Daemoned); from {@code dependencies}, also what the task's continueOn allows. */
    private static boolean satisfies(Template.Dependency d, Template.DagTask task, Node ended) {
        if (d.succeededOnly()) {
            return NodePhase.SUCCEEDED.wire().equals(ended.phase);
        }
        if (NodePhase.SUCCEEDED.wire().equals(ended.phase)
                || NodePhase.SKIPPED.wire().equals(ended.phase)) {
            return true;
        }
        return d.viaDependencies() && continues(task.continueOn(), ended);
    }

    private static boolean continues(Template.ContinueOn continueOn, Node child) {
        return (continueOn.failed() && NodePhase.FAILED.wire().equals(child.phase))
                || (continueOn.error() && NodePhase.ERROR.wire().equals(child.phase));
    }

    /** What later steps and tasks, and the template's outputs, can read of a finished child. */
    private static void recordOutputs(Map<String, String> scope, String prefix, Node child) {
        scope.put(prefix + ".id", child.id);
        scope.put(prefix + ".status", child.phase);
        for (Parameter p : child.outputs.parameters()) {
            if (p.value() != null) {
                scope.put(prefix + ".outputs.parameters." + p.name(), p.value());
            }
        }
        if (child.outputs.result() != null) {
            scope.put(prefix + ".outputs.result", child.outputs.result());
        }
    }

    /** A steps or dag node whose children all did what they had to: its outputs, then Succeeded (or Error). */
    private void complete(Node node, Template template, Map<String, String> scope) {
        List<Parameter> outputs = new ArrayList<>();
        for (Template.OutputParameter p : template.outputs()) {
            Set<String> unresolved = new LinkedHashSet<>();
            String value = p.value() != null
                    ? Substitution.apply(p.value(), scope, unresolved)
                    : Substitution.apply(p.fromParameter(), scope, unresolved);
            if (!unresolved.isEmpty()) {
                if (p.defaultValue() == null) {
                    end(
                            node,
                            NodePhase.ERROR,
                            Substitution.failure(unresolved.iterator().next()));
                    return;
                }
                value = p.defaultValue();
            }
            outputs.add(new Parameter(p.name(), value));
        }
        node.outputs = new Outputs(outputs, null, null, null);
        end(node, NodePhase.SUCCEEDED, "");
    }

    // ---- plugin results -------------------------------------------------------------------------------------------

    /** Called by agent workers. */
    private void resultArrived(String nodeId, TaskOutcome outcome) {
        activity.incrementAndGet();
        try {
            operator.execute(() -> reconcile(() -> applyResult(nodeId, outcome.result())));
        } catch (RejectedExecutionException closing) {
            // The run is over; a result that arrives while the agent shuts down changes nothing.
        }
    }

    /** {@code reconcileTaskSet}: the node takes the result's phase, message and outputs. */
    private void applyResult(String nodeId, NodeResult result) {
        Node node = nodes.get(nodeId);
        if (node == null || node.fulfilled() || done.isDone()) {
            return;
        }
        boolean changed = !node.phase.equals(result.phase())
                || !node.message.equals(result.message())
                || !node.outputs.equals(result.outputs());
        node.phase = result.phase();
        node.message = result.message();
        node.outputs = result.outputs();
        if (changed) {
            emit(node);
        }
        if (node.pendingDeadlinePassed) {
            failIfStillPending(node); // a node back to Pending after its deadline fails at this reconcile
        }
        if (node.fulfilled()) {
            CompletableFuture<Node> waiting = awaitingResult.remove(nodeId);
            if (waiting != null) {
                waiting.complete(node);
            }
        }
    }

    /**
     * {@code checkTemplateTimeouts}, which Argo runs at every reconcile of a node not yet fulfilled: an unreadable
     * {@code timeout} fails the node at the next one; a node still Pending past {@code timeout} or
     * {@code pendingTimeout} fails with {@code timeout}. Since v4.1.0 the controller requeues the workflow for the
     * earliest deadline, so the check runs then; before, at whatever reconcile came next. A timer waiting for its
     * deadline keeps the run from ending stuck: Argo would still come back to the node. REF-PENDING-01 (timeout),
     * REF-PENDING-02 (pendingTimeout, a call still in flight), REF-PENDING-03 (a Running node is left alone).
     */
    private void watchPending(Node node, PendingDeadline deadline) {
        deadline.invalid()
                .ifPresent(message -> operator.execute(() -> reconcile(() -> {
                    if (!node.fulfilled() && !done.isDone()) {
                        endPlugin(node, message);
                    }
                })));
        deadline.after().ifPresent(after -> {
            deadlines.incrementAndGet();
            try {
                // checkTemplateTimeouts compares with now.After(deadline): strictly later.
                operator.schedule(
                        () -> {
                            deadlines.decrementAndGet();
                            activity.incrementAndGet();
                            reconcile(() -> {
                                node.pendingDeadlinePassed = true;
                                failIfStillPending(node);
                            });
                        },
                        saturatedNanos(after) + 1_000_000,
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                deadlines.decrementAndGet();
            }
        });
    }

    /** A pendingTimeout of a trillion seconds parses; it only has to outlast the run. */
    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }

    private void failIfStillPending(Node node) {
        if (NodePhase.PENDING.wire().equals(node.phase) && !done.isDone()) {
            endPlugin(node, PendingDeadline.TIMEOUT);
        }
    }

    /**
     * markNodePhase(Failed) on a plugin node the agent may still be working on: its later results are ignored, as the
     * first fulfilled result decides (the class comment says why).
     */
    private void endPlugin(Node node, String message) {
        end(node, NodePhase.FAILED, message);
        CompletableFuture<Node> waiting = awaitingResult.remove(node.id);
        if (waiting != null) {
            waiting.complete(node);
        }
    }

    // ---- nodes ----------------------------------------------------------------------------------------------------

    private Node create(String name, String displayName, NodeType type, String templateName, String phase) {
        Node node = new Node(name, displayName, type, templateName, phase);
        nodes.put(node.id, node);
        return node;
    }

    private void end(Node node, NodePhase phase, String message) {
        node.phase = phase.wire();
        node.message = message;
        emit(node);
    }

    private void emit(Node node) {
        if (node.fulfilled() && node.finishedAt == null) {
            node.finishedAt = clock.instant();
        }
        tell(node);
        if (node.fulfilled() && !node.postExecuted && !hooks.isEmpty()) {
            postExecute(node);
        }
    }

    private static String goTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static ObjectNode outputsJson(Outputs outputs) {
        ObjectNode out = Json.object();
        if (!outputs.parameters().isEmpty()) {
            var parameters = out.putArray("parameters");
            for (Parameter p : outputs.parameters()) {
                ObjectNode parameter = parameters.addObject().put("name", p.name());
                if (p.value() != null) {
                    parameter.put("value", p.value());
                }
            }
        }
        if (outputs.artifacts() != null) {
            out.set("artifacts", outputs.artifacts());
        }
        if (outputs.result() != null) {
            out.put("result", outputs.result());
        }
        if (outputs.exitCode() != null) {
            out.put("exitCode", outputs.exitCode());
        }
        return out;
    }

    private void tell(Node node) {
        activity.incrementAndGet();
        try {
            listener.onNode(node.status());
        } catch (RuntimeException ignored) {
            // A listener's bug must not stop the workflow; NodeListener says so.
        }
    }
}
