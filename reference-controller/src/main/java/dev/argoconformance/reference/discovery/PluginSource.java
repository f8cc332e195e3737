package dev.argoconformance.reference.discovery;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;

/** Where the controller finds executor plugin ConfigMaps. */
public interface PluginSource {

    /**
     * The ConfigMaps of {@code namespace} labelled {@code workflows.argoproj.io/configmap-type: ExecutorPlugin}, each
     * with {@code metadata.namespace} set, in a stable order.
     */
    List<ConfigMap> executorPluginConfigMaps(String namespace);
}
