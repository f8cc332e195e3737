package dev.argoconformance.suite.plugin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.argoconformance.suite.config.HarnessException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * The checks that turn Docker trouble into one sentence before anything starts: no engine, an image
 * that is neither present nor pullable (found out within seconds, not minutes of pull retries).
 */
final class DockerPreflight {

    static final Duration PULL_TIMEOUT = Duration.ofSeconds(20);

    private DockerPreflight() {}

    static DockerClient requireDocker() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            available = false;
        }
        if (!available) {
            String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
            throw new HarnessException(
                    "No Docker engine answers at " + host + ": start one (sudo systemctl start docker,"
                            + " or dockerd & as root), or certify a plugin you started yourself with"
                            + " -Dplugin.url=http://host:port -Dplugin.token=TOKEN.");
        }
        DockerClient docker = DockerClientFactory.instance().client();
        Orphans.sweep(docker);
        return docker;
    }

    /** Makes sure the image is local: inspects, else pulls with a short deadline. */
    static void requireImage(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return;
        } catch (NotFoundException absent) {
            // not local; try to pull it below
        }
        String reason;
        try {
            boolean done =
                    docker.pullImageCmd(image).start().awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            reason = done ? null : "no answer from the registry within " + PULL_TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        } catch (RuntimeException e) {
            reason = firstLine(e.getMessage());
        }
        if (reason == null) {
            try {
                docker.inspectImageCmd(image).exec();
                return;
            } catch (NotFoundException stillAbsent) {
                reason = "the pull finished but left no image";
            }
        }
        throw new HarnessException("Image " + image + " is not present locally and could not be pulled (" + reason
                + "): build or load it first (docker build -t " + image
                + " .), or check its name and your registry login.");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        // docker-java wraps the engine's answer as `Status 500: {"message":"…"}`; the message is the news.
        java.util.regex.Matcher engine =
                java.util.regex.Pattern.compile("\\{\"message\":\"(.*)\"}").matcher(message);
        if (engine.find()) {
            message = engine.group(1).replace("\\\"", "\"");
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
