package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link InMemoryConfigSource} read from YAML files as {@code kubectl apply -f} would take them. */
class InMemoryConfigSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsConfigMapsAndSecretsFromFilesWithTheirNamespaces() throws Exception {
        String token = Base64.getEncoder().encodeToString("s3cret\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(dir.resolve("argocd"));
        Files.writeString(dir.resolve("argocd/plugin.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: my-plugin}
                data: {baseUrl: "http://plugin", token: "$plugin.token", requestTimeout: "+60"}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: argocd-secret}
                data: {plugin.token: %s, other: b3RoZXI=}
                stringData: {other: "from stringData"}
                """.formatted(token));
        Files.writeString(dir.resolve("elsewhere.yml"), """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: listed, namespace: team}, data: {a: b}}
                  - {apiVersion: argoproj.io/v1alpha1, kind: ApplicationSet, metadata: {name: ignored}}
                """);

        InMemoryConfigSource source = InMemoryConfigSource.fromDirectory(dir, "default");

        assertThat(source.configMapData("argocd", "my-plugin"))
                .hasValueSatisfying(data -> assertThat(data)
                        .containsEntry("baseUrl", "http://plugin")
                        .containsEntry("requestTimeout", "+60"));
        assertThat(source.secretData("argocd", "argocd-secret")).hasValueSatisfying(data -> {
            assertThat(new String(data.get("plugin.token"), StandardCharsets.UTF_8))
                    .isEqualTo("s3cret\n");
            assertThat(new String(data.get("other"), StandardCharsets.UTF_8))
                    .as("stringData wins")
                    .isEqualTo("from stringData");
        });
        assertThat(source.configMapData("team", "listed")).isPresent();
        assertThat(source.configMapData("default", "my-plugin")).isEmpty();
    }

    @Test
    void namesTheFileThatIsNotYaml() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "a: [unclosed");

        assertThatThrownBy(() -> InMemoryConfigSource.fromDirectory(dir, "argocd"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("broken.yaml");
    }
}
