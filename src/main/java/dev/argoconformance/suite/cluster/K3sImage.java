package dev.argoconformance.suite.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Whether this machine can run the cluster tier: the pinned k3s image is present in Docker, or can be pulled within a
 * short deadline; the pause image the suite builds is present; and Testcontainers' tiny image, which it starts before
 * k3s to check file mounting, is there too. Found out in seconds: an engine that cannot reach a registry must not cost
 * the run minutes of pull retries, and a missing image makes the tier's scenarios Disabled, not failed (the plugin is
 * not at fault).
 */
public final class K3sImage {

    /**
     * The one k3s (Kubernetes 1.36) the cluster tier runs: pinned here and nowhere else. v1.36.3+k3s1 is k3s's stable
     * channel since k3s-io/k3s#14492 (2026-08); 1.36 is supported upstream until mid-2027.
     */
    public static final DockerImageName PINNED = DockerImageName.parse("rancher/k3s:v1.36.3-k3s1");

    /**
     * The sandbox ("pause") image every pod of this k3s runs, given to it with {@code --pause-image}: built from
     * Debian's static catatonit by {@value #PAUSE_SCRIPT}, because no registry-free copy of k3s's default exists.
     */
    public static final DockerImageName PAUSE = DockerImageName.parse("argo-conformance/pause:catatonit");

    /** What builds {@link #PAUSE}, relative to the project's root. */
    public static final String PAUSE_SCRIPT = "sample-plugins/base-images/build-pause.sh";

    /** Long enough for a reachable registry to start answering, short enough that an air-gapped run does not wait. */
    public static final Duration PULL_DEADLINE = Duration.ofSeconds(20);

    /** Whether the tier can run, and when it cannot, the sentence the Disabled scenarios carry. */
    public sealed interface Availability {
        /** The image is in Docker's store; K3sCluster can start it. */
        record Present(DockerImageName image) implements Availability {}

        /** The tier cannot run here: {@code reason} is the scenarios' sentence, {@code detail} what Docker said. */
        record Absent(String reason, String detail) implements Availability {}
    }

    private K3sImage() {}

    /** The sentence every {@code @cluster} scenario carries when the image is missing. */
    public static String missingSentence(DockerImageName image) {
        return "Disabled: no k3s image (" + shortName(image) + ") is present"
                + " and none can be pulled here: load one with `docker load -i k3s.tar` (or use a Docker that can pull)"
                + " to run the cluster tier.";
    }

    /** The sentence when the pause image was not built. */
    public static String missingPauseSentence(DockerImageName pause) {
        return "Disabled: the pod sandbox image " + shortName(pause) + " is not in Docker: build it with "
                + PAUSE_SCRIPT + " (or `docker load` it) to run the cluster tier.";
    }

    /** The pinned images, through Testcontainers' Docker client; no engine at all is also "cannot run here". */
    public static Availability check() {
        DockerClient docker;
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return noEngine();
            }
            docker = DockerClientFactory.instance().client();
        } catch (RuntimeException | LinkageError e) {
            return noEngine();
        }
        Availability k3s = check(docker, PINNED, PULL_DEADLINE);
        if (k3s instanceof Availability.Absent) {
            return k3s;
        }
        if (!isPresent(docker, PAUSE)) {
            return new Availability.Absent(missingPauseSentence(PAUSE), shortName(PAUSE) + " is not in Docker");
        }
        TestcontainersConfiguration testcontainers = TestcontainersConfiguration.getInstance();
        if (!testcontainers.isDisableChecks()) {
            Availability.Absent tiny =
                    tinyImage(docker, DockerImageName.parse(testcontainers.getTinyImage()), PULL_DEADLINE);
            if (tiny != null) {
                return tiny;
            }
        }
        return k3s;
    }

    /**
     * Testcontainers runs its tiny image before it starts a container with a bind mount (k3s binds the host's
     * cgroups), to check that file mounting works, and it pulls that image with retries for minutes when it is
     * missing. Null when the tiny image is here or arrives within {@code deadline}; else the tier's sentence.
     */
    public static Availability.Absent tinyImage(DockerClient docker, DockerImageName tiny, Duration deadline) {
        if (isPresent(docker, tiny)) {
            return null;
        }
        String detail = pull(docker, tiny, deadline);
        if (detail == null && isPresent(docker, tiny)) {
            return null;
        }
        return new Availability.Absent(
                "Disabled: Testcontainers starts its tiny image " + shortName(tiny) + " before k3s"
                        + " (to check file mounting) and Docker neither has it nor can pull it: set TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE"
                        + " to an image Docker has (such as argo-conformance/python3:bookworm) to run the cluster tier.",
                "tiny image " + shortName(tiny) + ": "
                        + (detail == null ? "the pull finished but left no image" : detail));
    }

    /** Inspects, else pulls with {@code deadline}; never waits longer than that. */
    public static Availability check(DockerClient docker, DockerImageName image, Duration deadline) {
        if (isPresent(docker, image)) {
            return new Availability.Present(image);
        }
        String detail = pull(docker, image, deadline);
        if (detail == null && isPresent(docker, image)) {
            return new Availability.Present(image);
        }
        return new Availability.Absent(
                missingSentence(image), detail == null ? "the pull finished but left no image" : detail);
    }

    /** Whether Docker holds the image now; no pull. */
    static boolean isPresent(DockerClient docker, DockerImageName image) {
        try {
            docker.inspectImageCmd(image.asCanonicalNameString()).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    /** Pulls within the deadline: null when the pull finished, else what went wrong in one line. */
    static String pull(DockerClient docker, DockerImageName image, Duration deadline) {
        ResultCallback.Adapter<PullResponseItem> callback = null;
        try {
            callback = docker.pullImageCmd(image.getUnversionedPart())
                    .withTag(image.getVersionPart())
                    .start();
            boolean done = callback.awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return done ? null : "no answer from the registry within " + deadline.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return firstLine(e.getMessage());
        } finally {
            // Closing the stream makes the engine drop a pull nobody waits for any more.
            if (callback != null) {
                try {
                    callback.close();
                } catch (IOException ignored) {
                    // the stream is gone either way
                }
            }
        }
    }

    private static Availability noEngine() {
        return new Availability.Absent(
                "Disabled: the cluster tier starts k3s in Docker and no Docker engine answers here:"
                        + " start one (or set DOCKER_HOST) to run the cluster tier.",
                "no Docker engine");
    }

    private static String shortName(DockerImageName image) {
        return image.asCanonicalNameString().replaceFirst("^docker\\.io/", "");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
