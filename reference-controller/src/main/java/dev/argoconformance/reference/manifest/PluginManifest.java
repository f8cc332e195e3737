package dev.argoconformance.reference.manifest;

import dev.argoconformance.reference.protocol.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An executor plugin manifest, {@code plugin.yaml} in the v3.3+ form:
 * {@code apiVersion, kind, metadata, spec.sidecar.{automountServiceAccountToken, container}}.
 *
 * <p>Parsing is as strict as Argo's ({@code sigs.k8s.io/yaml.UnmarshalStrict} into {@code spec.Plugin},
 * {@code cmd/argo/commands/executorplugin/io.go}): an unknown field anywhere, the container included, is an error
 * naming its path; so are duplicate keys, values of the wrong type and quantities Kubernetes cannot read. Parsing
 * does not validate; {@link #validate()} applies Argo's {@code Sidecar.Validate} and nothing more.
 */
public final class PluginManifest {

    private static final String SUFFIX = "-executor-plugin";

    private final GoObject plugin;

    private PluginManifest(GoObject plugin) {
        this.plugin = plugin;
    }

    /** Reads and strictly parses a {@code plugin.yaml}; errors name the file and the line. */
    public static PluginManifest parse(Path pluginYaml) throws ManifestException {
        return parse(readUtf8(pluginYaml, "not valid YAML: invalid UTF-8"), pluginYaml.toString());
    }

    /** Strictly parses manifest text; {@code sourceName} starts every error message. */
    public static PluginManifest parse(String yaml, String sourceName) throws ManifestException {
        YamlTree.Node root = YamlTree.read(yaml, sourceName);
        return new PluginManifest(StrictDecoder.decode(root, ArgoTypes.PLUGIN, sourceName, ""));
    }

    /**
     * The plugin a discovery ConfigMap describes, the way the controller reads it ({@code FromConfigMap},
     * {@code workflow/util/plugin/configmap.go}): the name is the ConfigMap's minus {@code -executor-plugin}, the kind
     * is the {@code workflows.argoproj.io/configmap-type} label, the other labels and the annotations are copied,
     * {@code sidecar.automountServiceAccountToken} counts only when exactly {@code "true"}, and
     * {@code sidecar.container} is parsed as strictly as a {@code plugin.yaml}. Not validated; call {@link #validate()}.
     */
    public static PluginManifest fromConfigMap(ConfigMap configMap) throws ManifestException {
        String configMapName =
                configMap.getMetadata() == null || configMap.getMetadata().getName() == null
                        ? ""
                        : configMap.getMetadata().getName();
        String namespace =
                configMap.getMetadata() == null || configMap.getMetadata().getNamespace() == null
                        ? ""
                        : configMap.getMetadata().getNamespace();
        Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
        String source =
                "ConfigMap " + (namespace.isEmpty() ? "" : namespace + "/") + configMapName + " sidecar.container";
        YamlTree.Node root = YamlTree.read(data.getOrDefault("sidecar.container", ""), source);
        GoObject container = StrictDecoder.decode(root, ArgoTypes.CONTAINER, source, "");

        GoObject plugin = new GoObject(ArgoTypes.PLUGIN);
        Map<String, String> labels = new LinkedHashMap<>(
                configMap.getMetadata() == null || configMap.getMetadata().getLabels() == null
                        ? Map.of()
                        : configMap.getMetadata().getLabels());
        String kind = labels.remove(ArgoTypes.CONFIGMAP_TYPE_LABEL);
        if (kind != null) {
            plugin.values.put("kind", kind);
        }
        GoObject metadata = plugin.objectForUpdate("metadata");
        metadata.values.put(
                "name",
                configMapName.endsWith(SUFFIX)
                        ? configMapName.substring(0, configMapName.length() - SUFFIX.length())
                        : configMapName);
        metadata.values.put("labels", new LinkedHashMap<String, Object>(labels));
        metadata.values.put(
                "annotations",
                new LinkedHashMap<String, Object>(
                        configMap.getMetadata() == null
                                        || configMap.getMetadata().getAnnotations() == null
                                ? Map.of()
                                : configMap.getMetadata().getAnnotations()));
        GoObject sidecar = plugin.objectForUpdate("spec").objectForUpdate("sidecar");
        sidecar.values.put(
                "automountServiceAccountToken", "true".equals(data.get("sidecar.automountServiceAccountToken")));
        sidecar.values.put("container", container);
        return new PluginManifest(plugin);
    }

    public String apiVersion() {
        return string(plugin, "apiVersion");
    }

    /** {@code ExecutorPlugin} for real plugins; Argo's build does not check it but copies it into the type label. */
    public String kind() {
        return string(plugin, "kind");
    }

    public String name() {
        return string(metadata(), "name");
    }

    /** Set only when the manifest names one; {@code argo executor-plugin build} copies it (#8122). */
    public Optional<String> namespace() {
        String namespace = string(metadata(), "namespace");
        return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
    }

    public Map<String, String> labels() {
        return stringMap(metadata().get("labels"));
    }

    public Map<String, String> annotations() {
        return stringMap(metadata().get("annotations"));
    }

    /**
     * The sidecar container as Argo holds it after decoding: quantities in Kubernetes' canonical form, fields
     * Go drops when empty left out. A fresh copy on every call.
     */
    public Container container() {
        return Json.MAPPER.convertValue(GoObject.marshal(ArgoTypes.CONTAINER, containerObject()), Container.class);
    }

    /** Whether the sidecar gets the {@code <name>-executor-plugin} service account token. */
    public boolean automountServiceAccountToken() {
        return Boolean.TRUE.equals(sidecar().get("automountServiceAccountToken"));
    }

    /** {@code ports[0].containerPort}: the port Argo calls, at {@code http://localhost:<port>}. */
    public OptionalInt port() {
        List<?> ports = (List<?>) containerObject().get("ports");
        if (ports == null || ports.isEmpty()) {
            return OptionalInt.empty();
        }
        Object port = ((GoObject) ports.getFirst()).get("containerPort");
        return OptionalInt.of(port == null ? 0 : ((Long) port).intValue());
    }

    /**
     * Argo's {@code Plugin.Validate}: ports, then resource requests, then limits, then a security context. Being
     * present is enough: {@code requests: {}} and {@code securityContext: {}} pass, as they do in Argo.
     */
    public void validate() throws ManifestException {
        GoObject container = containerObject();
        List<?> ports = (List<?>) container.get("ports");
        GoObject resources = container.object("resources");
        String problem = null;
        if (ports == null || ports.isEmpty()) {
            problem = "at least one port is mandatory";
        } else if (resources == null || resources.get("requests") == null) {
            problem = "resources requests are mandatory";
        } else if (resources.get("limits") == null) {
            problem = "resources limits are mandatory";
        } else if (container.get("securityContext") == null) {
            problem = "security context is mandatory";
        }
        if (problem != null) {
            throw new ManifestException("sidecar is invalid: " + problem);
        }
    }

    /** A copy whose container runs with these {@code args}, as a {@code server.*} file makes it. */
    public PluginManifest withArgs(List<String> args) {
        GoObject copy = plugin.deepCopy();
        GoObject container =
                copy.objectForUpdate("spec").objectForUpdate("sidecar").objectForUpdate("container");
        container.values.put("args", new ArrayList<Object>(args));
        return new PluginManifest(copy);
    }

    /** The container as {@code sigs.k8s.io/yaml.Marshal} writes it into {@code data."sidecar.container"}. */
    String containerYaml() {
        return GoYamlWriter.marshal(GoObject.marshal(ArgoTypes.CONTAINER, containerObject()));
    }

    String image() {
        return string(containerObject(), "image");
    }

    private GoObject metadata() {
        return plugin.object("metadata");
    }

    private GoObject sidecar() {
        return plugin.object("spec").object("sidecar");
    }

    private GoObject containerObject() {
        return sidecar().object("container");
    }

    private static String string(GoObject object, String field) {
        Object value = object.get(field);
        return value == null ? "" : (String) value;
    }

    private static Map<String, String> stringMap(Object value) {
        if (value == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, (String) v));
        return Collections.unmodifiableMap(out);
    }

    /** Reads a file as Go would see it; a missing one gets Go's {@code open ...} text. */
    static String readUtf8(Path file, String invalidUtf8Problem) throws ManifestException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ManifestException("open " + file + ": no such file or directory", e);
        } catch (IOException e) {
            throw new ManifestException("read " + file + ": " + e.getMessage(), e);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(file + ": " + invalidUtf8Problem, e);
        }
    }
}
