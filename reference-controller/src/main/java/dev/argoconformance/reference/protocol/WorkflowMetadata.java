package dev.argoconformance.reference.protocol;

/**
 * The workflow part of a {@code template.execute} request. All three keys are always sent, with no
 * omitempty ({@code pkg/plugins/executor/objectmeta.go}); {@code uid} since v3.4.2. They are Go
 * strings, so a value nobody knows goes out as {@code ""}, never as JSON null.
 */
public record WorkflowMetadata(String name, String namespace, String uid) {

    public WorkflowMetadata {
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
        uid = uid == null ? "" : uid;
    }
}
