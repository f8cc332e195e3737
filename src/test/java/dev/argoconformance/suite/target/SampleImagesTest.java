package dev.argoconformance.suite.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argoconformance.suite.config.HarnessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sample names its runtime once, in sample.yaml; the suite maps it to that runtime's air-gapped base. */
class SampleImagesTest {

    static final Path SAMPLES = Path.of(System.getProperty("conformance.root", "..")).resolve("sample-plugins").toAbsolutePath().normalize();

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
        assertThatThrownBy(() -> SampleImages.runtime(tmp)).isInstanceOf(HarnessException.class)
                .hasMessageContaining("runtime 'rust'").hasMessageContaining("[go, java, node, python]");
    }

    @Test
    void everyBundledSampleNamesAKnownRuntimeAndTheBuildScriptPinsTheSameImages() throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            files.filter(p -> p.getFileName().toString().equals("sample.yaml"))
                    .forEach(p -> assertThat(SampleImages.AIR_GAPPED_BASES).containsKey(SampleImages.runtime(p.getParent())));
        }
        String script = Files.readString(SAMPLES.resolve("base-images/build-air-gapped.sh"));
        SampleImages.AIR_GAPPED_BASES.values().forEach(image ->
                assertThat(script).as("build-air-gapped.sh builds %s", image).contains(image.replace(":bookworm", ":$SUITE")));
    }
}
