package dev.argoconformance.suite.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argoconformance.suite.config.HarnessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sample names its runtime once, in sample.yaml; the suite maps it to its base, named once in images.properties. */
class SampleImagesTest {

    static final Path SAMPLES = Path.of(System.getProperty("conformance.root", ".."))
            .resolve("sample-plugins")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path tmp;

    @Test
    void aSampleWithoutARuntimeIsPython() throws IOException {
        Files.writeString(tmp.resolve("sample.yaml"), "kind: executor\nfails: []\n");
        assertThat(SampleImages.runtime(tmp)).isEqualTo("python");
        assertThat(SampleImages.runtime(tmp.resolve("no-sample-yaml-here"))).isEqualTo("python");
    }

    @Test
    void aNamedRuntimeIsKept() throws IOException {
        Files.writeString(tmp.resolve("sample.yaml"), "kind: executor\nruntime: go\nfails: []\n");
        assertThat(SampleImages.runtime(tmp)).isEqualTo("go");
        assertThat(SampleImages.AIR_GAPPED_BASES.get("go")).isEqualTo("argo-conformance/golang:bookworm");
    }

    @Test
    void anUnknownRuntimeIsRefusedWithTheKnownOnes() throws IOException {
        Files.writeString(tmp.resolve("sample.yaml"), "kind: executor\nruntime: rust\n");
        assertThatThrownBy(() -> SampleImages.runtime(tmp))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("runtime 'rust'")
                .hasMessageContaining("[go, java, node, python]");
    }

    @Test
    void everyBundledSampleNamesAKnownRuntime() throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            files.filter(p -> p.getFileName().toString().equals("sample.yaml"))
                    .forEach(p ->
                            assertThat(SampleImages.AIR_GAPPED_BASES).containsKey(SampleImages.runtime(p.getParent())));
        }
    }

    @Test
    void everyRuntimeHasAnAirGappedAndAPublicBase() {
        assertThat(SampleImages.AIR_GAPPED_BASES).containsOnlyKeys("python", "node", "go", "java");
        assertThat(SampleImages.PUBLIC_BASES).containsOnlyKeys(SampleImages.AIR_GAPPED_BASES.keySet());
        assertThat(SampleImages.AIR_GAPPED_BASE).isEqualTo(SampleImages.AIR_GAPPED_BASES.get("python"));
    }

    /** The base images are named in images.properties alone: no Dockerfile and no script pins one again. */
    @Test
    void theBaseImagesAreNamedOnce() throws IOException {
        Properties file = new Properties();
        try (var in = Files.newInputStream(SAMPLES.resolve("base-images/images.properties"))) {
            file.load(in);
        }
        SampleImages.AIR_GAPPED_BASES.forEach((runtime, image) -> assertThat(file.getProperty(runtime + ".air-gapped"))
                .as("the jar's copy of images.properties")
                .isEqualTo(image));
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            List<Path> dockerfiles = files.filter(
                            p -> p.getFileName().toString().equals("Dockerfile"))
                    .toList();
            assertThat(dockerfiles).hasSizeGreaterThan(80);
            for (Path dockerfile : dockerfiles) {
                assertThat(Files.readAllLines(dockerfile))
                        .as(dockerfile.toString())
                        .filteredOn(line -> line.startsWith("ARG BASE_IMAGE"))
                        .containsExactly("ARG BASE_IMAGE");
            }
        }
        String script = Files.readString(SAMPLES.resolve("base-images/build-air-gapped.sh"));
        assertThat(script).contains("images.properties");
        file.stringPropertyNames()
                .forEach(key -> assertThat(script)
                        .as("build-air-gapped.sh reads %s from images.properties", key)
                        .doesNotContain(file.getProperty(key)));
    }
}
