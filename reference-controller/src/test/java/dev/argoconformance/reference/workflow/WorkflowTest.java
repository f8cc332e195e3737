package dev.argoconformance.reference.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a Workflow manifest becomes, and the one sentence each workflow the runner refuses gets. */
class WorkflowTest {

    private static final String HEAD = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templates:
            """;

    private static Workflow parse(String yaml) throws WorkflowException {
        return Workflow.parse(yaml, "wf.yaml", "argo");
    }

    private static String refusal(String yaml) {
        try {
            parse(yaml);
        } catch (WorkflowException e) {
            assertThat(e.getMessage()).as("one sentence").doesNotContain("\n").endsWith(".");
            return e.getMessage();
        }
        throw new AssertionError("accepted:\n" + yaml);
    }

    @Test
    void generatesANameFromGenerateNameAndAFreshUidLikeArgo() throws Exception {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: hello-}
                spec:
                  entrypoint: main
                  templates: [{name: main, plugin: {hello: {}}}]
                """;

        Workflow first = parse(yaml);
        Workflow second = parse(yaml);

        assertThat(first.name()).matches("hello-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(first.namespace()).isEqualTo("argo");
        assertThat(UUID.fromString(first.uid())).isNotNull();
        assertThat(second.uid()).isNotEqualTo(first.uid());
        assertThat(first.metadata().name()).isEqualTo(first.name());
    }

