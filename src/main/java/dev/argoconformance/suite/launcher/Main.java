package dev.argoconformance.suite.launcher;

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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar argo-plugin-conformance.jar}: the same certification as
 * {@code ./mvnw verify -Dplugin.image=…}, without Maven. Exit codes: 0 certified, 1 a requirement
 * failed, 2 the suite could not run (bad flag, no Docker), 3 only disabled checks stood in the way.
 */
@Command(name = "argo-plugin-conformance", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Certifies an Argo plugin: starts it the way Argo does, calls it the way Argo does and checks every clause.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:certified (every @must passed)", "1:a requirement failed", "2:the suite could not run (bad option, no Docker, no image)",
                "3:nothing failed, but some checks were disabled here"})
public final class Main implements Callable<Integer> {

    static final int BROKEN_RUN = 2;

    @Option(names = "--plugin-image", paramLabel = "IMAGE", description = "the plugin image to certify")
    String image;

    @Option(names = "--manifest", paramLabel = "PLUGIN_YAML", description = "the plugin's plugin.yaml (port, command, resources, security context)")
    Path manifest;

    @Option(names = "--port", description = "the plugin's port when there is no manifest (default ${DEFAULT-VALUE})", defaultValue = "4355")
    int port;

    @Option(names = "--kind", description = "executor or generator (default ${DEFAULT-VALUE})", defaultValue = "executor")
    String kind;

    @Option(names = "--examples", paramLabel = "DIR", description = "example templates the plugin accepts, with their expected outcome")
    Path examples;

    @Option(names = "--url", description = "certify a plugin you started yourself (no Docker), with --token")
    String url;

    @Option(names = "--token", description = "the token the plugin at --url reads from /var/run/argo/token")
    String token;

    @Option(names = "--profile", description = "quick, core or full (default ${DEFAULT-VALUE})", defaultValue = "full")
    String profile;

    @Option(names = "--tags", paramLabel = "EXPR", description = "a Cucumber tag expression that narrows the run, e.g. \"@auth and not @should\"")
    String tags;

    @Option(names = "--reports", paramLabel = "DIR", description = "where the evidence goes (default ${DEFAULT-VALUE})", defaultValue = "reports")
    Path reports;

    @Option(names = "--list", description = "print the requirements the profile would run, with counts, and exit")
    boolean list;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getMessage() + ": see --help.");
            return BROKEN_RUN;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof HarnessException) {
                commandLine.getErr().println(e.getMessage());
                return BROKEN_RUN;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        RunOptions options = options();
        if (list) {
            return list(options, new PrintWriter(System.out, true));
        }
        if (image == null && url == null) {
            throw new HarnessException("Name the plugin: --plugin-image=IMAGE, or --url=URL --token=TOKEN for one you started yourself.");
        }
        RunResult result = Certification.run(options);
        if (result.verdict() == Verdict.BROKEN_RUN) {
            result.withStatus(Status.ERROR).stream().findFirst().ifPresent(r -> System.err.println(r.reason()));
        }
        return result.verdict().exitCode();
    }

    private RunOptions options() {
        Map<String, String> props = new LinkedHashMap<>();
        put(props, RunOptions.IMAGE, image);
        put(props, RunOptions.URL, url);
        put(props, RunOptions.TOKEN, token);
        put(props, RunOptions.MANIFEST, manifest == null ? null : manifest.toAbsolutePath().toString());
        put(props, RunOptions.EXAMPLES, examples == null ? null : examples.toAbsolutePath().toString());
        if (manifest == null) {
            put(props, RunOptions.PORT, String.valueOf(port));
        }
        put(props, RunOptions.KIND, kind);
        put(props, RunOptions.PROFILE, profile);
        put(props, RunOptions.TAGS, tags);
        put(props, RunOptions.ROOT, Path.of("").toAbsolutePath().toString());
        put(props, RunOptions.REPORTS, reports.toAbsolutePath().toString());
        return RunOptions.from(props::get, props.keySet());
    }

    /** Prints what a profile would run, from the features in this jar, without running anything. */
    static int list(RunOptions options, PrintWriter out) {
        PluginKind kind = options.kind();
        Profile profile = options.profile();
        List<Requirement> all = FeatureCatalogue.requirements(kind.tag());
        List<Requirement> selected = all.stream()
                .filter(r -> profile.includes(r.level() == Level.MUST, r.area()))
                .toList();
        out.printf("%s requirements in profile %s (%s):%n", kind.tag(), profile.id(), profile.description());
        for (Requirement r : selected) {
            out.printf("  %-18s %-7s %s%n", r.id(), r.level().tag(), r.title());
        }
        long must = selected.stream().filter(r -> r.level() == Level.MUST).count();
        out.printf("%d of %d requirements: %d must, %d should%n", selected.size(), all.size(), must, selected.size() - must);
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
