package dev.argoconformance.reference.discovery;

/**
 * Where the reference controller knowingly differs from Argo, for reports to show next to the result it affected.
 * {@code source} points at Argo's code or docs and at our decision record.
 */
public record CompatibilityNote(String id, String summary, String argoBehaviour, String ourBehaviour, String source) {}
