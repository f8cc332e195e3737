package dev.argoconformance.reference.discovery;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Comparator;

/** The label that makes a ConfigMap a plugin ({@code workflow/common/common.go}), and the order sources list them in. */
public final class ExecutorPluginLabel {

    public static final String KEY = "workflows.argoproj.io/configmap-type";
    public static final String VALUE = "ExecutorPlugin";

    static final Comparator<ConfigMap> BY_NAME = Comparator.comparing(ExecutorPluginLabel::name);

    private ExecutorPluginLabel() {}

    /** The controller's informer lists ConfigMaps that have the key, then keeps those whose value is {@code ExecutorPlugin}. */
    public static boolean isOn(ConfigMap configMap) {
        return configMap.getMetadata() != null
                && configMap.getMetadata().getLabels() != null
                && VALUE.equals(configMap.getMetadata().getLabels().get(KEY));
    }

    static String name(ConfigMap configMap) {
        return configMap.getMetadata() == null || configMap.getMetadata().getName() == null
                ? ""
                : configMap.getMetadata().getName();
    }
}
