package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.protocol.ExecuteTemplateArgs;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The requests the suite sends, built the way Argo's agent builds them. */
final class Requests {

    static final String EXECUTE_PATH = path("template.execute");

    private Requests() {}

    /** The path of an RPC method, as Argo's client builds it: the address, /api/v1/, the method. */
    static String path(String method) {
        return "/api/v1/" + method;
    }

    /** A workflow identity like the agent's: a name, the workflow namespace and a fresh UID. */
    static WorkflowMetadata workflow() {
        String id = UUID.randomUUID().toString();
        return new WorkflowMetadata("conformance-" + id.substring(0, 8), "argo", id);
    }

    static byte[] executeBody(ObjectNode template) {
        return new ExecuteTemplateArgs(workflow(), template).toJson();
    }

    /** A template meant for some other plugin: a plugin key nobody else uses. */
    static ObjectNode foreignTemplate() {
        ObjectNode template = Json.object();
        template.put("name", "main");
        template.putObject("plugin")
                .putObject("conformance-other-" + UUID.randomUUID().toString().substring(0, 8))
                .put("message", "not yours");
        return template;
    }

    /** Argo's headers: exactly application/json, Go's user agent, and the Authorization header given (or none). */
    static Map<String, String> argoHeaders(String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", PluginClient.JSON.toString());
        headers.put("User-Agent", PluginClient.GO_USER_AGENT);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return headers;
    }
}
