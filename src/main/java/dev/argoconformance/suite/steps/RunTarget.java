package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.target.PluginTarget;
import dev.argoconformance.suite.target.RunningContainer;
import dev.argoconformance.suite.target.Startup;
import dev.argoconformance.suite.target.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The plugin under test, started once per run and stopped when the run closes. A harness problem
 * (no Docker, no image) is remembered and rethrown, so the run fails fast and says it once.
 */
final class RunTarget implements AutoCloseable {

    private final Startup startup;
    private final Optional<PluginManifest> manifest;
    private final HarnessException harnessFailure;
    private volatile String checking = "the start";
    private volatile String stoppedDuring;
    private volatile String stopReason;

    private RunTarget(Startup startup, Optional<PluginManifest> manifest, HarnessException harnessFailure) {
        this.startup = startup;
        this.manifest = manifest;
        this.harnessFailure = harnessFailure;
    }

    static RunTarget of(CertificationRun run) {
        RunTarget target = run.getOrCompute(RunTarget.class, () -> start(run));
        if (target.harnessFailure != null) {
            throw target.harnessFailure;
        }
        return target;
    }

    private static RunTarget start(CertificationRun run) {
        try {
            Optional<PluginManifest> manifest = Targets.manifest(run.options());
            Startup startup = Targets.start(run.options(), manifest);
            startup.target().ifPresent(t -> {
                run.facts().target(t.describe(), t.container().map(c -> c.imageDigest()).orElse(""));
                run.facts().secret(t.token());
                t.coldStart().ifPresent(run.facts()::coldStart);
                t.container().ifPresent(c -> run.facts().docker(c.engineVersion()));
            });
            Targets.manifestPath(run.options()).ifPresent(path -> run.facts().manifestHash(sha256(path)));
            return new RunTarget(startup, manifest, null);
        } catch (HarnessException e) {
            return new RunTarget(null, Optional.empty(), e);
        }
    }

    Startup startup() {
        return startup;
    }

    /**
     * Called as each scenario begins. A container that has stopped since the last scenario (a crash,
     * an OOM kill) blocks every later scenario that needs the plugin, blamed on the requirement that
     * was being checked when it stopped. Static checks (of plugin.yaml) go on regardless.
     */
    void nowChecking(String requirement, boolean needsNoPlugin) {
        if (stoppedDuring == null && startup != null) {
            startup.target().flatMap(PluginTarget::container).map(RunningContainer::inspect).filter(f -> !f.running())
                    .ifPresent(facts -> {
                        stoppedDuring = checking;
                        stopReason = "the plugin's container stopped" + (facts.oomKilled() ? ", killed for memory (OOMKilled)," : "")
                                + " with exit code " + facts.exitCode() + " while " + checking + " was checked";
                    });
        }
        checking = requirement;
        if (stoppedDuring != null && !needsNoPlugin) {
            throw NotChecked.blocked(stoppedDuring, stopReason);
        }
    }

    /** The running plugin; a scenario that needs one is blocked when the plugin did not start. */
    PluginTarget require() {
        return startup.target().orElseThrow(() -> NotChecked.blocked("EXEC-RUN-01",
                "the plugin did not start: " + ((Startup.Failed) startup).reason()));
    }

    /** The plugin.yaml of the run, whether or not the plugin started. */
    Optional<PluginManifest> manifest() {
        return manifest;
    }

    @Override
    public void close() {
        if (startup != null) {
            startup.target().ifPresent(PluginTarget::close);
        }
    }

    private static String sha256(Path file) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
