package dev.argoconformance.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argoconformance.reference.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generator example's input and its matrix: what the suite sends, and what Argo CD should send for each list element. */
class GeneratorExampleTest {

    @TempDir
    Path dir;

    @Test
    void aDeclaredMatrixTemplatesEachElementIntoTheInput() throws Exception {
        Files.writeString(dir.resolve("e.yaml"), """
                name: branches
                input:
                  parameters: {repo: app}
                matrix:
                  elements:
                    - {branch: feature-1}
                    - {branch: feature-2}
                  parameters:
                    repo: app
                    ref: 'refs/heads/{{.branch}}'
                    nested: {b: '{{ .branch }}'}
                """);

        GeneratorExample example = GeneratorExample.load(dir).get(0);

        assertThat(example.matrix().expectedInputs())
                .containsExactly(
                        Json.read(
                                "{\"repo\":\"app\",\"ref\":\"refs/heads/feature-1\",\"nested\":{\"b\":\"feature-1\"}}"),
                        Json.read(
                                "{\"repo\":\"app\",\"ref\":\"refs/heads/feature-2\",\"nested\":{\"b\":\"feature-2\"}}"));
    }

    @Test
    void withoutAMatrixTheExampleKeepsItsOwnInputAndGainsOneTemplatedKey() throws Exception {
        Files.writeString(dir.resolve("e.yaml"), "name: hello\ninput:\n  parameters: {param1: value1}\n");

        GeneratorExample example = GeneratorExample.load(dir).get(0);

        assertThat(example.givenByAuthor()).isTrue();
        assertThat(example.matrix().expectedInputs())
                .containsExactly(
                        Json.read("{\"param1\":\"value1\",\"conformanceElement\":\"element-1\"}"),
                        Json.read("{\"param1\":\"value1\",\"conformanceElement\":\"element-2\"}"));
    }

    @Test
    void aMatrixWithoutElementsIsRefusedWithOneSentence() throws Exception {
        Files.writeString(dir.resolve("e.yaml"), "name: bad\nmatrix:\n  parameters: {a: '{{.a}}'}\n");

        assertThatThrownBy(() -> GeneratorExample.load(dir))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("matrix needs 'elements'");
    }

    @Test
    void theContractOnlyExampleSendsNoInputAndSaysSo() {
        GeneratorExample example = GeneratorExample.contractOnly();

        assertThat(example.givenByAuthor()).isFalse();
        assertThat(example.parameters().isEmpty()).isTrue();
        assertThat(example.expected()).isEmpty();
    }
}
