package dev.argoconformance.reference.hooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.ExecuteTemplateArgs;
import dev.argoconformance.reference.protocol.Json;
import java.nio.charset.StandardCharsets;

/**
 * The request bodies of the five methods ({@code pkg/plugins/controller/*.go}). The workflow is Go's
 * {@code controller.Workflow}, its ObjectMeta only: {@code {"metadata": {...}}}; the template a processed
 * {@code wfv1.Template}; a node a {@code wfv1.NodeStatus}. {@code parameters.add} declares a template but the call
 * site never fills it, so Go sends {@code "template": null}.
 */
public final class HookRequests {

    private HookRequests() {}

    /** {@code workflow.preOperate}: {@code {"workflow": {"metadata": …}}}. */
    public static byte[] preOperate(ObjectNode metadata) {
        ObjectNode root = Json.object();
        root.set("workflow", workflow(metadata));
        return bytes(root);
    }

    /** {@code workflow.postOperate}: {@code {"old": {"metadata": …}, "new": {"metadata": …}}}. */
    public static byte[] postOperate(ObjectNode oldMetadata, ObjectNode newMetadata) {
        ObjectNode root = Json.object();
        root.set("old", workflow(oldMetadata));
        root.set("new", workflow(newMetadata));
        return bytes(root);
    }

    /** {@code node.preExecute}: {@code {"workflow", "template", "node"}}. */
    public static byte[] preExecute(ObjectNode metadata, ObjectNode template, ObjectNode node) {
        ObjectNode root = Json.object();
        root.set("workflow", workflow(metadata));
        root.set("template", ExecuteTemplateArgs.goTemplate(template));
        root.set("node", node);
        return bytes(root);
    }

    /** {@code node.postExecute}: {@code {"workflow", "template", "old", "new"}}. */
    public static byte[] postExecute(ObjectNode metadata, ObjectNode template, ObjectNode oldNode, ObjectNode newNode) {
        ObjectNode root = Json.object();
        root.set("workflow", workflow(metadata));
        root.set("template", ExecuteTemplateArgs.goTemplate(template));
        root.set("old", oldNode);
        root.set("new", newNode);
        return bytes(root);
    }

    /** {@code parameters.add}: {@code {"workflow": {"metadata": …}, "template": null}}. */
    public static byte[] addParameters(ObjectNode metadata) {
        ObjectNode root = Json.object();
        root.set("workflow", workflow(metadata));
        root.putNull("template");
        return bytes(root);
    }

    private static ObjectNode workflow(ObjectNode metadata) {
        ObjectNode workflow = Json.object();
        workflow.set("metadata", metadata.deepCopy());
        return workflow;
    }

    private static byte[] bytes(ObjectNode root) {
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }
}
