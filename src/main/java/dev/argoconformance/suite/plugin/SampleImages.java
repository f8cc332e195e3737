package dev.argoconformance.suite.plugin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.HarnessException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Builds the bundled sample plugins into images. Every sample's Dockerfile takes {@code ARG BASE_IMAGE}
 * without a default; a sample names its runtime in sample.yaml ({@code runtime: node}, python when
 * absent), and the build passes that runtime's base: the air-gapped one (built from Debian packages by
 * sample-plugins/base-images/build-air-gapped.sh) when present, so no registry is needed, else the public
 * one. Both are named once, in sample-plugins/base-images/images.properties (in the jar as
 * {@value #IMAGES}).
 */
public final class SampleImages {

    /** The runtime of a sample whose sample.yaml names none (and of the fault plugins, which have none). */
    static final String DEFAULT_RUNTIME = "python";

    /** sample-plugins/base-images/images.properties, as the build puts it on the class path. */
    static final String IMAGES = "/sample-plugins/images.properties";

    private static final Properties BASES = load();

    /** Each runtime's air-gapped base image, built by build-air-gapped.sh. */
    public static final Map<String, String> AIR_GAPPED_BASES = bases("air-gapped");

    /** Each runtime's public base image, pulled when its air-gapped one is absent. */
    static final Map<String, String> PUBLIC_BASES = bases("public");

    /** The Python base: the default runtime's, and Testcontainers' tiny image in a closed network. */
    public static final String AIR_GAPPED_BASE = AIR_GAPPED_BASES.get(DEFAULT_RUNTIME);

    private SampleImages() {}

    /**
     * The image name a sample folder builds to, its path made a name: argo-conformance/hello-executor,
     * argo-conformance/broken-generator-logs-token (executor and generator samples share folder names).
     */
    public static String imageName(Path samplesRoot, Path sampleDir) {
        return "argo-conformance/"
                + samplesRoot.relativize(sampleDir).toString().replace('/', '-').replace('\\', '-');
    }

    /** Builds the sample (Docker's layer cache makes a rebuild cheap) and returns its image name. */
    public static String build(Path samplesRoot, Path sampleDir) {
        if (!Files.isRegularFile(sampleDir.resolve("Dockerfile"))) {
            throw new HarnessException("Sample " + sampleDir + " has no Dockerfile: every sample folder needs one.");
        }
        DockerClient docker = DockerPreflight.requireDocker();
        String image = imageName(samplesRoot, sampleDir) + ":latest";
        Path context = sharesOtherSamples(samplesRoot, sampleDir) ? samplesRoot : sampleDir;
        var build = docker.buildImageCmd()
                .withBaseDirectory(context.toFile())
                .withDockerfile(sampleDir.resolve("Dockerfile").toFile())
                .withTags(Set.of(image))
                .withLabels(Map.of(PluginContainer.LABEL, "sample"));
        String runtime = runtime(sampleDir);
        String airGapped = AIR_GAPPED_BASES.get(runtime);
        build.withBuildArg("BASE_IMAGE", hasImage(docker, airGapped) ? airGapped : PUBLIC_BASES.get(runtime));
        try {
            build.exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
        } catch (RuntimeException e) {
            throw new HarnessException(
                    "Building sample image " + image + " from " + sampleDir + " failed (" + e.getMessage()
                            + "): in a closed network build its base image first with sample-plugins/base-images/build-air-gapped.sh "
                            + runtime + ".",
                    e);
        }
        return image;
    }

    /**
     * Whether the sample's Dockerfile copies from other samples (a broken sample imports the correct
     * plugin instead of copying it): then its build context is all of sample-plugins/.
     */
    static boolean sharesOtherSamples(Path samplesRoot, Path sampleDir) {
        try {
            return Files.readAllLines(sampleDir.resolve("Dockerfile")).stream()
                    .map(String::strip)
                    .filter(line -> line.startsWith("COPY ") && !line.contains("--from="))
                    .map(line -> line.split("\\s+")[1])
                    .anyMatch(source ->
                            !Files.exists(sampleDir.resolve(source)) && Files.exists(samplesRoot.resolve(source)));
        } catch (IOException e) {
            throw new HarnessException(
                    "Cannot read " + sampleDir.resolve("Dockerfile") + " (" + e.getMessage() + ").", e);
        }
    }

    /** The runtime a sample's sample.yaml names ({@code runtime: go}), or python when it names none. */
    static String runtime(Path sampleDir) {
        Path file = sampleDir.resolve("sample.yaml");
        if (!Files.isRegularFile(file)) {
            return DEFAULT_RUNTIME;
        }
        String runtime;
        try {
            runtime = Json.YAML.readTree(file.toFile()).path("runtime").asText(DEFAULT_RUNTIME);
        } catch (IOException e) {
            throw new HarnessException(
                    "Cannot read " + file + " (" + e.getMessage() + "): fix the sample's sample.yaml.", e);
        }
        if (!AIR_GAPPED_BASES.containsKey(runtime)) {
            throw new HarnessException(file + " names runtime '" + runtime + "'; a sample's runtime is one of "
                    + new TreeSet<>(AIR_GAPPED_BASES.keySet()) + ".");
        }
        return runtime;
    }

    static String digest(String image) {
        try {
            InspectImageResponse r =
                    DockerPreflight.requireDocker().inspectImageCmd(image).exec();
            if (r.getRepoDigests() != null && !r.getRepoDigests().isEmpty()) {
                String repoDigest = r.getRepoDigests().get(0);
                return repoDigest.substring(repoDigest.indexOf('@') + 1);
            }
            return r.getId();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static Properties load() {
        Properties images = new Properties();
        try (InputStream in = SampleImages.class.getResourceAsStream(IMAGES)) {
            if (in == null) {
                throw new IllegalStateException(IMAGES + " is missing from the class path: the build copies it from"
                        + " sample-plugins/base-images/images.properties.");
            }
            images.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images;
    }

    /** runtime to image for one kind of base, {@code <runtime>.<kind>} in images.properties. */
    private static Map<String, String> bases(String kind) {
        Map<String, String> bases = new TreeMap<>();
        BASES.stringPropertyNames().stream()
                .filter(key -> key.endsWith("." + kind))
                .forEach(key -> bases.put(
                        key.substring(0, key.length() - kind.length() - 1),
                        BASES.getProperty(key).strip()));
        return Map.copyOf(bases);
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
