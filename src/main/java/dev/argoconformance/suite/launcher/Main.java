package dev.argoconformance.suite.launcher;

import dev.argoconformance.suite.certification.Badge;
import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.FeatureCatalogue;
import dev.argoconformance.suite.certification.Level;
import dev.argoconformance.suite.certification.Requirement;
import dev.argoconformance.suite.certification.RunResult;
import dev.argoconformance.suite.certification.Status;
import dev.argoconformance.suite.certification.SuiteVersion;
import dev.argoconformance.suite.certification.Verdict;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.config.Profile;
import dev.argoconformance.suite.config.RunOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar argo-plugin-conformance.jar}: the same certification as
 * {@code ./mvnw verify -Dplugin.image=…}, without Maven. Exit codes: 0 certified, 1 a requirement
 * failed, 2 the suite could not run (bad flag, no Docker), 3 nothing failed but not every {@code @must}
 * was checked (disabled here, or left out by the profile or tags).
 */
@Command(name = "argo-plugin-conformance", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Certifies an Argo plugin: starts it the way Argo does, calls it the way Argo does and checks every clause.",
        exitCodeListHeading = "%nExit codes:%n",
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar argo-plugin-conformance.jar --plugin-image=ghcr.io/acme/p:1.0 \\",
                "      --manifest=plugin.yaml",
                "  ARGO_TOKEN=... java -jar argo-plugin-conformance.jar \\",
                "      --url=http://localhost:4355 --profile=quick",
                "  java -jar argo-plugin-conformance.jar --list --profile=core",
                "  java -jar argo-plugin-conformance.jar --check-badge=site/badge.json",
                "",
                "Evidence goes to reports/<time>-<run>/ and reports/latest/: report.html,",
                "results.json (+ results.schema.json), junit.xml, cucumber.ndjson, badge.json",
                "and badge.svg."},
        exitCodeList = {"0:certified or certified-core (every @must passed)", "1:a @must requirement failed",
                "2:the suite could not run (bad option, no Docker, no image)",
                "3:nothing failed, but not every @must was checked (disabled here, or left out by --profile/--tags)"})
public final class Main implements Callable<Integer> {

    static final int BROKEN_RUN = 2;

    @Option(names = "--plugin-image", paramLabel = "IMAGE", description = "the plugin image to certify")
    String image;

    @Option(names = "--manifest", paramLabel = "PLUGIN_YAML", description = "the plugin's plugin.yaml (port, command, resources, security context)")
    Path manifest;

    @Option(names = "--port", description = "the plugin's port when there is no manifest (default ${DEFAULT-VALUE})", defaultValue = "4355")
    int port;

    @Option(names = "--kind", description = "executor, generator or controller (default ${DEFAULT-VALUE})", defaultValue = "executor")
    String kind;

    @Option(names = "--examples", paramLabel = "DIR", description = "example templates the plugin accepts, with their expected outcome")
    Path examples;

    @Option(names = "--url", description = "certify a plugin you started yourself (no Docker), with --token (none for a controller plugin)")
    String url;

    @Option(names = "--token", description = "the token the plugin at --url reads from /var/run/argo/token (default: $ARGO_TOKEN, which keeps it out of ps)")
    String token;

    @Option(names = "--cluster", paramLabel = "api|k3s", description = "also run the cluster tier: api on a kube-apiserver on this machine (cluster-api/kube-apiserver/build.sh; no kubelet), k3s in a K3s container (needs the k3s image)")
    String cluster;

    @Option(names = "--differential", description = "also run every example through Argo's own code (the harnesses under differential/, built"
            + " with their build.sh) and report where the reference controller differs; the verdict stays the suite's")
    boolean differential;

    @Option(names = "--profile", description = "quick, core or full (default ${DEFAULT-VALUE})", defaultValue = "full")
    String profile;

    @Option(names = "--tags", paramLabel = "EXPR", description = "a Cucumber tag expression that narrows the run, e.g. \"@must and not @EXEC-RUN-02\"")
    String tags;

    @Option(names = "--reports", paramLabel = "DIR", description = "where the evidence goes (default ${DEFAULT-VALUE})", defaultValue = "reports")
    Path reports;

    @Option(names = "--list", description = "print the requirements the profile (and --tags) would run, with counts, and exit")
    boolean list;

