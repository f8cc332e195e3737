package dev.argoconformance.reference.cli;

import dev.argoconformance.reference.discovery.DirectoryPluginSource;
import dev.argoconformance.reference.discovery.ExecutorPluginLabel;
import dev.argoconformance.reference.discovery.PluginSource;
import dev.argoconformance.reference.manifest.ManifestException;
import dev.argoconformance.reference.manifest.PluginBuild;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The plugins a plugin author keeps on disk: plugin ConfigMaps (as {@link DirectoryPluginSource} reads them) and
 * plugin folders, directories holding a {@code plugin.yaml}, built in memory the way {@code argo executor-plugin build}
 * would build them, {@code server.*} file and all. {@code --plugins} may name one plugin folder or a directory of
 * them and of ConfigMaps.
 *
 * <p>A built plugin goes to its manifest's namespace, else to the first-level directory it sits under (as ConfigMap
 * files do), else to the default namespace; a plugin folder directly under the directory is not a namespace. When a
 * ConfigMap file and a plugin folder give the same ConfigMap in the same namespace, the folder wins: the file is
 * most likely an older build of it. Plugin folders are built once, when the directory is opened, so a folder Argo's
 * build would refuse is reported before anything runs.
 */
final class PluginDirectory implements PluginSource {

    private final Path dir;
    private final String defaultNamespace;
    private final boolean singlePluginFolder;
    private final List<ConfigMap> built = new ArrayList<>();
    private final Map<String, Path> builtFrom = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private PluginDirectory(Path dir, String defaultNamespace) {
        this.dir = dir;
        this.defaultNamespace = defaultNamespace;
        this.singlePluginFolder = Files.isRegularFile(dir.resolve("plugin.yaml"));
    }

    /** Opens {@code dir} and builds its plugin folders; a problem is a {@link BadInput} naming the folder. */
    static PluginDirectory open(Path dir, String defaultNamespace) {
        if (!Files.isDirectory(dir)) {
            throw new BadInput("--plugins " + dir + " is not a directory.");
        }
        PluginDirectory directory = new PluginDirectory(dir, defaultNamespace);
        for (Path folder : directory.pluginFolders()) {
            directory.build(folder);
        }
        return directory;
    }

    /** Why a plugin folder will not load although it builds, e.g. a kind other than ExecutorPlugin. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public List<ConfigMap> executorPluginConfigMaps(String namespace) {
        List<ConfigMap> out = new ArrayList<>();
        Set<String> builtHere = new HashSet<>();
        for (ConfigMap configMap : built) {
            if (namespace.equals(configMap.getMetadata().getNamespace()) && ExecutorPluginLabel.isOn(configMap)) {
                out.add(configMap);
                builtHere.add(configMap.getMetadata().getName());
            }
        }
        if (!singlePluginFolder) {
            try {
                new DirectoryPluginSource(dir, defaultNamespace)
                        .executorPluginConfigMaps(namespace).stream()
                                .filter(cm ->
                                        !builtHere.contains(cm.getMetadata().getName()))
                                .forEach(out::add);
            } catch (UncheckedIOException e) {
                throw new BadInput(sentence(e.getMessage()));
            }
        }
        out.sort(Comparator.comparing(cm -> cm.getMetadata().getName()));
        for (int i = 1; i < out.size(); i++) {
            String name = out.get(i).getMetadata().getName();
            if (name.equals(out.get(i - 1).getMetadata().getName())) {
                throw new BadInput("ConfigMap " + name + " is defined twice for namespace " + namespace + " under "
                        + dir + "; Kubernetes keeps one ConfigMap of a name, so remove one of them.");
            }
        }
        return out;
    }

    private List<Path> pluginFolders() {
        if (singlePluginFolder) {
            return List.of(dir);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.getFileName() != null
                            && p.getFileName().toString().equals("plugin.yaml"))
                    .filter(Files::isRegularFile)
                    .filter(p -> !DirectoryPluginSource.isHidden(dir.relativize(p)))
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BadInput("Cannot read plugin directory " + dir + ": " + e.getMessage() + ".");
        }
    }

    private void build(Path folder) {
        PluginBuild build;
        try {
            build = PluginBuild.of(folder);
        } catch (ManifestException e) {
            throw new BadInput("Plugin folder " + folder + " does not build as argo executor-plugin build would: "
                    + sentence(e.getMessage()));
        }
        String kind = build.manifest().kind();
        if (!ExecutorPluginLabel.VALUE.equals(kind)) {
            warnings.add(folder.resolve("plugin.yaml") + " has kind " + (kind.isEmpty() ? "(none)" : kind)
                    + ", so its ConfigMap is labelled " + ExecutorPluginLabel.KEY + ": " + kind
                    + " and Argo does not load it as an executor plugin.");
        }
        String namespace = build.manifest().namespace().orElseGet(() -> namespaceOf(folder));
        ConfigMap configMap = build.configMap();
        String configMapName = configMap.getMetadata().getName();
        Path other = builtFrom.put(namespace + "/" + configMapName, folder);
        if (other != null) {
            throw new BadInput("Plugin folders " + other + " and " + folder + " both build ConfigMap " + configMapName
                    + " in namespace " + namespace
                    + "; Kubernetes keeps one ConfigMap of a name, so point --plugins at one of them.");
        }
        built.add(new ConfigMapBuilder(configMap)
                .editMetadata()
                .withNamespace(namespace)
                .endMetadata()
                .build());
    }

    private String namespaceOf(Path folder) {
        Path relative = dir.relativize(folder);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : defaultNamespace;
    }

    static String sentence(String message) {
        String text = String.valueOf(message).strip();
        return text.endsWith(".") ? text : text + ".";
    }
}
