package dev.argoconformance.reference.discovery;

import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * The label value that makes a ConfigMap a controller plugin: {@code workflows.argoproj.io/configmap-type:
 * ControllerPlugin} (PR #7255, never released; {@code docs/decisions/0005-controller-plugins.md}). The
 * key is the executor plugins' ({@link ExecutorPluginLabel#KEY}).
 */
public final class ControllerPluginLabel {

    public static final String VALUE = "ControllerPlugin";

    private ControllerPluginLabel() {}

    public static boolean isOn(ConfigMap configMap) {
        return configMap.getMetadata() != null
                && configMap.getMetadata().getLabels() != null
                && VALUE.equals(configMap.getMetadata().getLabels().get(ExecutorPluginLabel.KEY));
    }
}
