package dev.argoconformance.reference.executor;

import dev.argoconformance.reference.client.PluginCallException;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.protocol.ExecuteTemplateReply;

/** One executor plugin sidecar as the agent sees it: {@code template.execute} over a {@link PluginClient}. */
public final class ExecutorPlugin {

    public static final String METHOD = "template.execute";

    private final PluginClient client;

    public ExecutorPlugin(PluginClient client) {
        this.client = client;
    }

    public String name() {
        return client.name();
    }

    /** The agent ends: its transport's idle connections close. */
    void closeIdleConnections() {
        client.closeIdleConnections();
    }

    /**
     * Calls the plugin with the task's args (its ExecuteTemplateArgs as JSON), decoding onto
     * {@code shared} as Argo's agent does. A 404 (now or remembered) leaves {@code shared}
     * untouched, so the agent moves on to the next plugin.
     */
    ExecuteTemplateReply execute(byte[] args, ExecuteTemplateReply shared) throws PluginCallException {
        return client.call(METHOD, args, body -> ExecuteTemplateReply.decode(body, shared))
                .orElse(shared);
    }
}
