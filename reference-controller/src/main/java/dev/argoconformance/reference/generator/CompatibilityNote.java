package dev.argoconformance.reference.generator;

/**
 * Something a reader of a result must know about how Argo CD behaves there: a pitfall Argo has and we reproduce
 * (a silent empty reply, a literal token), or a place where the reference controller only approximates Argo.
 *
 * @param id stable, greppable ({@code GEN-TOKEN-LITERAL})
 * @param summary one line about this occurrence
 * @param argoBehaviour what Argo CD does
 * @param ourBehaviour what the reference controller did
 * @param source Argo's file and function, and the spec clause
 */
public record CompatibilityNote(String id, String summary, String argoBehaviour, String ourBehaviour, String source) {}