    @Test
    void keepsTheGivenNameNamespaceAndParameters() throws Exception {
        Workflow workflow = parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: fixed, generateName: ignored-, namespace: team-a}
                spec:
                  entrypoint: main
                  arguments: {parameters: [{name: n, value: 3}, {name: flag, value: true}]}
                  templates: [{name: main, plugin: {hello: {}}}]
                """);

        assertThat(workflow.name()).isEqualTo("fixed");
        assertThat(workflow.namespace()).isEqualTo("team-a");
        assertThat(workflow.parameters()).isEqualTo(Map.of("n", "3", "flag", "true"));
    }

    @Test
    void readsAFileAndNamesItWhenItCannot(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wf.yaml");
        java.nio.file.Files.writeString(file, HEAD + "    - {name: main, plugin: {hello: {}}}\n");

        assertThat(Workflow.read(file, "argo").name()).isEqualTo("wf");
        assertThatThrownBy(() -> Workflow.read(dir.resolve("missing.yaml"), "argo"))
                .hasMessage("Cannot read " + dir.resolve("missing.yaml") + ": there is no such file.");
    }

    @Test
    void refusesAnEntrypointThatNamesNoTemplate() {
        assertThat(refusal(HEAD.replace("main", "mian")
                        + "    - {name: main, plugin: {hello: {}}}\n    - {name: other, plugin: {hello: {}}}\n"))
                .isEqualTo("spec.entrypoint mian names no template of wf.yaml; its templates are main, other.");
    }

    @Test
    void refusesAReferenceToATemplateThatDoesNotExist() {
        assertThat(refusal(HEAD + "    - {name: main, steps: [[{name: a, template: nope}]]}\n"))
                .isEqualTo(
                        "Step a of template main refers to template nope, which spec.templates of wf.yaml does not define.");
        assertThat(refusal(HEAD + "    - {name: main, dag: {tasks: [{name: a, template: nope}]}}\n"))
                .isEqualTo(
                        "Task a of template main refers to template nope, which spec.templates of wf.yaml does not define.");
    }

    @Test
    void refusesAReachableTemplateThatIsNeitherPluginStepsNorDag() throws Exception {
        String yaml = HEAD + """
                    - {name: main, steps: [[{name: build, template: build}]]}
                    - {name: build, container: {image: alpine}}
                """;

        assertThat(refusal(yaml))
                .isEqualTo(
                        "Template build is a container template; the reference runner only runs plugin, steps and dag templates.");
        assertThat(refusal(HEAD + "    - {name: main}\n"))
                .isEqualTo(
                        "Template main has no template type; the reference runner only runs plugin, steps and dag templates.");
        assertThat(parse(
                                HEAD
                                        + "    - {name: main, plugin: {hello: {}}}\n    - {name: unused, script: {image: alpine}}\n")
                        .name())
                .as("a container template nothing reaches is no obstacle")
                .isEqualTo("wf");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{}                  | 0", "{hello: {}, bye: {}} | 2"})
    void refusesAPluginWithoutExactlyOneKeyInArgosWords(String plugin, int keys) {
        assertThat(refusal(HEAD + "    - {name: main, plugin: " + plugin + "}\n"))
                .isEqualTo("Template main has an invalid plugin: expected exactly one key, got " + keys + ".");
    }

    @Test
    void refusesDependsExpressionsBeyondAnds() {
        String yaml = HEAD + """
                    - name: main
                      dag:
                        tasks:
                          - {name: a, template: t}
                          - {name: b, template: t, depends: "a.Failed || a.Succeeded"}
                    - {name: t, plugin: {hello: {}}}
                """;

        assertThat(refusal(yaml))
                .isEqualTo("Task b of template main has depends \"a.Failed || a.Succeeded\"; the reference"
                        + " runner understands only task names joined by &&, each optionally with .Succeeded.");
    }

    @Test
    void refusesDagCyclesAndUnknownDependencies() {
        assertThat(refusal(HEAD + """
                    - name: main
                      dag:
                        tasks:
                          - {name: a, template: t, dependencies: [b]}
                          - {name: b, template: t, depends: a}
                    - {name: t, plugin: {hello: {}}}
                """)).isEqualTo("The dag of template main has a dependency cycle among tasks a, b.");
        assertThat(refusal(HEAD + """
                    - {name: main, dag: {tasks: [{name: a, template: t, depends: "z && a"}]}}
                    - {name: t, plugin: {hello: {}}}
                """))
                .isEqualTo("Task a of template main depends on z, which is not a task of that dag.");
    }

    @Test
    void refusesWhatItWouldRunDifferentlyFromArgo() {
        assertThat(refusal(HEAD + """
                    - {name: main, steps: [[{name: a, template: t, withItems: [1, 2]}]]}
                    - {name: t, plugin: {hello: {}}}
                """))
                .isEqualTo(
                        "Step a of template main uses withItems, which the reference runner does not support; remove it to run the workflow here.");
        assertThat(refusal(HEAD + "    - {name: main, plugin: {hello: {}}, retryStrategy: {limit: 2}}\n"))
                .isEqualTo(
                        "Template main sets retryStrategy, which the reference runner does not apply; remove it to run the workflow here.");
        assertThat(refusal(HEAD.replace("entrypoint: main", "entrypoint: main\n  onExit: main")
                        + "    - {name: main, plugin: {hello: {}}}\n"))
                .isEqualTo(
                        "wf.yaml sets spec.onExit, which the reference runner does not support; remove it to run the workflow here.");
    }

    @Test
    void refusesWhatIsNotAWorkflow() {
        assertThat(refusal("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"))
                .isEqualTo(
                        "wf.yaml has kind ConfigMap; the reference runner runs kind Workflow (apiVersion argoproj.io/v1alpha1).");
        assertThat(refusal("kind: Workflow\nspec: [unclosed\n"))
                .isEqualTo(
                        "wf.yaml is not valid YAML (line 2): while parsing a flow sequence, expected ',' or ']', but got <stream end>.");
        assertThat(refusal(HEAD.replace("metadata: {name: wf}", "metadata: {}")
                        + "    - {name: main, plugin: {hello: {}}}\n"))
                .isEqualTo(
                        "wf.yaml has neither metadata.name nor metadata.generateName; Argo needs one to name the workflow.");
        assertThat(refusal(HEAD.replace("  entrypoint: main\n", "") + "    - {name: main, plugin: {hello: {}}}\n"))
                .isEqualTo("wf.yaml has no spec.entrypoint; Argo needs it to know which template to run.");
    }

    @Test
    void namesNodesWithArgosFnvIds() {
        // The agent pod's name carries wf.NodeID("agent"), 1340600742 (argo-behaviour.md §W6.1).
        assertThat(NodeIds.of("hello-x7k2p", "agent")).isEqualTo("hello-x7k2p-1340600742");
        assertThat(NodeIds.of("hello-x7k2p", "hello-x7k2p")).isEqualTo("hello-x7k2p");
    }
}
