package dev.argoconformance.suite.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.manifest.PluginManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/**
 * The container runs under the manifest as Argo's agent pod would run the sidecar: its limits, its
 * user, its read-only root, its token volume. Checked with docker inspect on a real sample.
 */
@Tag("docker")
class PluginContainerTest {

    static final Path SAMPLES = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("sample-plugins");

    @Test
    void runsUnderTheManifestsLimitsUserAndSecurityContext() throws Exception {
        Path sample = SAMPLES.resolve("countdown-executor");
        String image = SampleImages.build(SAMPLES, sample);
        PluginManifest manifest = PluginManifest.parse(sample.resolve("plugin.yaml"))
                .withArgs(List.of(Files.readString(sample.resolve("server.py"))));
        try (PluginContainer container = new PluginContainer(DockerImageName.parse(image))
                .withToken("bcdfghjklmnpqrstvwxz2456789bcdfg")
                .withManifest(manifest)) {
            container.start();
            ContainerTarget target = new ContainerTarget(container, "token", manifest, image, java.time.Duration.ZERO);
            ContainerFacts facts = target.inspect();

            assertThat(facts.memoryLimitBytes()).as("limits.memory 64Mi").isEqualTo(64L * 1024 * 1024);
            assertThat(facts.nanoCpus()).as("limits.cpu 200m").isEqualTo(200_000_000L);
            assertThat(facts.cpuShares())
                    .as("requests.cpu 100m, in shares of 1024")
                    .isEqualTo(102);
            assertThat(facts.user()).as("securityContext.runAsUser").isEqualTo("1000");
            assertThat(facts.readOnlyRootFilesystem())
                    .as("securityContext.readOnlyRootFilesystem")
                    .isTrue();
            assertThat(target.processUsers())
                    .as("every process runs as the manifest's user")
                    .isNotEmpty()
                    .allMatch("1000"::equals);
            assertThat(container
                            .execInContainer(
                                    "python3", "-c", "import sys; sys.stdout.write(open('/var/run/argo/token').read())")
                            .getStdout())
                    .as("the token, with no trailing newline")
                    .isEqualTo("bcdfghjklmnpqrstvwxz2456789bcdfg");
            assertThat(container.getBaseUrl().getPort())
                    .as("the manifest's first port, mapped")
                    .isEqualTo(container.getMappedPort(7391));
        }
    }

    @Test
    void runsAsTheAgentPodsUserWhenTheManifestNamesNone() throws Exception {
        Path sample = SAMPLES.resolve("hello-executor");
        String image = SampleImages.build(SAMPLES, sample);
        try (PluginContainer container = new PluginContainer(DockerImageName.parse(image))
                .withToken("bcdfghjklmnpqrstvwxz2456789bcdfg")
                .withPort(4355)
                .withAgentPodUser()) {
            container.start();
            ContainerTarget target = new ContainerTarget(container, "token", null, image, java.time.Duration.ZERO);
            assertThat(target.inspect().user())
                    .as("the agent pod's runAsUser applies to sidecars without their own")
                    .isEqualTo("8737");
        }
    }
}
