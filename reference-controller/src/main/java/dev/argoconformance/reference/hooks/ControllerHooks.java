package dev.argoconformance.reference.hooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.CallListener;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import dev.argoconformance.reference.protocol.ControllerReplies;
import dev.argoconformance.reference.protocol.NodeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The controller plugins' call sites (PR #7255: {@code workflow/controller/workflow_lifecycle_hook_plugins.go},
 * {@code node_lifecycle_hook_plugins.go}, {@code parameter_substitution_plugins.go}): each method is offered to every
 * plugin in turn, and the replies are merged so that a later plugin wins.
 *
 * <ul>
 *   <li>{@link #preOperate}: the metadata patches of all plugins, combined (CTRL-PRE-01, CTRL-PRE-02, CTRL-PRE-03;
 *       REF-CTRL-06, REF-CTRL-07).
 *   <li>{@link #postOperate}: every plugin is called even after one fails, as Go's loop goes on; the last
 *       non-transient failure is thrown, transient ones are ignored (CTRL-POST-01).
 *   <li>{@link #preExecute}: the node results, merged field by field; {@link #postExecute} (CTRL-NODE-01,
 *       CTRL-NODE-02; REF-CTRL-01, REF-CTRL-04, REF-CTRL-05).
 *   <li>{@link #addParameters}: all plugins' parameters, later plugins overriding (CTRL-PARAM-01, CTRL-PARAM-02;
 *       REF-CTRL-02).
 * </ul>
 *
 * Every method but postOperate stops at the first failure and throws it; the caller decides what it does to the
 * workflow or the node ({@link HookFailure#isTransient()}). All plugins get the same request bytes, built once, as
 * Go marshals the same args for each. Thread-safe: plugins are replaced as a whole by {@link #sync}, which keeps a
 * plugin's client, and so what it answered 404 to, while its ConfigMap is unchanged (REF-CTRL-03).
 */
public final class ControllerHooks {

    public static final ControllerHooks NONE = new ControllerHooks(List.of(), CallListener.NONE);

    private final CallListener listener;
    private final Map<String, CompatibilityNote> notes = new LinkedHashMap<>();
    private volatile List<Live> plugins;

    /** A plugin and the ConfigMap it came from (null for a plugin given directly). */
    private record Live(ControllerPluginConfig config, ControllerPlugin plugin) {}

    private ControllerHooks(List<Live> plugins, CallListener listener) {
        this.plugins = List.copyOf(plugins);
        this.listener = listener;
    }

    /** Hooks over these plugins, called in this order. */
    public static ControllerHooks of(List<ControllerPlugin> plugins) {
        return new ControllerHooks(plugins.stream().map(p -> new Live(null, p)).toList(), CallListener.NONE);
    }

    /** Hooks over the plugins of {@link #sync}, each client reporting its calls to {@code listener}. */
    public static ControllerHooks discovered(CallListener listener) {
        return new ControllerHooks(List.of(), listener);
    }

    /**
     * Takes the controller plugin ConfigMaps as they are now, as the informer's add, update and delete events do: a
     * ConfigMap that did not change keeps its client, and with it the methods it answered 404 to; a changed one gets
     * a new client; a removed one is dropped. Plugins are called in ConfigMap name order (CTRL-ORDER-01).
     */
    public synchronized void sync(List<ControllerPluginConfig> configs) {
        Map<String, Live> current = new TreeMap<>();
        for (Live live : plugins) {
            if (live.config() != null) {
                current.put(live.config().name(), live);
            }
        }
        Map<String, Live> next = new TreeMap<>();
        for (ControllerPluginConfig config : configs) {
            Live had = current.get(config.name());
            next.put(
                    config.name(),
                    had != null && had.config().equals(config)
                            ? had
                            : new Live(config, ControllerPlugin.connect(config.name(), config.address(), listener)));
        }
        plugins = List.copyOf(next.values());
        if (plugins.size() > 1) {
            note(ControllerNotes.order());
        }
    }

    public boolean isEmpty() {
        return plugins.isEmpty();
    }

    public List<String> pluginNames() {
        return plugins.stream().map(l -> l.plugin().name()).toList();
    }

    /** Whether plugin {@code name} answered 404 to {@code method} (and so is never called with it again). */
    public boolean isUnsupported(String name, String method) {
        return plugins.stream()
                .anyMatch(l -> l.plugin().name().equals(name) && l.plugin().isUnsupported(method));
    }

    /** What a reader of the results must know about how Argo would have behaved here, in the order it came up. */
    public synchronized List<CompatibilityNote> notes() {
        return List.copyOf(notes.values());
    }

    /** Records a note once per id (the first occurrence's summary is kept). */
    public synchronized void note(CompatibilityNote note) {
        notes.putIfAbsent(note.id(), note);
    }

    // ---- the five methods -----------------------------------------------------------------------------------------

    /** {@code workflow.preOperate}: the metadata merge patch of all plugins' replies (later wins); empty when none sent one. */
    public Optional<ObjectNode> preOperate(ObjectNode metadata) throws HookFailure {
        byte[] args = HookRequests.preOperate(metadata);
        ObjectNode merged = null;
        for (ControllerPlugin plugin : calling()) {
            Optional<ObjectNode> patch = plugin.call(
                    ControllerPlugin.PRE_OPERATE,
                    args,
                    body -> ControllerReplies.workflowPreOperate(body).orElse(null));
            if (patch.isPresent()) {
                merged = merged == null ? patch.get() : MergePatch.combine(merged, patch.get());
            }
        }
        return Optional.ofNullable(merged);
    }

    /** {@code workflow.postOperate}: every plugin is called; the last failure that is not transient is thrown. */
    public void postOperate(ObjectNode oldMetadata, ObjectNode newMetadata) throws HookFailure {
        byte[] args = HookRequests.postOperate(oldMetadata, newMetadata);
        HookFailure failed = null;
        for (ControllerPlugin plugin : calling()) {
            try {
                plugin.call(ControllerPlugin.POST_OPERATE, args, body -> {
                    ControllerReplies.empty(body, "controller.WorkflowPostOperateReply");
                    return null;
                });
            } catch (HookFailure e) {
                if (e.isTransient()) {
                    note(ControllerNotes.transientError(e.plugin(), e.method()));
                } else {
                    failed = e; // markWorkflowError for each; the last message stays
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** {@code node.preExecute}: the node results of all plugins merged field by field (later wins); empty when none sent one. */
    public Optional<NodeResult> preExecute(ObjectNode metadata, ObjectNode template, ObjectNode node)
            throws HookFailure {
        byte[] args = HookRequests.preExecute(metadata, template, node);
        NodeResult merged = null;
        for (ControllerPlugin plugin : calling()) {
            Optional<NodeResult> result = plugin.call(
                    ControllerPlugin.PRE_EXECUTE,
                    args,
                    body -> ControllerReplies.nodePreExecute(body).orElse(null));
            if (result.isPresent()) {
                merged = merge(merged, result.get());
            }
        }
        return Optional.ofNullable(merged);
    }

    /** {@code node.postExecute}: stops at the first failure. */
    public void postExecute(ObjectNode metadata, ObjectNode template, ObjectNode oldNode, ObjectNode newNode)
            throws HookFailure {
        byte[] args = HookRequests.postExecute(metadata, template, oldNode, newNode);
        for (ControllerPlugin plugin : calling()) {
            plugin.call(ControllerPlugin.POST_EXECUTE, args, body -> {
                ControllerReplies.empty(body, "controller.NodePostExecuteReply");
                return null;
            });
        }
    }

    /** {@code parameters.add}: every plugin's parameters, a later plugin's value replacing an earlier one's. */
    public Map<String, String> addParameters(ObjectNode metadata) throws HookFailure {
        byte[] args = HookRequests.addParameters(metadata);
        Map<String, String> out = new LinkedHashMap<>();
        for (ControllerPlugin plugin : calling()) {
            plugin.call(ControllerPlugin.ADD_PARAMETERS, args, ControllerReplies::parametersAdd)
                    .ifPresent(out::putAll);
        }
        return out;
    }

    private List<ControllerPlugin> calling() {
        List<Live> now = plugins;
        List<ControllerPlugin> out = new ArrayList<>(now.size());
        now.forEach(l -> out.add(l.plugin()));
        if (!out.isEmpty()) {
            note(ControllerNotes.path());
            note(ControllerNotes.headers());
        }
        return out;
    }

    /**
     * {@code patch.Obj(node, reply.Node)}: Go re-marshals the NodeResult, whose fields are all omitempty, so only
     * what a reply sets replaces what the node had.
     */
    static NodeResult merge(NodeResult base, NodeResult next) {
        if (base == null) {
            return next;
        }
        return new NodeResult(
                next.phase().isEmpty() ? base.phase() : next.phase(),
                next.message().isEmpty() ? base.message() : next.message(),
                next.outputs().equals(dev.argoconformance.reference.protocol.Outputs.NONE)
                        ? base.outputs()
                        : next.outputs(),
                next.progress().isEmpty() ? base.progress() : next.progress());
    }
}
