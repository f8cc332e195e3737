package dev.argoconformance.suite.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.Redaction;
import dev.argoconformance.suite.config.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a plugin that fails: the evidence it leaves is its reason and last log lines, never its token. */
@Tag("docker")
class TargetsTest {

    @TempDir
    Path tmp;

    @Test
    void aPluginThatPrintsItsTokenAndDiesLeavesItsLastLogLinesWithTheTokenMasked() throws Exception {
        // A real container from the air-gapped base image: it prints 40 lines, then its token, then exits.
        Path manifest = Files.writeString(tmp.resolve("plugin.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: ExecutorPlugin
                metadata:
                  name: dies
                spec:
                  sidecar:
                    container:
                      command: [python3, -c, "[print('line', i) for i in range(40)]; print('token is', open('/var/run/argo/token').read()); raise SystemExit(3)"]
                      image: %s
                      name: dies-executor-plugin
                      ports:
                        - containerPort: 4355
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 65534
                      resources:
                        requests: {memory: 32Mi, cpu: 100m}
                        limits: {memory: 64Mi, cpu: 200m}
                """.formatted(SampleImages.AIR_GAPPED_BASE));
        Map<String, String> props = Map.of(
                RunOptions.IMAGE,
                SampleImages.AIR_GAPPED_BASE,
                RunOptions.MANIFEST,
                manifest.toString(),
                RunOptions.ROOT,
                tmp.toString());
        RunOptions options = RunOptions.from(props::get, props.keySet());

        long start = System.nanoTime();
        Startup startup = Targets.start(options, Targets.manifest(options));

        assertThat(startup).isInstanceOf(Startup.Failed.class);
        Startup.Failed failed = (Startup.Failed) startup;
        assertThat(failed.reason())
                .startsWith(
                        "The plugin image " + SampleImages.AIR_GAPPED_BASE
                                + " stopped as it started: the container exited with code 3 before it answered HTTP on port 4355");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .as("told as soon as it exits, not after the startup bound")
                .isLessThan(java.time.Duration.ofSeconds(30));
        assertThat(failed.logs().lines().toList())
                .as("the last %d lines; the reason: %s", Startup.Failed.LOG_LINES, failed.reason())
                .hasSize(Startup.Failed.LOG_LINES)
                .endsWith("token is " + Redaction.MASK)
                .doesNotContain("line 10");
    }
}
