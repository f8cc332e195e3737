package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.plugin.ContainerFacts;
import dev.argoconformance.suite.plugin.PluginTarget;
import dev.argoconformance.suite.plugin.Startup;
import dev.argoconformance.suite.plugin.Targets;
import dev.argoconformance.suite.probe.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The plugin under test, started once per run and stopped when the run closes. A harness problem
 * (no Docker, no image) is remembered and rethrown, so the run fails fast and says it once.
 */
final class RunTarget implements AutoCloseable {

    private final Startup startup;
    private final Optional<PluginManifest> manifest;
    private final HarnessException harnessFailure;
    private final PluginKind kind;
    private volatile String checking = "the start";
    private Stop stop;

    private RunTarget(
            Startup startup, Optional<PluginManifest> manifest, HarnessException harnessFailure, PluginKind kind) {
        this.startup = startup;
        this.manifest = manifest;
        this.harnessFailure = harnessFailure;
        this.kind = kind;
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
                run.facts()
                        .target(
                                t.describe(),
                                t.container().map(c -> c.imageDigest()).orElse(""));
                run.facts().secret(t.token());
                t.coldStart().ifPresent(run.facts()::coldStart);
                t.container().ifPresent(c -> run.facts().docker(c.engineVersion()));
                waitPastWarmUp(t, run);
            });
            Targets.manifestPath(run.options()).ifPresent(path -> run.facts().manifestHash(sha256(path)));
            manifest.ifPresent(m -> unsetEnv(m, run));
            return new RunTarget(startup, manifest, null, run.options().kind());
        } catch (HarnessException e) {
            return new RunTarget(null, Optional.empty(), e, run.options().kind());
        }
    }

    Startup startup() {
        return startup;
    }

    /**
     * Called as each scenario begins. A container that has stopped (a crash, an OOM kill) blocks every
     * later scenario that needs the plugin, on the requirement that the plugin keeps running (or on
     * the load requirement, when the load killed it). Static checks (of plugin.yaml) go on regardless.
     */
    void nowChecking(String requirement, boolean needsNoPlugin) {
        Optional<Stop> stop = stop();
        checking = requirement;
        if (stop.isPresent() && !needsNoPlugin && !JUDGES_ITS_OWN_STOP.contains(requirement)) {
            throw NotChecked.blocked(stop.get().owner(), stop.get().description());
        }
    }

    /**
     * The stop that a failure of the scenario now ending belongs to, when the container stopped during
     * it: a call to a dead plugin fails for that reason, not for the clause that made the call.
     */
    Optional<Stop> stoppedWhileChecking(String requirement) {
        return stop().filter(s -> !JUDGES_ITS_OWN_STOP.contains(requirement));
    }

    /** The container's stop: the requirement that owns it, and what docker inspect said. */
    record Stop(String owner, String description) {}

    /** Requirements whose own clause is about the container stopping: judged, never blocked by it. */
    private static final Set<String> JUDGES_ITS_OWN_STOP =
            Set.of("EXEC-RUN-01", "EXEC-RUN-04", "EXEC-LOAD-01", "GEN-RUN-01", "GEN-RUN-03", "CTRL-RUN-01");

    private synchronized Optional<Stop> stop() {
        if (stop == null && startup != null) {
            startup.target().flatMap(PluginTarget::container).ifPresent(container -> {
                ContainerFacts facts = container.inspect();
                if (!facts.running()) {
                    String owner = checking.equals("EXEC-LOAD-01")
                            ? checking
                            : switch (kind) {
                                case GENERATOR -> "GEN-RUN-03";
                                case CONTROLLER -> "CTRL-RUN-01";
                                case EXECUTOR -> "EXEC-RUN-04";
                            };
                    stop = new Stop(owner, describe(facts) + " while " + checking + " was checked");
                }
            });
        }
        return Optional.ofNullable(stop);
    }

    /** Exit code and OOM kill, as a reviewer needs them. */
    static String describe(ContainerFacts facts) {
        return "the plugin's container " + (facts.running() ? "is running" : "stopped")
                + (facts.oomKilled() ? ", killed for memory (OOMKilled)," : "")
                + (facts.running() ? "" : " with exit code " + facts.exitCode())
                + (facts.restartCount() > 0 ? " after " + facts.restartCount() + " restart(s)" : "");
    }

    /** The running plugin; a scenario that needs one is blocked when the plugin did not start. */
    PluginTarget require() {
        return startup.target()
                .orElseThrow(() -> NotChecked.blocked(
                        switch (kind) {
                            case GENERATOR -> "GEN-RUN-01";
                            case CONTROLLER -> "CTRL-RUN-01";
                            case EXECUTOR -> "EXEC-RUN-01";
                        },
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

    /** Argo's five attempts wait 1 + 2 + 4 + 8 s between them: a plugin still warming up after that fails Argo's calls too. */
    static final Duration WARM_UP_BOUND = Duration.ofSeconds(15);

    /**
     * A plugin that answers 503 while it warms up is served by Argo, which retries 503 with its
     * backoff; so the run begins once the plugin stops answering 503 (within Argo's backoff), and the
     * same plugin gets the same verdict however long its warm-up took this time.
     */
    private static void waitPastWarmUp(PluginTarget target, CertificationRun run) {
        // Argo's own kind of call, with the token (a plugin may refuse strangers while it warms up), that
        // changes nothing: a template of no plugin, or a generator input of nothing.
        boolean generator = run.options().kind() == PluginKind.GENERATOR;
        String path = generator ? GeneratorSteps.PATH : Requests.EXECUTE_PATH;
        byte[] body = generator
                ? GeneratorSteps.body(dev.argoconformance.reference.protocol.Json.object())
                : Requests.executeBody(Requests.foreignTemplate());
        RawHttp http = new RawHttp(target.baseUrl(), target.token(), Duration.ofSeconds(5));
        List<RecordedCall.Header> headers = List.of(
                new RecordedCall.Header("Content-Type", "application/json"),
                new RecordedCall.Header("Authorization", "Bearer " + target.token()));
        long start = System.nanoTime();
        long deadline = start + WARM_UP_BOUND.toNanos();
        int refusals = 0;
        while (http.send("POST", path, headers, body, false).call().status() == 503 && System.nanoTime() < deadline) {
            refusals++;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (refusals > 0) {
            run.facts()
                    .reliedOn(
                            dev.argoconformance.suite.certification.Reliance.RETRIED_503,
                            String.format(
                                    "the plugin answered 503 while it warmed up (%d calls), which Argo retries",
                                    refusals));
            run.facts()
                    .warn(String.format(
                            "the plugin answered 503 (warming up) for %.1f s after it first answered HTTP; the run began when it stopped, as Argo's"
                                    + " retries of 503 would wait (up to %d s)",
                            (System.nanoTime() - start) / 1e9, WARM_UP_BOUND.toSeconds()));
        }
    }

    /**
     * Environment variables plugin.yaml takes from a Secret or ConfigMap (valueFrom): outside a
     * cluster they have no value, so the run says which ones the plugin started without and how to
     * give them, instead of letting a plugin run silently unconfigured.
     */
    private static void unsetEnv(PluginManifest manifest, CertificationRun run) {
        var env = manifest.container().getEnv();
        if (env == null) {
            return;
        }
        for (var e : env) {
            if (e.getValue() == null
                    && e.getValueFrom() != null
                    && !run.options().env().containsKey(e.getName())) {
                run.facts()
                        .warn("plugin.yaml takes env " + e.getName() + " from a "
                                + (e.getValueFrom().getSecretKeyRef() != null
                                        ? "Secret"
                                        : e.getValueFrom().getConfigMapKeyRef() != null
                                                ? "ConfigMap"
                                                : "field or resource")
                                + " (valueFrom), which has no"
                                + " value outside a cluster: the plugin ran without it. Give it with -D"
                                + RunOptions.ENV_PREFIX + e.getName() + "=VALUE.");
            }
        }
    }

    private static String sha256(Path file) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
