package dev.argoconformance.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import dev.argoconformance.suite.plugin.Orphans;
import dev.argoconformance.suite.plugin.PluginContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The pod sandbox image the cluster tier gives k3s, built by the project's own script from Debian's static catatonit
 * and run in the real Docker engine the way containerd runs a sandbox: as the pod's user, with no network, for as long
 * as the pod lives, and gone at once on SIGTERM.
 */
@Tag("docker")
class PauseImageTest {

    static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();

    /** Builds the pause image with {@link K3sImage#PAUSE_SCRIPT} (kept when it exists) and returns its name. */
    static DockerImageName built() {
        try {
            Process build = new ProcessBuilder(
                            "bash", ROOT.resolve(K3sImage.PAUSE_SCRIPT).toString())
                    .redirectErrorStream(true)
                    .start();
            boolean done = build.waitFor(5, TimeUnit.MINUTES);
            String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                build.destroyForcibly();
            }
            assertThat(done && build.exitValue() == 0)
                    .as("%s finished within 5 min and succeeded:\n%s", K3sImage.PAUSE_SCRIPT, output)
                    .isTrue();
            assertThat(K3sImage.isPresent(DockerClientFactory.instance().client(), K3sImage.PAUSE))
                    .as("built " + K3sImage.PAUSE)
                    .isTrue();
            return K3sImage.PAUSE;
        } catch (IOException e) {
            throw new AssertionError("could not run " + K3sImage.PAUSE_SCRIPT + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building the pause image", e);
        }
    }

    @Test
    void thePauseImageRunsCatatonitAsPidOneUntilSigterm() throws Exception {
        DockerImageName pause = built();
        DockerClient docker = DockerClientFactory.instance().client();
        Map<String, String> labels = new HashMap<>(Orphans.labels());
        labels.put(PluginContainer.LABEL, "pause-test");
        String id = docker.createContainerCmd(pause.asCanonicalNameString())
                .withUser(String.valueOf(AgentPod.AGENT_USER)) // the agent pod's user, as containerd runs its sandbox
                .withNetworkDisabled(true)
                .withLabels(labels)
                .exec()
                .getId();
        try {
            docker.startContainerCmd(id).exec();
            Thread.sleep(2000);

            InspectContainerResponse running = docker.inspectContainerCmd(id).exec();
            assertThat(running.getState().getRunning())
                    .as("still up after 2 s: a sandbox lives as long as its pod")
                    .isTrue();
            TopContainerResponse top = docker.topContainerCmd(id).exec();
            List<String> titles = Arrays.asList(top.getTitles());
            List<List<String>> processes =
                    Arrays.stream(top.getProcesses()).map(Arrays::asList).toList();
            assertThat(processes)
                    .as("one process, catatonit in pause mode, as the pod's user")
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.get(titles.indexOf("PID")))
                                .as("the container's PID 1")
                                .isEqualTo(String.valueOf(running.getState().getPidLong()));
                        assertThat(p.get(titles.indexOf("CMD"))).isEqualTo("/catatonit -P");
                        assertThat(p.get(titles.indexOf("UID"))).isEqualTo(String.valueOf(AgentPod.AGENT_USER));
                    });

            long start = System.nanoTime();
            docker.stopContainerCmd(id).withTimeout(10).exec(); // SIGTERM, then SIGKILL after 10 s
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            InspectContainerResponse stopped = docker.inspectContainerCmd(id).exec();
            assertThat(stopped.getState().getRunning()).isFalse();
            assertThat(stopped.getState().getExitCodeLong())
                    .as("exited on SIGTERM itself, not killed (137)")
                    .isZero();
            assertThat(took)
                    .as("stopped on SIGTERM, long before the 10 s SIGKILL")
                    .isLessThan(Duration.ofSeconds(5));
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