    @Option(names = "--check-badge", paramLabel = "BADGE_JSON",
            description = "read a badge.json this suite wrote; if an older suite major.minor made it, rewrite it (and the badge.svg beside it) as stale")
    Path checkBadge;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The CLI on the process's streams; the certification's own progress always goes to System.out. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** The CLI without exiting, for tests: the exit code the process would end with. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getMessage() + ": see --help.");
            return BROKEN_RUN;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof HarnessException) {
                commandLine.getErr().println(inFlagWords(e.getMessage()));
            } else {
                // Not the plugin's fault and not the user's: a broken run, with what a bug report needs.
                commandLine.getErr().println("The suite failed (" + e + "); this is a bug in the suite, not a verdict on the plugin.");
                e.printStackTrace(commandLine.getErr());
            }
            return BROKEN_RUN;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (checkBadge != null) {
            return checkBadge(checkBadge, SuiteVersion.version(), out);
        }
        RunOptions options = options();
        if (list) {
            return list(options, out);
        }
        if (image == null && url == null) {
            throw new HarnessException("Name the plugin: --plugin-image=IMAGE, or --url=URL --token=TOKEN for one you started yourself.");
        }
        RunResult result = Certification.run(options);
        if (result.verdict() == Verdict.BROKEN_RUN) {
            result.withStatus(Status.ERROR).stream().findFirst().ifPresent(r -> spec.commandLine().getErr().println(inFlagWords(r.reason())));
        }
        return result.verdict().exitCode();
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
            Map.entry(RunOptions.IMAGE, "--plugin-image"), Map.entry(RunOptions.MANIFEST, "--manifest"), Map.entry(RunOptions.PORT, "--port"),
            Map.entry(RunOptions.KIND, "--kind"), Map.entry(RunOptions.EXAMPLES, "--examples"), Map.entry(RunOptions.URL, "--url"),
            Map.entry(RunOptions.TOKEN, "--token"), Map.entry(RunOptions.PROFILE, "--profile"), Map.entry(RunOptions.TAGS, "--tags"),
            Map.entry(RunOptions.REPORTS, "--reports"), Map.entry(RunOptions.CLUSTER, "--cluster"),
            Map.entry(RunOptions.DIFFERENTIAL, "--differential"));

    private RunOptions options() {
        Map<String, String> props = new LinkedHashMap<>();
        put(props, RunOptions.IMAGE, image);
        put(props, RunOptions.URL, url);
        // Only with --url: an image gets a fresh token from the suite, and a stray variable must not turn into "--token without --url".
        put(props, RunOptions.TOKEN, token != null ? token : url != null ? System.getenv("ARGO_TOKEN") : null);
        put(props, RunOptions.MANIFEST, manifest == null ? null : manifest.toAbsolutePath().toString());
        put(props, RunOptions.EXAMPLES, examples == null ? null : examples.toAbsolutePath().toString());
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

    /**
     * Prints what a profile would run, without running anything. The selection is the launcher's own
     * discovery with the same filter a run uses, so the list cannot drift from what a run does.
     */
    static int list(RunOptions options, PrintWriter out) {
        PluginKind kind = options.kind();
        Profile profile = options.profile();
        Set<String> selectedIds = new HashSet<>();
        try (CertificationRun ignored = CertificationRun.begin(options)) {
            TestPlan plan = discover();
            for (TestIdentifier root : plan.getRoots()) {
                for (TestIdentifier test : plan.getDescendants(root)) {
                    if (test.isTest()) {
                        Set<String> tags = new HashSet<>();
                        test.getTags().stream().map(TestTag::getName).forEach(tags::add);
                        String id = Requirement.idIn(tags);
                        if (id != null) {
                            selectedIds.add(id);
                        }
                    }
                }
            }
        }
        List<Requirement> all = FeatureCatalogue.requirements(kind.tag());
        List<Requirement> selected = all.stream().filter(r -> selectedIds.contains(r.id())).toList();
        out.printf("%s requirements in profile %s (%s)%s:%n", kind.tag(), profile.id(), profile.description(),
                options.tags().map(t -> ", tags " + t).orElse(""));
        for (Requirement r : selected) {
            out.printf("  %-18s %-7s %s%n", r.id(), r.level().tag(), r.title());
        }
        long must = selected.stream().filter(r -> r.level() == Level.MUST).count();
        long allMust = all.stream().filter(r -> r.level() == Level.MUST).count();
        out.printf("%d of %d requirements: %d of %d must, %d of %d should%n", selected.size(), all.size(), must, allMust,
                selected.size() - must, all.size() - allMust);
        out.flush();
        return 0;
    }

    private static TestPlan discover() {
        try {
            return LauncherFactory.create().discover(Certification.request());
        } catch (RuntimeException e) {
            // A filter's HarnessException (a bad tag expression) may arrive wrapped by the launcher.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof HarnessException harness) {
                    throw harness;
                }
            }
            throw e;
        }
    }

    /**
     * Reads a badge.json; when an older suite major.minor made it, rewrites it and the badge.svg beside
     * it as stale. A badge is a claim about the contract as that suite read it: a newer contract makes
     * the claim stale until the plugin is certified again.
     */
    static int checkBadge(Path file, String currentVersion, PrintWriter out) {
        Badge badge;
        try {
            badge = Badge.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HarnessException("Cannot read " + file + " (" + e.getMessage() + "): give the path of a badge.json.", e);
        } catch (IllegalArgumentException e) {
            throw new HarnessException(file + " is not a badge this suite wrote: " + e.getMessage() + ".", e);
        }
        if (!badge.isOlderThan(currentVersion)) {
            out.printf("%s: current (%s; this is suite %s)%n", file, badge.message(), currentVersion);
            out.flush();
            return 0;
        }
        Badge stale = badge.stale();
        String name = file.getFileName().toString();
        Path svg = file.resolveSibling(name.endsWith(".json") ? name.substring(0, name.length() - 5) + ".svg" : name + ".svg");
        try {
            Files.writeString(file, stale.json(), StandardCharsets.UTF_8);
            Files.writeString(svg, stale.svg(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessException("Cannot rewrite " + file + " as stale (" + e.getMessage() + ").", e);
        }
        out.printf("%s: stale (%s was made by suite %s; this is suite %s): rewrote %s and %s%n", file, badge.state(),
                badge.suiteMajorMinor(), currentVersion, file, svg);
        out.flush();
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"argo-plugin-conformance " + SuiteVersion.version()};
        }
    }

    private static void put(Map<String, String> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }
}
