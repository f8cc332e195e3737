package dev.argoconformance.suite.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one certification run is about, read from {@code -D} properties (Maven) or from the
 * launcher's flags translated to the same keys. Every bad value is rejected here with one sentence.
 */
public record RunOptions(
        Optional<String> image,
        Optional<String> sample,
        Optional<URI> url,
        Optional<String> token,
        Optional<Path> manifest,
        OptionalInt port,
        PluginKind kind,
        Optional<Path> examples,
        Profile profile,
        Optional<String> tags,
        Path root,
        Path reportsDir,
        boolean quiet,
        Optional<String> cluster,
        Map<String, String> env,
        Optional<String> tokenPath,
        boolean differential) {

    public static final String IMAGE = "plugin.image";
    public static final String SAMPLE = "plugin.sample";
    public static final String URL = "plugin.url";
    public static final String TOKEN = "plugin.token";
    public static final String MANIFEST = "plugin.manifest";
    public static final String PORT = "plugin.port";
    public static final String KIND = "plugin.kind";
    public static final String EXAMPLES = "plugin.examples";
    public static final String PROFILE = "conformance.profile";
    public static final String TAGS = "conformance.tags";
    public static final String ROOT = "conformance.root";
    public static final String REPORTS = "conformance.reports";
    /** "quiet" prints the verdict only: for runs of many certifications, such as the regression tests. */
    public static final String CONSOLE = "conformance.console";
    /**
     * The cluster tier: "api" runs the @cluster scenarios that need no kubelet on a kube-apiserver started on this
     * machine (cluster-api/kube-apiserver); "k3s" runs them all in a K3s container (Testcontainers' k3s module).
     */
    public static final String CLUSTER = "plugin.cluster";

    public static final String CLUSTER_API = "api";
    public static final String CLUSTER_K3S = "k3s";
    /** {@code -Dplugin.env.NAME=VALUE}: an environment variable for the plugin's container, over plugin.yaml's. */
    public static final String ENV_PREFIX = "plugin.env.";
    /**
     * Where the token file is mounted in the plugin's container: Argo's agent mounts
     * /var/run/argo/token; a generator reads it wherever its own Deployment mounts it.
     */
    public static final String TOKEN_PATH = "plugin.tokenPath";

    public static final String DEFAULT_TOKEN_PATH = "/var/run/argo/token";
    /**
     * The differential tier on a certification: every example also goes through Argo's own calling
     * code (differential/argo-agent, differential/argocd-generator) and the reference controller, and
     * the report shows where they differ. It never changes the verdict.
     */
    public static final String DIFFERENTIAL = "plugin.differential";

    private static final Set<String> KNOWN = Set.of(
            IMAGE,
            SAMPLE,
            URL,
            TOKEN,
            MANIFEST,
            PORT,
            KIND,
            EXAMPLES,
            PROFILE,
            TAGS,
            ROOT,
            REPORTS,
            CONSOLE,
            CLUSTER,
            TOKEN_PATH,
            DIFFERENTIAL);

    /** The default port of Argo's examples, used when neither plugin.yaml nor -Dplugin.port names one. */
    public static final int DEFAULT_PORT = 4355;

    public boolean targetsRunningServer() {
        return url.isPresent();
    }

    /** Where the bundled samples live. */
    public Path samplesDir() {
        return root.resolve("sample-plugins");
    }

    /** A short label for reports: the image, the sample or the URL. */
    public String targetLabel() {
        return image.or(() -> sample.map(s -> "sample " + s))
                .or(() -> url.map(URI::toString))
                .orElse("?");
    }

    /** The options as given, secrets masked, for results.json and the report. */
    public Map<String, String> redacted() {
        Map<String, String> out = new LinkedHashMap<>();
        image.ifPresent(v -> out.put(IMAGE, v));
        sample.ifPresent(v -> out.put(SAMPLE, v));
        url.ifPresent(v -> out.put(URL, v.toString()));
        token.ifPresent(v -> out.put(TOKEN, "*****"));
        manifest.ifPresent(v -> out.put(MANIFEST, v.toString()));
        port.ifPresent(v -> out.put(PORT, String.valueOf(v)));
        out.put(KIND, kind.tag());
        examples.ifPresent(v -> out.put(EXAMPLES, v.toString()));
        out.put(PROFILE, profile.id());
        tags.ifPresent(v -> out.put(TAGS, v));
        cluster.ifPresent(v -> out.put(CLUSTER, v));
        env.keySet().forEach(name -> out.put(ENV_PREFIX + name, "*****")); // values may be credentials
        tokenPath.ifPresent(v -> out.put(TOKEN_PATH, v));
        if (differential) {
            out.put(DIFFERENTIAL, "true");
        }
        return out;
    }

    /** Where the plugin's container finds its token. */
    public String tokenFile() {
        return tokenPath.orElse(DEFAULT_TOKEN_PATH);
    }

    /** Reads the options from a property lookup (system properties, JUnit configuration, flags). */
    public static RunOptions from(Function<String, String> given, Iterable<String> givenKeys) {
        rejectUnknownKeys(givenKeys);
        Path root = value(given, ROOT)
                .map(Path::of)
                .orElse(Path.of(""))
                .toAbsolutePath()
                .normalize();
        Optional<String> sample = value(given, SAMPLE);
        if (sample.isPresent()
                && !Files.isDirectory(root.resolve("sample-plugins").resolve(sample.get()))) {
            throw new HarnessException("There is no bundled sample '" + sample.get() + "' under "
                    + root.resolve("sample-plugins") + ": pick a folder name from there.");
        }
        Optional<SampleYaml> sampleYaml = sample.map(s -> SampleYaml.read(root.resolve("sample-plugins"), s));
        Map<String, String> sampleOptions = sampleYaml.map(SampleYaml::options).orElse(Map.of());
        Function<String, String> lookup = key -> given.apply(key) != null ? given.apply(key) : sampleOptions.get(key);
        Set<String> keys = new java.util.LinkedHashSet<>(sampleOptions.keySet());
        givenKeys.forEach(keys::add);
        Map<String, String> env = new LinkedHashMap<>();
        for (String key : keys) {
            if (key.startsWith(ENV_PREFIX)) {
                String name = key.substring(ENV_PREFIX.length());
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new HarnessException(
                            "-D" + key + " does not name an environment variable: use -D" + ENV_PREFIX + "NAME=VALUE.");
                }
                env.put(name, lookup.apply(key) == null ? "" : lookup.apply(key));
            }
        }
        Optional<String> tokenPath = value(lookup, TOKEN_PATH);
        if (tokenPath.isPresent()
                && (!tokenPath.get().startsWith("/") || tokenPath.get().endsWith("/"))) {
            throw new HarnessException(
                    "-D" + TOKEN_PATH + " is the absolute path of the token file in the container, like "
                            + DEFAULT_TOKEN_PATH + ", got '" + tokenPath.get() + "'.");
        }
        Optional<String> image = value(lookup, IMAGE);
        Optional<URI> url = value(lookup, URL).map(RunOptions::url);
        Optional<String> token = value(lookup, TOKEN);
        PluginKind kind = value(lookup, KIND)
                .map(PluginKind::parse)
                .or(() -> sampleYaml.flatMap(SampleYaml::kind))
                .orElse(PluginKind.EXECUTOR);
        long targets =
                List.of(image, sample, url).stream().filter(Optional::isPresent).count();
        if (targets > 1) {
            throw new HarnessException(
                    "Name one plugin: give only one of -D" + IMAGE + ", -D" + SAMPLE + " or -D" + URL + ".");
        }
        if (url.isPresent()
                && token.isEmpty()
                && kind != PluginKind.CONTROLLER) { // Argo gives controller plugins no token
            throw new HarnessException(
                    "-D" + URL + " needs -D" + TOKEN + "=<the token your plugin reads from /var/run/argo/token>.");
        }
        if (url.isEmpty() && token.isPresent() && kind != PluginKind.CONTROLLER) {
            throw new HarnessException("-D" + TOKEN + " only goes with -D" + URL
                    + ": for an image the suite mounts a fresh random token itself.");
        }
        Optional<Path> manifest = value(lookup, MANIFEST).map(p -> existing(root, p, MANIFEST, false));
        OptionalInt port =
                value(lookup, PORT).map(RunOptions::port).map(OptionalInt::of).orElse(OptionalInt.empty());
        Optional<Path> examples = value(lookup, EXAMPLES)
                .map(p -> existing(root, p, EXAMPLES, true))
                .or(() -> sampleYaml.flatMap(SampleYaml::examples));
        Profile profile = value(lookup, PROFILE).map(Profile::parse).orElse(Profile.FULL);
        Optional<String> tags = value(lookup, TAGS);
        Path reports = value(lookup, REPORTS).map(p -> root.resolve(p)).orElse(root.resolve("reports"));
        boolean quiet = value(lookup, CONSOLE)
                .map(v -> {
                    if (!v.equals("quiet") && !v.equals("progress")) {
                        throw new HarnessException("-D" + CONSOLE + " is quiet or progress, got '" + v + "'.");
                    }
                    return v.equals("quiet");
                })
                .orElse(false);
        Optional<String> cluster = value(lookup, CLUSTER);
        if (cluster.isPresent()
                && !cluster.get().equals(CLUSTER_API)
                && !cluster.get().equals(CLUSTER_K3S)) {
            throw new HarnessException(
                    "-D" + CLUSTER + " is " + CLUSTER_API + " (a kube-apiserver on this machine, no kubelet) or "
                            + CLUSTER_K3S + " (a K3s container), got '" + cluster.get() + "'.");
        }
        boolean differential = value(lookup, DIFFERENTIAL)
                .map(v -> switch (v) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new HarnessException("-D" + DIFFERENTIAL + " is true or false, got '" + v + "'.");
                })
                .orElse(false);
        if (differential && kind == PluginKind.CONTROLLER) {
            throw new HarnessException("-D" + DIFFERENTIAL
                    + " needs Argo's own code for the plugin's kind, and no Argo release has controller"
                    + " plugins (PR #7255 was never merged): leave it out for a controller plugin.");
        }
        return new RunOptions(
                image,
                sample,
                url,
                token,
                manifest,
                port,
                kind,
                examples,
                profile,
                tags,
                root,
                reports,
                quiet,
                cluster,
                env,
                tokenPath,
                differential);
    }

    public static RunOptions fromSystemProperties() {
        return from(System::getProperty, System.getProperties().stringPropertyNames());
    }

    /**
     * What a bundled sample's sample.yaml says about running it: its kind, so -Dplugin.sample needs no
     * -Dplugin.kind, and its examples: its own examples/ folder, else the folder {@code examples:}
     * names (relative to sample-plugins/), as broken samples share the correct plugin's, or none
     * ({@code examples: none}); and the options its plugin needs to run ({@code options:} with
     * plugin.tokenPath and plugin.env.NAME), which -D options of the same name override.
     */
    private record SampleYaml(Optional<PluginKind> kind, Optional<Path> examples, Map<String, String> options) {
        static SampleYaml read(Path samplesDir, String sample) {
            Path dir = samplesDir.resolve(sample);
            Path own = dir.resolve("examples");
            Path file = dir.resolve("sample.yaml");
            if (!Files.isRegularFile(file)) {
                return new SampleYaml(Optional.empty(), Optional.of(own).filter(Files::isDirectory), Map.of());
            }
            try {
                var yaml = dev.argoconformance.reference.protocol.Json.YAML.readTree(file.toFile());
                String kind = yaml.path("kind").asText("");
                Map<String, String> options = new LinkedHashMap<>();
                yaml.path("options").properties().forEach(e -> {
                    if (!e.getKey().equals(TOKEN_PATH)
                            && !e.getKey().startsWith(ENV_PREFIX)
                            && !e.getKey().equals(CLUSTER)) {
                        throw new HarnessException(file + " sets option " + e.getKey() + ": a sample may set only "
                                + TOKEN_PATH + " and " + ENV_PREFIX + "NAME, what its plugin needs to run, and "
                                + CLUSTER + ", the cluster tier it is proved on.");
                    }
                    options.put(e.getKey(), e.getValue().asText());
                });
                Optional<Path> examples = Optional.of(own).filter(Files::isDirectory);
                if (yaml.path("examples").asText().equals("none")) {
                    return new SampleYaml(
                            kind.isEmpty() ? Optional.empty() : Optional.of(PluginKind.parse(kind)),
                            Optional.empty(),
                            options);
                }
                if (examples.isEmpty() && yaml.hasNonNull("examples")) {
                    Path named =
                            samplesDir.resolve(yaml.get("examples").asText()).normalize();
                    if (!Files.isDirectory(named)) {
                        throw new HarnessException(file + " names examples " + named
                                + ", which is not a directory: fix the sample's sample.yaml.");
                    }
                    examples = Optional.of(named);
                }
                return new SampleYaml(
                        kind.isEmpty() ? Optional.empty() : Optional.of(PluginKind.parse(kind)), examples, options);
            } catch (java.io.IOException e) {
                throw new HarnessException(
                        "Cannot read " + file + " (" + e.getMessage() + "): fix the sample's sample.yaml.", e);
            }
        }
    }

    private static void rejectUnknownKeys(Iterable<String> keys) {
        Set<String> unknown = new TreeSet<>();
        for (String key : keys) {
            if ((key.startsWith("plugin.") || key.startsWith("conformance."))
                    && !KNOWN.contains(key)
                    && !key.startsWith(ENV_PREFIX)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new HarnessException("Unknown option -D" + key + suggestion(key) + "; the options are "
                    + String.join(", ", new TreeSet<>(KNOWN)) + ".");
        }
    }

    private static String suggestion(String key) {
        return KNOWN.stream()
                .filter(k -> editDistance(k, key) <= 2)
                .findFirst()
                .map(k -> " (did you mean -D" + k + "?)")
                .orElse("");
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    private static Optional<String> value(Function<String, String> lookup, String key) {
        return Optional.ofNullable(lookup.apply(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static URI url(String value) {
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new HarnessException(
                    "-D" + URL + " must be an http URL like http://localhost:4355, got '" + value + "'.");
        }
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the sentence below
        }
        throw new HarnessException("-D" + PORT + " must be a port number between 1 and 65535, got '" + value + "'.");
    }

    private static Path existing(Path root, String value, String key, boolean directory) {
        Path path = Path.of(value);
        if (!path.isAbsolute() && Files.exists(root.resolve(value))) {
            path = root.resolve(value); // Maven forks the suite in src/; paths are meant from where mvnw ran
        }
        if (directory ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
            throw new HarnessException("-D" + key + " points at " + path.toAbsolutePath() + ", which is not "
                    + (directory ? "a directory" : "a file") + ": check the path.");
        }
        return path.toAbsolutePath().normalize();
    }
}
