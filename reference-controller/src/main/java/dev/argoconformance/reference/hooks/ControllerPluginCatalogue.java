package dev.argoconformance.reference.hooks;

import dev.argoconformance.reference.discovery.ControllerPluginLabel;
import dev.argoconformance.reference.discovery.ControllerPluginSource;
import dev.argoconformance.reference.discovery.Rejected;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which controller plugins the workflow controller loads (PR #7255, {@code workflow/controller/controller.go}): the
 * ConfigMaps labelled {@code workflows.argoproj.io/configmap-type: ControllerPlugin} in <em>the controller's
 * namespace only</em>, each calling {@code data.address}. They are loaded only when plugins are enabled
 * ({@code ARGO_PLUGINS=true}, the controller's {@code --plugins}); the caller decides that.
 *
 * <p>A ConfigMap without an http(s) {@code data.address} with a host is reported in {@link Found#rejected()} instead
 * of loaded; Argo would load it and fail every workflow on its first call (docs/decisions/0005).
 */
public final class ControllerPluginCatalogue {

    /** A controller's controller plugins and the ConfigMaps it would not load. */
    public record Found(List<ControllerPluginConfig> plugins, List<Rejected> rejected) {
        public Found {
            plugins = List.copyOf(plugins);
            rejected = List.copyOf(rejected);
        }
    }

    private final ControllerPluginSource source;
    private final String controllerNamespace;

    public ControllerPluginCatalogue(ControllerPluginSource source, String controllerNamespace) {
        this.source = source;
        this.controllerNamespace = controllerNamespace;
    }

    public Found discover() {
        List<ControllerPluginConfig> plugins = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (ConfigMap configMap : source.controllerPluginConfigMaps(controllerNamespace)) {
            if (!ControllerPluginLabel.isOn(configMap)) {
                continue;
            }
            String name = configMap.getMetadata().getName();
            Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
            String address = data.get("address");
            URI uri = address == null ? null : parse(address.strip());
            if (uri == null) {
                rejected.add(new Rejected(
                        controllerNamespace,
                        name,
                        address == null || address.isBlank()
                                ? "data.address is missing: a controller plugin ConfigMap needs the URL the controller calls,"
                                        + " e.g. http://localhost:4355"
                                : "data.address " + address + " is not an http:// URL with a host"));
                continue;
            }
            plugins.add(new ControllerPluginConfig(name, controllerNamespace, uri, version(configMap)));
        }
        return new Found(plugins, rejected);
    }

    private static URI parse(String address) {
        try {
            URI uri = URI.create(address);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The API server's resourceVersion; for ConfigMaps read from files, a hash of what the plugin uses. */
    private static String version(ConfigMap configMap) {
        String resourceVersion = configMap.getMetadata().getResourceVersion();
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            return resourceVersion;
        }
        return "data-"
                + Integer.toHexString(Objects.hash(
                        configMap.getData(), configMap.getMetadata().getLabels()));
    }
}
