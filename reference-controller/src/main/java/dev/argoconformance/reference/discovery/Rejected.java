package dev.argoconformance.reference.discovery;

/**
 * A plugin ConfigMap the controller would skip. Argo logs {@code failed to convert configmap to plugin} with this
 * {@code reason} (its error text, e.g. {@code sidecar is invalid: at least one port is mandatory}) and loads the rest.
 */
public record Rejected(String namespace, String configMapName, String reason) {}
