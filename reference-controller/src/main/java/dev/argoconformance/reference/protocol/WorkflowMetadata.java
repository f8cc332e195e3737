package dev.argoconformance.reference.protocol;

/**
 * The workflow part of a {@code template.execute} request. All three keys are always sent, with no
 * omitempty ({@code pkg/plugins/executor/objectmeta.go}); {@code uid} since v3.4.2.
 */
public record WorkflowMetadata(String name, String namespace, String uid) {}
