package dev.argoconformance.reference.discovery;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** Plugin ConfigMaps (executor and controller) read from a Kubernetes API server, as the workflow controller's informers see them. */
public final class KubernetesPluginSource implements PluginSource, ControllerPluginSource {

    private final KubernetesClient client;

    public KubernetesPluginSource(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public List<ConfigMap> executorPluginConfigMaps(String namespace) {
        return client
                .configMaps()
                .inNamespace(namespace)
                .withLabel(ExecutorPluginLabel.KEY, ExecutorPluginLabel.VALUE)
                .list()
                .getItems()
                .stream()
                .sorted(ExecutorPluginLabel.BY_NAME)
                .toList();
    }

    @Override
    public List<ConfigMap> controllerPluginConfigMaps(String namespace) {
        return client
                .configMaps()
                .inNamespace(namespace)
                .withLabel(ExecutorPluginLabel.KEY, ControllerPluginLabel.VALUE)
                .list()
                .getItems()
                .stream()
                .sorted(ExecutorPluginLabel.BY_NAME)
                .toList();
    }
}
