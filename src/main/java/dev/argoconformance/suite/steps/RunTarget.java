package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.target.PluginTarget;
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
    private final HarnessException harnessFailure;

    private RunTarget(Startup startup, HarnessException harnessFailure) {
        this.startup = startup;
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
            Startup startup = Targets.start(run.options());
            startup.target().ifPresent(t -> {
                run.facts().target(t.describe(), t.container().map(c -> c.imageDigest()).orElse(""));
                run.facts().secret(t.token());
                t.coldStart().ifPresent(run.facts()::coldStart);
                t.container().ifPresent(c -> run.facts().docker(c.engineVersion()));
            });
            Targets.manifestPath(run.options()).ifPresent(path -> run.facts().manifestHash(sha256(path)));
            return new RunTarget(startup, null);
        } catch (HarnessException e) {
            return new RunTarget(null, e);
        }
    }

    Startup startup() {
        return startup;
    }

    /** The running plugin; a scenario that needs one is blocked when the plugin did not start. */
    PluginTarget require() {
        return startup.target().orElseThrow(() -> NotChecked.blocked(
                "Not checked: the plugin did not start (see EXEC-RUN-01): " + ((Startup.Failed) startup).reason()));
    }

    Optional<PluginManifest> manifest() {
        return startup.target().flatMap(PluginTarget::manifest);
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
