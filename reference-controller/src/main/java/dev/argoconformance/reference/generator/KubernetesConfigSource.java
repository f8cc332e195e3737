package dev.argoconformance.reference.generator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Plugin ConfigMaps and token Secrets read from a Kubernetes API server with a fabric8 client, one {@code GET} each
 * time, as Argo CD's {@code client.Get} does (Argo reads through an informer cache; the values are the same once the
 * cache has synced). Labels are not checked, as Argo's plugin generator does not check them.
 */
public final class KubernetesConfigSource implements ConfigSource {

    private final KubernetesClient client;

    public KubernetesConfigSource(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<Map<String, String>> configMapData(String namespace, String name) throws LookupException {
        if (name.isEmpty()) {
            return Optional.empty(); // a Get by an empty name finds nothing in Argo's cache either
        }
        try {
            ConfigMap configMap =
                    client.configMaps().inNamespace(namespace).withName(name).get();
            if (configMap == null) {
                return Optional.empty();
            }
            return Optional.of(configMap.getData() == null ? Map.of() : Map.copyOf(configMap.getData()));
        } catch (KubernetesClientException e) {
            throw new LookupException(statusMessage(e), e);
        }
    }

    @Override
    public Optional<Map<String, byte[]>> secretData(String namespace, String name) throws LookupException {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            Secret secret =
                    client.secrets().inNamespace(namespace).withName(name).get();
            if (secret == null) {
                return Optional.empty();
            }
            Map<String, byte[]> data = new LinkedHashMap<>();
            if (secret.getData() != null) {
                secret.getData()
                        .forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v == null ? "" : v)));
            }
            return Optional.of(data);
        } catch (KubernetesClientException e) {
            throw new LookupException(statusMessage(e), e);
        }
    }

    /** The API server's own words ({@code configmaps "x" is forbidden: ...}), which is what Go's client prints. */
    private static String statusMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
