package dev.argoconformance.reference.discovery;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;

/** Where the workflow controller finds controller plugin ConfigMaps. */
public interface ControllerPluginSource {

    /**
     * The ConfigMaps of {@code namespace} labelled {@code workflows.argoproj.io/configmap-type: ControllerPlugin},
     * each with {@code metadata.namespace} set, sorted by name.
     */
    List<ConfigMap> controllerPluginConfigMaps(String namespace);
}
