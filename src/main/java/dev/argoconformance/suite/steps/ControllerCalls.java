package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.client.ReplyDecoder;
import dev.argoconformance.reference.hooks.ControllerNotes;
import dev.argoconformance.reference.hooks.ControllerPlugin;
import dev.argoconformance.reference.hooks.HookFailure;
import dev.argoconformance.reference.protocol.ControllerReplies;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.plugin.PluginTarget;
import dev.argoconformance.suite.plugin.Startup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The controller plugin as Argo's controller reaches it, shared by the controller's glue classes through picocontainer:
 * the running plugin, the client Argo keeps for its ConfigMap (one per scenario, so its 404 memory spans it), and
 * every exchange the scenario made through it.
 */
public final class ControllerCalls {

    final List<ControllerSteps.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final World world;
    private ControllerPlugin plugin;

    public ControllerCalls(World world) {
        this.world = world;
    }

    /** The running plugin; a scenario that needs it is blocked by CTRL-RUN-01 when it never started. */
    PluginTarget target() {
        Startup startup = world.runTarget().startup();
        return startup.target()
                .orElseThrow(() -> NotChecked.blocked(
                        "CTRL-RUN-01", "the plugin did not start: " + ((Startup.Failed) startup).reason()));
    }

    String pluginName() {
        return ControllerConfigMapSteps.find(world.run().options())
                .map(c -> c.configMap().path("metadata").path("name").asText(ControllerSteps.DEFAULT_NAME))
                .orElse(ControllerSteps.DEFAULT_NAME);
    }

    /** The client Argo's controller keeps for the plugin's ConfigMap: one per scenario, so its 404 memory spans it. */
    ControllerPlugin plugin() {
        if (plugin == null) {
            plugin = ControllerPlugin.connect(pluginName(), target().baseUrl(), world.recorder());
            world.run().facts().note(ControllerNotes.path());
            world.run().facts().note(ControllerNotes.headers());
        }
        return plugin;
    }

    /** One call through the reference controller's client, with its evidence and what Argo made of the reply. */
    ControllerSteps.Exchange call(ControllerPlugin through, String method, byte[] args) {
        boolean remembered = through.isUnsupported(method);
        byte[][] raw = new byte[1][];
        Object decoded = null;
        HookFailure failure = null;
        int before = world.calls().size();
        try {
            decoded = through.call(method, args, body -> {
                        raw[0] = body;
                        return decoder(method).decode(body);
                    })
                    .orElse(null);
        } catch (HookFailure e) {
            failure = e;
        }
        List<RecordedCall> all = world.calls();
        RecordedCall call = all.size() > before ? all.get(all.size() - 1) : null;
        if (call != null && !call.url().endsWith("/" + method)) {
            call = null; // another thread's call, not this one
        }
        return new ControllerSteps.Exchange(method, args, call, raw[0], decoded, failure, remembered);
    }

    static ReplyDecoder<Object> decoder(String method) {
        return switch (method) {
            case ControllerPlugin.PRE_OPERATE ->
                body -> ControllerReplies.workflowPreOperate(body).orElse(null);
            case ControllerPlugin.PRE_EXECUTE ->
                body -> ControllerReplies.nodePreExecute(body).orElse(null);
            case ControllerPlugin.ADD_PARAMETERS -> ControllerReplies::parametersAdd;
            case ControllerPlugin.POST_OPERATE ->
                body -> {
                    ControllerReplies.empty(body, "controller.WorkflowPostOperateReply");
                    return null;
                };
            default ->
                body -> {
                    ControllerReplies.empty(body, "controller.NodePostExecuteReply");
                    return null;
                };
        };
    }
}
