package dev.argoconformance.reference.discovery;

import io.fabric8.kubernetes.api.model.Container;
import java.net.URI;

/**
 * A plugin an agent pod gets: its sidecar container verbatim, whether the sidecar gets the
 * {@code <name>-executor-plugin} service account token, and the address the agent calls,
 * {@code http://localhost:<ports[0].containerPort>}.
 */
public record DiscoveredPlugin(
        String name,
        String namespace,
        String configMapName,
        Container container,
        boolean automountServiceAccountToken,
        URI address) {}
