package dev.argoconformance.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.certification.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The cluster tier's availability check against the real Docker engine of this machine (no API double: the check is
 * Docker's {@code inspectImageCmd} and a pull with a deadline). Where no registry is reachable and no k3s image was
 * loaded, which is how the suite is developed, the tier must say Disabled, in its one sentence, within seconds.
 */
@Tag("docker")
class K3sAvailabilityTest {

    static final String SENTENCE =
            "Disabled: no k3s image (rancher/k3s:v1.36.3-k3s1) is present and none can be pulled here:"
                    + " load one with `docker load -i k3s.tar` (or use a Docker that can pull) to run the cluster tier.";

    @Test
    void theDisabledSentenceNamesThePinnedImageAndHowToLoadIt() {
        assertThat(K3sImage.missingSentence(K3sImage.PINNED)).isEqualTo(SENTENCE);
    }

    @Test
    void aMissingK3sImageIsDisabledWithTheSentenceWithinSeconds() {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "needs a Docker engine");
        var docker = DockerClientFactory.instance().client();
        assumeFalse(K3sImage.isPresent(docker, K3sImage.PINNED), "a k3s image is loaded here; the tier can run");
        long start = System.nanoTime();

        K3sImage.Availability availability = K3sImage.check(docker, K3sImage.PINNED, Duration.ofSeconds(5));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(availability).isInstanceOfSatisfying(K3sImage.Availability.Absent.class, absent -> {
            assertThat(absent.reason()).isEqualTo(SENTENCE);
            assertThat(absent.detail()).as("what Docker said, for the evidence").isNotBlank();
        });
        assertThat(took).as("found out in seconds, never a hang").isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aMissingTinyImageIsDisabledWithOneSentenceWithinSecondsInsteadOfTestcontainersPullingItForMinutes() {
        // Without TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE, Testcontainers pulls alpine:3.17 before k3s starts (its
        // file-mounting check) and an air-gapped run waited 205 s for that pull; the tier asks first, with its
        // deadline.
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "needs a Docker engine");
        var docker = DockerClientFactory.instance().client();
        DockerImageName tiny = DockerImageName.parse("argo-conformance/no-such-tiny-image:0");
        long start = System.nanoTime();

        K3sImage.Availability.Absent absent = K3sImage.tinyImage(docker, tiny, Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("found out in seconds")
                .isLessThan(Duration.ofSeconds(8));
        assertThat(absent).as("the tiny image is not here and cannot be pulled").isNotNull();
        assertThat(absent.reason())
                .isEqualTo("Disabled: Testcontainers starts its tiny image argo-conformance/no-such-tiny-image:0"
                        + " before k3s (to check file mounting) and Docker neither has it nor can pull it:"
                        + " set TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE to an image Docker has (such as argo-conformance/python3:bookworm)"
                        + " to run the cluster tier.");
        assertThat(absent.detail()).startsWith("tiny image argo-conformance/no-such-tiny-image:0: ");
        assertThat(K3sImage.tinyImage(docker, PauseImageTest.built(), Duration.ofSeconds(5)))
                .as("an image Docker has is fine as the tiny image")
                .isNull();
    }

    @Test
    void anAbsentTierDisablesEveryScenarioWithoutStartingK3sAndAsksDockerOnce() {
        AtomicInteger checks = new AtomicInteger();
        ClusterTier tier = new ClusterTier(() -> {
            checks.incrementAndGet();
            return new K3sImage.Availability.Absent(SENTENCE, "lookup registry-1.docker.io: no such host");
        });

        assertThatThrownBy(tier::requireAvailable).isInstanceOfSatisfying(NotChecked.class, notChecked -> {
            assertThat(notChecked.status()).isEqualTo(Status.DISABLED);
            assertThat(notChecked.getMessage()).isEqualTo(SENTENCE);
        });
        assertThatThrownBy(() -> tier.cluster("argo-conformance/hello-executor:latest"))
                .isInstanceOf(NotChecked.class)
                .hasMessage(SENTENCE);
        tier.close();

        assertThat(checks).as("one pull attempt per run, not per scenario").hasValue(1);
        assertThat(tier.toString()).contains("no k3s started");
    }
}
