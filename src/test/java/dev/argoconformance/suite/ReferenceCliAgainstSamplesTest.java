package dev.argoconformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.cli.ReferenceController;
import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.suite.plugin.PluginContainer;
import dev.argoconformance.suite.plugin.SampleImages;
import dev.argoconformance.suite.plugin.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code argo-reference run} end to end: seed 001's hello workflow against the bundled hello-executor sample, built
 * into its image and started the way Argo starts a sidecar (plugin.yaml's command with server.py as its argument, the
 * token at /var/run/argo/token), then against no plugin at all.
 */
@Tag("docker")
class ReferenceCliAgainstSamplesTest {

    private record Outcome(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Path samplesRoot() {
        String root = Objects.requireNonNull(
                System.getProperty("conformance.root"),
                "the system property conformance.root (the repository root) is not set; run through Maven");
        return Path.of(root).resolve("sample-plugins");
    }

    /** Runs {@code ReferenceController.run(args)}, which writes to the process's standard streams, and captures them. */
    private static synchronized Outcome cli(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = ReferenceController.run(args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void runsTheSeedHelloWorkflowAgainstTheHelloExecutorSample() throws Exception {
        Path samples = samplesRoot();
        Path sample = samples.resolve("hello-executor");
        String image = SampleImages.build(samples, sample);
        String token = Tokens.fresh();
        String serverPy = Files.readString(sample.resolve("server.py"), StandardCharsets.UTF_8);
        PluginManifest manifest =
                PluginManifest.parse(sample.resolve("plugin.yaml")).withArgs(List.of(serverPy));
        Path workflow = sample.resolve("workflow.yaml"); // seed 001's, shipped with the sample

        try (PluginContainer container = new PluginContainer(DockerImageName.parse(image))
                .withToken(token)
                .withManifest(manifest)) {
            container.start();

            Outcome run = cli(
                    "run",
                    workflow.toString(),
                    "--plugins",
                    sample.toString(),
                    "--address",
                    "hello=" + container.getBaseUrl(),
                    "--token",
                    "hello=" + token);

            assertThat(run.exit())
                    .as("exit code; output:%n%s%s", run.out(), run.err())
                    .isZero();
            assertThat(run.lines())
                    .anySatisfy(
                            line -> assertThat(line)
                                    .matches(
                                            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  hello-[a-z0-9]{5}  Succeeded  Hello template!  outputs: foo=bar"));
            assertThat(run.lines().getLast()).matches("Workflow hello-[a-z0-9]{5} Succeeded");
            assertThat(run.out() + run.err())
                    .as("the token never reaches the output")
                    .doesNotContain(token);
        }
    }

    @Test
    void failsTheSameWorkflowWithoutPluginsAsArgoDoes() throws Exception {
        Outcome run =
                cli("run", samplesRoot().resolve("hello-executor/workflow.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines())
                .anySatisfy(line -> assertThat(line).endsWith("  Failed  no plugin executed the template"));
        assertThat(run.lines().getLast()).matches("Workflow hello-[a-z0-9]{5} Failed: no plugin executed the template");
    }
}
