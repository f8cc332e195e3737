package dev.argoconformance.reference.hooks;

import dev.argoconformance.reference.client.Backoff;
import dev.argoconformance.reference.client.CallListener;
import dev.argoconformance.reference.client.PluginCallException;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.ReplyDecoder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One controller plugin as the workflow controller calls it ({@code workflow/controller/plugins/rpc/plugin.go} at PR
 * #7255's head): {@code plugins.New(address, time.Second, wait.Backoff{Steps: 1})}, so
 * {@code POST <address>/api/v1/<method>} with a 1 s timeout and a single attempt, and no Authorization or
 * Content-Type header. A 404 is remembered by this client, which lives as long as its ConfigMap: the method is never
 * called again, for any workflow (CTRL-DECLINE-01).
 */
public final class ControllerPlugin {

    /** "Timeout (1s for controller plugins, 30s for executor plugins)." (seed 003) */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    public static final String PRE_OPERATE = "workflow.preOperate";
    public static final String POST_OPERATE = "workflow.postOperate";
    public static final String PRE_EXECUTE = "node.preExecute";
    public static final String POST_EXECUTE = "node.postExecute";
    public static final String ADD_PARAMETERS = "parameters.add";

    /** Every method the controller calls, in the order a reconcile first reaches them. */
    public static final List<String> METHODS =
            List.of(PRE_OPERATE, ADD_PARAMETERS, PRE_EXECUTE, POST_EXECUTE, POST_OPERATE);

    private final PluginClient client;

    public ControllerPlugin(PluginClient client) {
        this.client = client;
    }

    /** The client Argo's controller makes for the ConfigMap {@code name} whose {@code data.address} is {@code address}. */
    public static ControllerPlugin connect(String name, URI address, CallListener listener) {
        return new ControllerPlugin(client(name, address).listener(listener).build());
    }

    /** A client builder with the controller plugins' settings: 1 s, one attempt, no Authorization or Content-Type. */
    public static PluginClient.Builder client(String name, URI address) {
        return PluginClient.builder(name, address, "")
                .timeout(TIMEOUT)
                .backoff(Backoff.NONE)
                .withoutAuthorizationOrContentType();
    }

    public String name() {
        return client.name();
    }

    /** True once the plugin answered 404 to {@code method}: it is never called again. */
    public boolean isUnsupported(String method) {
        return client.isUnsupported(method);
    }

    /**
     * Calls {@code method} with {@code args} (a request of {@link HookRequests}); empty when it is unsupported (a
     * 404, now or before) or the reply carries nothing. {@link ControllerHooks} is the controller's way to call;
     * this is for callers that need one method of one plugin, as the conformance suite's probes do.
     */
    public <T> Optional<T> call(String method, byte[] args, ReplyDecoder<T> decoder) throws HookFailure {
        try {
            return client.call(method, args, decoder);
        } catch (PluginCallException e) {
            throw HookFailure.of(name(), method, e);
        }
    }
}
