package dev.argoconformance.reference.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code argo executor-plugin build DIR}: reads {@code DIR/plugin.yaml}, puts the one {@code server.*} file (if
 * any) into the container's {@code args}, validates, and renders the discovery ConfigMap and the README exactly as
 * Argo's CLI writes them ({@code cmd/argo/commands/executorplugin/io.go}, {@code workflow/util/plugin/configmap.go}).
 *
 * <p>The ConfigMap keeps the {@code creationTimestamp: null} line that Argo v3.3 to v4.0 write. Argo v4.1 builds
 * against k8s.io/apimachinery v0.35, whose {@code ObjectMeta} tags that field {@code omitzero}, so a v4.1 CLI
 * leaves the line out; everything else is the same.
 */
public final class PluginBuild {

    static final String HEADER = "# This is an auto-generated file. DO NOT EDIT";

    private final PluginManifest manifest;

    private PluginBuild(PluginManifest manifest) {
        this.manifest = manifest;
    }

    /**
     * Builds the plugin in {@code dir}, with Argo's checks in Argo's order: strict parse, at most one
     * {@code server.*} file ({@code plugin <name> has more than one server.* file}), then {@code Sidecar.Validate}.
     */
    public static PluginBuild of(Path dir) throws ManifestException {
        PluginManifest manifest = PluginManifest.parse(dir.resolve("plugin.yaml"));
        List<Path> servers = new ArrayList<>();
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, "server.*")) {
            matches.forEach(servers::add);
        } catch (IOException e) {
            throw new ManifestException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (servers.size() > 1) {
            throw new ManifestException("plugin " + manifest.name() + " has more than one server.* file");
        }
        if (servers.size() == 1) {
            manifest = manifest.withArgs(List.of(readServer(servers.getFirst())));
        }
        manifest.validate();
        return new PluginBuild(manifest);
    }

    /** Go reads the script as bytes; JSON marshalling then turns bytes that are not UTF-8 into U+FFFD. */
    private static String readServer(Path server) throws ManifestException {
        try {
            return new String(Files.readAllBytes(server), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException("read " + server + ": " + e.getMessage(), e);
        }
    }

    public PluginManifest manifest() {
        return manifest;
    }

    /** The discovery ConfigMap: the type label from {@code kind} with the manifest's labels over it. */
    public ConfigMap configMap() {
        return new ConfigMapBuilder()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withNewMetadata()
                .withName(configMapName())
                .withNamespace(manifest.namespace().orElse(null))
                .withLabels(labels())
                .withAnnotations(manifest.annotations().isEmpty() ? null : new LinkedHashMap<>(manifest.annotations()))
                .endMetadata()
                .withData(data())
                .build();
    }

    /** {@code <name>-executor-plugin-configmap.yaml}. */
    public String configMapFileName() {
        return configMapName() + "-configmap.yaml";
    }

    /** The file Argo writes: its header line, then {@code sigs.k8s.io/yaml.Marshal} of the ConfigMap. */
    public String configMapYaml() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", configMapName());
        manifest.namespace().ifPresent(ns -> metadata.put("namespace", ns));
        metadata.put("creationTimestamp", null);
        metadata.put("labels", new LinkedHashMap<String, Object>(labels()));
        if (!manifest.annotations().isEmpty()) {
            metadata.put("annotations", new LinkedHashMap<String, Object>(manifest.annotations()));
        }
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("kind", "ConfigMap");
        configMap.put("apiVersion", "v1");
        configMap.put("metadata", metadata);
        configMap.put("data", new LinkedHashMap<String, Object>(data()));
        return HEADER + "\n" + GoYamlWriter.marshal(configMap);
    }

    /** Argo's README template, rendered; note the line holding one TAB and the space after the last command. */
    public String readme() {
        String name = manifest.name();
        return "<!-- This is an auto-generated file. DO NOT EDIT -->\n"
                + "# " + name + "\n"
                + "\n"
                + "* Needs: " + manifest.annotations().getOrDefault("workflows.argoproj.io/version", "") + "\n"
                + "* Image: " + manifest.image() + "\n"
                + "\n"
                + manifest.annotations().getOrDefault("workflows.argoproj.io/description", "") + "\n"
                + "\n"
                + "Install:\n"
                + "\n"
                + "    kubectl apply -f " + name + "-executor-plugin-configmap.yaml\n"
                + "\n"
                + "Uninstall:\n"
                + "\t\n"
                + "    kubectl delete cm " + name + "-executor-plugin \n";
    }

    /** Writes the ConfigMap file and {@code README.md} into {@code dir}, as Argo does into the plugin's directory. */
    public List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path configMapFile = dir.resolve(configMapFileName());
        Path readmeFile = dir.resolve("README.md");
        Files.writeString(configMapFile, configMapYaml(), StandardCharsets.UTF_8);
        Files.writeString(readmeFile, readme(), StandardCharsets.UTF_8);
        return List.of(configMapFile, readmeFile);
    }

    private String configMapName() {
        return manifest.name() + "-executor-plugin";
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ArgoTypes.CONFIGMAP_TYPE_LABEL, manifest.kind());
        labels.putAll(manifest.labels());
        return labels;
    }

    private Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("sidecar.automountServiceAccountToken", Boolean.toString(manifest.automountServiceAccountToken()));
        data.put("sidecar.container", manifest.containerYaml());
        return data;
    }
}
