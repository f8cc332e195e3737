package dev.argoconformance.suite.launcher;

import dev.argoconformance.suite.config.RunOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The command line's words for a run's options, both ways: the flags a user types become the -D properties
 * {@link RunOptions} reads ({@link #options()}), and a sentence naming a -D property names the flag instead
 * ({@link #inFlagWords}). A picocli mixin of {@link Main}.
 */
final class RunFlags {

    @Option(names = "--plugin-image", paramLabel = "IMAGE", description = "the plugin image to certify")
    String image;

    @Option(
            names = "--manifest",
            paramLabel = "PLUGIN_YAML",
            description = "the plugin's plugin.yaml (port, command, resources, security context)")
    Path manifest;

    @Option(
            names = "--port",
            description = "the plugin's port when there is no manifest (default ${DEFAULT-VALUE})",
            defaultValue = "4355")
    int port;

    @Option(
            names = "--kind",
            description = "executor, generator or controller (default ${DEFAULT-VALUE})",
            defaultValue = "executor")
    String kind;

    @Option(
            names = "--examples",
            paramLabel = "DIR",
            description = "example templates the plugin accepts, with their expected outcome")
    Path examples;

    @Option(
            names = "--url",
            description =
                    "certify a plugin you started yourself (no Docker), with --token (none for a controller plugin)")
    String url;

    @Option(
            names = "--token",
            description =
                    "the token the plugin at --url reads from /var/run/argo/token (default: $ARGO_TOKEN, which keeps it out of ps)")
    String token;

    @Option(
            names = "--cluster",
            paramLabel = "api|k3s",
            description =
                    "also run the cluster tier: api on a kube-apiserver on this machine (cluster-api/kube-apiserver/build.sh; no kubelet), k3s in a K3s container (needs the k3s image)")
    String cluster;

    @Option(
            names = "--differential",
            description =
                    "also run every example through Argo's own code (the harnesses under differential/, built"
                            + " with their build.sh) and report where the reference controller differs; the verdict stays the suite's")
    boolean differential;

    @Option(names = "--profile", description = "quick, core or full (default ${DEFAULT-VALUE})", defaultValue = "full")
    String profile;

    @Option(
            names = "--tags",
            paramLabel = "EXPR",
            description = "a Cucumber tag expression that narrows the run, e.g. \"@must and not @EXEC-RUN-02\"")
    String tags;

    @Option(
            names = "--reports",
            paramLabel = "DIR",
            description = "where the evidence goes (default ${DEFAULT-VALUE})",
            defaultValue = "reports")
    Path reports;

    RunOptions options() {
        Map<String, String> props = new LinkedHashMap<>();
        put(props, RunOptions.IMAGE, image);
        put(props, RunOptions.URL, url);
        // Only with --url: an image gets a fresh token from the suite, and a stray variable must not turn into "--token
        // without --url".
        put(props, RunOptions.TOKEN, token != null ? token : url != null ? System.getenv("ARGO_TOKEN") : null);
        put(
                props,
                RunOptions.MANIFEST,
                manifest == null ? null : manifest.toAbsolutePath().toString());
        put(
                props,
                RunOptions.EXAMPLES,
                examples == null ? null : examples.toAbsolutePath().toString());
        if (manifest == null) {
            put(props, RunOptions.PORT, String.valueOf(port));
        }
        put(props, RunOptions.KIND, kind);
        put(props, RunOptions.PROFILE, profile);
        put(props, RunOptions.CLUSTER, cluster);
        put(props, RunOptions.TAGS, tags);
        put(props, RunOptions.DIFFERENTIAL, differential ? "true" : null);
        put(props, RunOptions.ROOT, Path.of("").toAbsolutePath().toString());
        put(props, RunOptions.REPORTS, reports.toAbsolutePath().toString());
        return RunOptions.from(props::get, props.keySet());
    }

    /** The options' sentences name -D properties (Maven's words); on this command line the user typed flags. */
    static String inFlagWords(String sentence) {
        String s = String.valueOf(sentence);
        for (Map.Entry<String, String> flag : FLAGS.entrySet()) {
            s = s.replace("-D" + flag.getKey(), flag.getValue());
        }
        return s;
    }

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry(RunOptions.IMAGE, "--plugin-image"),
            Map.entry(RunOptions.MANIFEST, "--manifest"),
            Map.entry(RunOptions.PORT, "--port"),
            Map.entry(RunOptions.KIND, "--kind"),
            Map.entry(RunOptions.EXAMPLES, "--examples"),
            Map.entry(RunOptions.URL, "--url"),
            Map.entry(RunOptions.TOKEN, "--token"),
            Map.entry(RunOptions.PROFILE, "--profile"),
            Map.entry(RunOptions.TAGS, "--tags"),
            Map.entry(RunOptions.REPORTS, "--reports"),
            Map.entry(RunOptions.CLUSTER, "--cluster"),
            Map.entry(RunOptions.DIFFERENTIAL, "--differential"));

    private static void put(Map<String, String> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }
}
