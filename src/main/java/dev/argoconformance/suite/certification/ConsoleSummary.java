package dev.argoconformance.suite.certification;

import java.io.PrintStream;
import java.nio.file.Path;

/** The console view of a run: a header, one line per requirement as it finishes, a short table at the end. */
final class ConsoleSummary {

    private ConsoleSummary() {}

    static void header(PrintStream out, CertificationRun run) {
        if (run.options().quiet()) {
            return;
        }
        out.println();
        out.println("Argo plugin conformance " + SuiteVersion.version() + ": certifying the "
                + run.options().kind().tag() + " plugin " + run.options().targetLabel() + " (profile "
                + run.options().profile().id() + ")");
    }

    static void progress(PrintStream out, CertificationRun run, RequirementResult result) {
        if (run.options().quiet()) {
            return;
        }
        out.printf(
                "  %-9s %-18s %-7s %s%n",
                "[" + result.status().name() + "]",
                result.requirement().id(),
                result.requirement().level().tag(),
                result.requirement().title());
        if (result.status() == Status.FAILED || result.status() == Status.ERROR) {
            // CI logs are evidence too: a failed auth check's reason can quote the token's prefix or its reverse.
            new TokenMask(run.facts().secret())
                    .apply(result.reason())
                    .lines()
                    .limit(12)
                    .forEach(line -> out.println("              " + line));
        }
    }

    static void footer(PrintStream out, CertificationRun run, RunResult result) {
        if (run.options().quiet()) {
            out.printf(
                    "%s: %s (%d failed, %d blocked) — %s%n",
                    run.options().targetLabel(),
                    result.verdict().id(),
                    result.withStatus(Status.FAILED).size(),
                    result.results().stream().filter(RequirementResult::blocked).count(),
                    relative(run, result.bundle().resolve("results.json")));
            return;
        }
        out.println();
        out.printf("  %-7s %7s %7s %7s %9s %6s%n", "level", "passed", "failed", "skipped", "disabled", "error");
        for (Level level : Level.values()) {
            out.printf(
                    "  %-7s %7d %7d %7d %9d %6d%n",
                    level.tag(),
                    result.count(level, Status.PASSED),
                    result.count(level, Status.FAILED),
                    result.count(level, Status.SKIPPED),
                    result.count(level, Status.DISABLED),
                    result.count(level, Status.ERROR));
        }
        out.println("  verdict: " + result.verdict().id().toUpperCase());
        run.facts().compatibility().ifPresent(c -> out.println("  argo:    " + c.summary()));
        run.facts().warnings().forEach(w -> out.println("  warning: " + w));
        Path bundle = result.bundle();
        out.println("  evidence: " + relative(run, bundle.resolve("results.json")));
        out.println("  report:   " + relative(run, bundle.resolve(HtmlReport.FILE)));
        out.println();
    }

    private static String relative(CertificationRun run, Path path) {
        Path root = run.options().root();
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}
