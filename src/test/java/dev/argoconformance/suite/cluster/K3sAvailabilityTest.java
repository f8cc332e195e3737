package dev.argoconformance.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.certification.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The cluster tier's availability check against the real Docker engine of this machine (no API double: the check is
 * Docker's {@code inspectImageCmd} and a pull with a deadline). Where no registry is reachable and no k3s image was
 * loaded, which is how the suite is developed, the tier must say Disabled, in its one sentence, within seconds.
 */
class K3sAvailabilityTest {

    static final String SENTENCE = "Disabled: no k3s image (rancher/k3s:v1.31.4-k3s1) is present and none can be pulled here:"
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
        assertThatThrownBy(tier::cluster).isInstanceOf(NotChecked.class).hasMessage(SENTENCE);
        tier.close();

        assertThat(checks).as("one pull attempt per run, not per scenario").hasValue(1);
        assertThat(tier.toString()).contains("no k3s started");
    }
}
