package dev.argoconformance.reference.protocol;

/**
 * Something a reader of a result must know about how Argo behaves there: a pitfall Argo has and we
 * reproduce (a silent empty reply, a literal token), a place where the seeds and Argo's code disagree
 * and which one we followed (DISCOVERY-01), or where the reference controller only approximates Argo.
 *
 * @param id stable, greppable ({@code GEN-TOKEN-LITERAL})
 * @param summary one line about this occurrence
 * @param argoBehaviour what Argo does
 * @param ourBehaviour what the reference controller did
 * @param source Argo's file and function, and the spec clause
 */
public record CompatibilityNote(String id, String summary, String argoBehaviour, String ourBehaviour, String source) {}
