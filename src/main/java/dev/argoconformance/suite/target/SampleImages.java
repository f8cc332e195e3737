package dev.argoconformance.suite.target;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.argoconformance.suite.config.HarnessException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the bundled sample plugins into images. Every sample's Dockerfile takes
 * {@code ARG BASE_IMAGE}; when the air-gapped base (built from Debian packages by
 * sample-plugins/base-images/build-air-gapped.sh) is present it is used, so no registry is needed.
 */
public final class SampleImages {

    /** The one base image the air-gapped path builds; pinned here and in the build script. */
    public static final String AIR_GAPPED_BASE = "argo-conformance/python3:bookworm";

    private SampleImages() {}

    /**
     * The image name a sample folder builds to, its path made a name: argo-conformance/hello-executor,
     * argo-conformance/broken-generator-logs-token (executor and generator samples share folder names).
     */
    public static String imageName(Path samplesRoot, Path sampleDir) {
        return "argo-conformance/" + samplesRoot.relativize(sampleDir).toString().replace('/', '-').replace('\\', '-');
    }

    /** Builds the sample (Docker's layer cache makes a rebuild cheap) and returns its image name. */
    public static String build(Path samplesRoot, Path sampleDir) {
        if (!Files.isRegularFile(sampleDir.resolve("Dockerfile"))) {
            throw new HarnessException("Sample " + sampleDir + " has no Dockerfile: every sample folder needs one.");
        }
        DockerClient docker = DockerPreflight.requireDocker();
        String image = imageName(samplesRoot, sampleDir) + ":latest";
        // Broken samples import a correct sample, and faults their shared fault.py, instead of copying
        // them, so their context is all of sample-plugins/.
        Path relative = samplesRoot.relativize(sampleDir);
        Path context = relative.startsWith("broken") || relative.startsWith("faults") ? samplesRoot : sampleDir;
        var build = docker.buildImageCmd()
                .withBaseDirectory(context.toFile())
                .withDockerfile(sampleDir.resolve("Dockerfile").toFile())
                .withTags(Set.of(image))
                .withLabels(Map.of(PluginContainer.LABEL, "sample"));
        if (hasImage(docker, AIR_GAPPED_BASE)) {
            build.withBuildArg("BASE_IMAGE", AIR_GAPPED_BASE);
        }
        try {
            build.exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
        } catch (RuntimeException e) {
            throw new HarnessException("Building sample image " + image + " from " + sampleDir + " failed (" + e.getMessage()
                    + "): in a closed network build the base image first with sample-plugins/base-images/build-air-gapped.sh.", e);
        }
        return image;
    }

    static String digest(String image) {
        try {
            InspectImageResponse r = DockerPreflight.requireDocker().inspectImageCmd(image).exec();
            if (r.getRepoDigests() != null && !r.getRepoDigests().isEmpty()) {
                String repoDigest = r.getRepoDigests().get(0);
                return repoDigest.substring(repoDigest.indexOf('@') + 1);
            }
            return r.getId();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static boolean hasImage(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
