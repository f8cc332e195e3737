package dev.argoconformance.reference.workflow;

import java.nio.charset.StandardCharsets;

/**
 * Argo's node IDs ({@code Workflow.NodeID}): the workflow's own node is the workflow's name; every other node is the
 * workflow's name, a dash and the FNV-32a hash of the node's name in decimal, as in {@code hello-x7k2p-1340600742}.
 */
final class NodeIds {

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private NodeIds() {}

    static String of(String workflowName, String nodeName) {
        if (nodeName.equals(workflowName)) {
            return workflowName;
        }
        return workflowName + "-" + Integer.toUnsignedString(fnv32a(nodeName));
    }

    static int fnv32a(String text) {
        int hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
