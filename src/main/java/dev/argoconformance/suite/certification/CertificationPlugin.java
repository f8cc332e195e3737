package dev.argoconformance.suite.certification;

import io.cucumber.core.plugin.HtmlFormatter;
import io.cucumber.core.plugin.JUnitFormatter;
import io.cucumber.core.plugin.MessageFormatter;
import io.cucumber.messages.types.Envelope;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one Cucumber plugin every run uses, under Maven and under {@code java -jar}: it turns finished
 * scenarios into requirement results, writes the run's bundle (Cucumber's HTML, JUnit XML and
 * messages, plus results.json), proves the token reached none of it, and prints the verdict.
 */
public final class CertificationPlugin implements ConcurrentEventListener {

    /** How the reason of a requirement the profile or tags left out begins; the report counts them by it. */
    static final String NOT_SELECTED = "not selected: ";

    private final CertificationRun run = CertificationRun.current();
    private final Bundle bundle = Bundle.of(run);
    private final List<RequirementResult> results = Collections.synchronizedList(new ArrayList<>());
    private final PrintStream console = System.out;
    private volatile Throwable runError;

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        try {
            new HtmlFormatter(bundle.out("cucumber.html")).setEventPublisher(publisher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new JUnitFormatter(bundle.out("junit.xml")).setEventPublisher(publisher);
        new MessageFormatter(bundle.out("cucumber.ndjson")).setEventPublisher(publisher);
        publisher.registerHandlerFor(TestRunStarted.class, e -> ConsoleSummary.header(console, run));
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(
                TestRunFinished.class, e -> runError = e.getResult().getError());
        // Registered after the formatters: they write their files on the same message, so ours runs once they are done.
        publisher.registerHandlerFor(
                Envelope.class, envelope -> envelope.getTestRunFinished().ifPresent(this::runFinished));
    }

    private void finished(TestCaseFinished event) {
        TestCase testCase = event.getTestCase();
        Set<String> tags = new HashSet<>(testCase.getTags());
        String uri = testCase.getUri().toString();
        long line = testCase.getLocation().getLine();
        Requirement requirement = FeatureClauses.at(uri, line)
                .map(FeatureCatalogue::requirement)
                .orElseGet(() -> new Requirement(
                        Requirement.idIn(tags),
                        Requirement.levelIn(tags),
                        Requirement.kindIn(tags),
                        FeatureCatalogue.area(Requirement.idIn(tags)),
                        testCase.getName(),
                        "",
                        uri + ":" + line));
        Outcome outcome = Outcome.of(event.getResult());
        if (requirement.id() == null) {
            outcome = new Outcome(
                    Status.ERROR, "the scenario at " + uri + ":" + line + " has no requirement ID tag (@EXEC-AREA-NN)");
            requirement = new Requirement(
                    "UNTAGGED-" + line,
                    requirement.level(),
                    requirement.kind(),
                    "",
                    requirement.title(),
                    "",
                    uri + ":" + line);
        }
        EvidenceLog.Evidence evidence =
                EvidenceLog.of(run).take(testCase.getId().toString());
        boolean notPassed =
                outcome.status() == Status.FAILED || !outcome.blockedBy().isEmpty();
        if (!evidence.blockedBy().isEmpty()
                && notPassed
                && !evidence.blockedBy().equals(requirement.id())) {
            outcome = new Outcome(
                    Status.SKIPPED,
                    "blocked by " + evidence.blockedBy() + ": " + evidence.blockReason()
                            + (outcome.reason().isEmpty()
                                    ? ""
                                    : "\n(what this scenario saw: " + outcome.reason() + ")"),
                    evidence.blockedBy());
        }
        RequirementResult result = new RequirementResult(
                requirement,
                outcome.status(),
                outcome.reason(),
                outcome.blockedBy(),
                event.getResult().getDuration(),
                evidence.calls(),
                evidence.notes());
        results.add(result);
        ConsoleSummary.progress(console, run, result);
    }

    private void runFinished(io.cucumber.messages.types.TestRunFinished finished) {
        try {
            List<RequirementResult> all = new ArrayList<>(results);
            if (runError != null) {
                all.add(harnessFailure(runError));
            } else if (finished.getException().isPresent()
                    || finished.getMessage().isPresent()) {
                all.add(harnessFailure(new IllegalStateException(finished.getException()
                        .map(e -> e.getMessage().orElse(e.getType()))
                        .or(finished::getMessage)
                        .orElse("the run failed"))));
            } else if (all.isEmpty()) {
                all.add(harnessFailure(new IllegalStateException("No requirement matched profile "
                        + run.options().profile().id()
                        + run.options().tags().map(t -> " and tags " + t).orElse("") + " for a "
                        + run.options().kind().tag() + " plugin: widen the selection.")));
            }
            boolean broken = all.stream()
                    .anyMatch(r ->
                            r.status() == Status.ERROR && r.requirement().id().startsWith("HARNESS"));
            List<RequirementResult> notRun = notRun(all, broken);
            all.addAll(notRun);
            // The cluster tier is a tier of its own: a certification that did not ask for it left nothing out.
            Set<String> leftOut = new HashSet<>();
            notRun.stream()
                    .filter(r -> !outsideTheClusterTier(r.requirement()))
                    .forEach(r -> leftOut.add(r.requirement().id()));
            Verdict verdict = Verdict.of(all, leftOut);
            RunResult result =
                    new RunResult(run.id(), run.startedAt(), Instant.now(), all, leftOut, verdict, bundle.dir());
            run.facts()
                    .compatibility(ArgoCompatibility.of(
                            run.options().kind().tag(),
                            verdict,
                            all,
                            run.facts().reliances()));
            RunEnvironment environment = new RunEnvironment(
                    SuiteVersion.commit(run.options().root()),
                    System.getProperty("java.vendor") + " " + Runtime.version(),
                    run.facts().docker(),
                    run.facts().inputSeed());
            String resultsJson = ResultsJson.render(run, result, environment);
            bundle.write("results.json", resultsJson);
            bundle.write(ResultsJson.SCHEMA_FILE, ResultsJson.schema());
            bundle.write(HtmlReport.FILE, HtmlReport.render(resultsJson, result));
            Badge badge = Badge.of(verdict, run.options().kind(), SuiteVersion.version());
            bundle.write(Badge.JSON_FILE, badge.json());
            bundle.write(Badge.SVG_FILE, badge.svg());
            // Source redaction masks the exact token; the auth checks also send its prefix and its reverse.
            new TokenMask(run.facts().secret()).applyToFiles(bundle.dir());
            List<Path> leaks =
                    SecretScan.filesContaining(bundle.dir(), run.facts().secret());
            if (!leaks.isEmpty()) {
                // Nothing that holds the token may stay on disk, published or not.
                for (Path leak : leaks) {
                    Files.deleteIfExists(leak);
                }
                throw new IllegalStateException("The run's token was found in " + leaks
                        + ": those files were deleted and the bundle" + " was not published.");
            }
            bundle.publishAsLatest();
            run.complete(result);
            ConsoleSummary.footer(console, run, result);
            boolean surefireSeesAFailure = all.stream()
                    .anyMatch(
                            r -> r.status() == Status.FAILED && r.requirement().level() == Level.MUST);
            if (run.ownsTheBuild()
                    && verdict.exitCode() != 0
                    && verdict != Verdict.INCOMPLETE
                    && !surefireSeesAFailure) {
                // Nothing failed outright (a blocked @must, a harness error): the build must still not pass.
                throw new VerdictFailure("The verdict is " + verdict.id() + ": " + VerdictFailure.why(all) + " See "
                        + bundle.dir().resolve(HtmlReport.FILE) + ".");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a bundle file that holds the token", e);
        } finally {
            run.close();
        }
    }

    /** Requirements of this kind the run did not run, reported as skipped with the reason. */
    private List<RequirementResult> notRun(List<RequirementResult> ran, boolean broken) {
        Set<String> ranIds = new HashSet<>();
        ran.forEach(r -> ranIds.add(r.requirement().id()));
        List<RequirementResult> skipped = new ArrayList<>();
        for (Requirement requirement :
                FeatureCatalogue.requirements(run.options().kind().tag())) {
            if (!ranIds.contains(requirement.id())) {
                String reason = broken
                        ? "not run: the suite could not run (see HARNESS-RUN-01)"
                        : requirement.area().equals(ProfileFilter.CLUSTER)
                                        && run.options().cluster().isEmpty()
                                ? NOT_SELECTED + ProfileFilter.NO_CLUSTER
                                : outsideTheClusterTier(requirement)
                                        ? NOT_SELECTED + ProfileFilter.NEEDS_K3S
                                        : NOT_SELECTED + "profile "
                                                + run.options().profile().id() + " runs "
                                                + run.options().profile().description()
                                                + run.options()
                                                        .tags()
                                                        .map(t -> ", tags " + t)
                                                        .orElse("");
                skipped.add(new RequirementResult(
                        requirement, Status.SKIPPED, reason, "", java.time.Duration.ZERO, List.of(), List.of()));
            }
        }
        return skipped;
    }

    /**
     * A cluster requirement the run's cluster tier does not check: any, when no tier was asked for; those that need a
     * kubelet, on the kube-apiserver tier. The tiers are tiers of their own, so a run leaves nothing out by them.
     */
    private boolean outsideTheClusterTier(Requirement requirement) {
        if (!requirement.area().equals(ProfileFilter.CLUSTER)) {
            return false;
        }
        String tier = run.options().cluster().orElse("");
        return tier.isEmpty()
                || (!tier.equals(dev.argoconformance.suite.config.RunOptions.CLUSTER_K3S)
                        && FeatureCatalogue.tagged(requirement.id(), ProfileFilter.K3S));
    }

    private RequirementResult harnessFailure(Throwable error) {
        Requirement harness = new Requirement(
                "HARNESS-RUN-01", Level.MUST, run.options().kind().tag(), "run", "The suite could run", "", "");
        return new RequirementResult(
                harness,
                Status.ERROR,
                String.valueOf(error.getMessage()),
                "",
                java.time.Duration.ZERO,
                List.of(),
                List.of());
    }

    /** A scenario's status and reason, as the certification reads Cucumber's result. */
    record Outcome(Status status, String reason, String blockedBy) {
        Outcome(Status status, String reason) {
            this(status, reason, "");
        }

        static Outcome of(Result result) {
            Throwable error = result.getError();
            String reason = error == null ? "" : String.valueOf(error.getMessage());
            return switch (result.getStatus()) {
                case PASSED -> new Outcome(Status.PASSED, "");
                case SKIPPED -> {
                    if (error instanceof ShouldViolation) {
                        yield new Outcome(Status.FAILED, reason);
                    }
                    if (error instanceof NotChecked notChecked) {
                        yield new Outcome(notChecked.status(), reason, notChecked.blockedBy());
                    }
                    yield new Outcome(Status.SKIPPED, reason.isEmpty() ? "skipped" : reason);
                }
                case FAILED ->
                    error instanceof AssertionError
                            ? new Outcome(Status.FAILED, reason)
                            : new Outcome(Status.ERROR, "the suite failed, not the plugin: " + error);
                default ->
                    new Outcome(
                            Status.ERROR,
                            "the scenario is " + result.getStatus().name().toLowerCase()
                                    + ": the suite's features and steps disagree");
            };
        }
    }
}
