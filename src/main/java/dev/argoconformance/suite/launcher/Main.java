package dev.argoconformance.suite.launcher;

import dev.argoconformance.suite.certification.RunResult;
import dev.argoconformance.suite.certification.Status;
import dev.argoconformance.suite.certification.SuiteVersion;
import dev.argoconformance.suite.certification.Verdict;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar argo-plugin-conformance.jar}: the same certification as
 * {@code ./mvnw verify -Dplugin.image=…}, without Maven. Exit codes: 0 certified, 1 a requirement
 * failed, 2 the suite could not run (bad flag, no Docker), 3 nothing failed but not every {@code @must}
 * was checked (disabled here, or left out by the profile or tags).
 */
@Command(
        name = "argo-plugin-conformance",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description =
                "Certifies an Argo plugin: starts it the way Argo does, calls it the way Argo does and checks every clause.",
        exitCodeListHeading = "%nExit codes:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar argo-plugin-conformance.jar --plugin-image=ghcr.io/acme/p:1.0 \\",
            "      --manifest=plugin.yaml",
            "  ARGO_TOKEN=... java -jar argo-plugin-conformance.jar \\",
            "      --url=http://localhost:4355 --profile=quick",
            "  java -jar argo-plugin-conformance.jar --list --profile=core",
            "  java -jar argo-plugin-conformance.jar --check-badge=site/badge.json",
            "",
            "Evidence goes to reports/<time>-<run>/ and reports/latest/: report.html,",
            "results.json (+ results.schema.json), junit.xml, cucumber.ndjson, badge.json",
            "and badge.svg."
        },
        exitCodeList = {
            "0:certified or certified-core (every @must passed)",
            "1:a @must requirement failed",
            "2:the suite could not run (bad option, no Docker, no image)",
            "3:nothing failed, but not every @must was checked (disabled here, or left out by --profile/--tags)"
        })
public final class Main implements Callable<Integer> {

    static final int BROKEN_RUN = 2;

    @Mixin
    RunFlags flags;

    @Option(
            names = "--list",
            description = "print the requirements the profile (and --tags) would run, with counts, and exit")
    boolean list;

    @Option(
            names = "--check-badge",
            paramLabel = "BADGE_JSON",
            description =
                    "read a badge.json this suite wrote; if an older suite major.minor made it, rewrite it (and the badge.svg beside it) as stale")
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
                commandLine.getErr().println(RunFlags.inFlagWords(e.getMessage()));
            } else {
                // Not the plugin's fault and not the user's: a broken run, with what a bug report needs.
                commandLine
                        .getErr()
                        .println("The suite failed (" + e
                                + "); this is a bug in the suite, not a verdict on the plugin.");
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
            return BadgeCheck.check(checkBadge, SuiteVersion.version(), out);
        }
        RunOptions options = flags.options();
        if (list) {
            return RequirementList.print(options, out);
        }
        if (flags.image == null && flags.url == null) {
            throw new HarnessException(
                    "Name the plugin: --plugin-image=IMAGE, or --url=URL --token=TOKEN for one you started yourself.");
        }
        RunResult result = Certification.run(options);
        if (result.verdict() == Verdict.BROKEN_RUN) {
            result.withStatus(Status.ERROR).stream()
                    .findFirst()
                    .ifPresent(r -> spec.commandLine().getErr().println(RunFlags.inFlagWords(r.reason())));
        }
        return result.verdict().exitCode();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"argo-plugin-conformance " + SuiteVersion.version()};
        }
    }
}
