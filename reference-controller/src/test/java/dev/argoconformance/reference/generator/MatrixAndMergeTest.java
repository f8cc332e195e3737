package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin inside a matrix or a merge (argo-behaviour.md §CD4.5–§CD4.7, vector R10): one call per parameter set of the
 * matrix's first child with the spec templated from that set, the combine rules of each mode, and merge by top-level
 * keys.
 */
class MatrixAndMergeTest {

    private final FakeGeneratorPlugin plugin = new FakeGeneratorPlugin();

    @AfterEach
    void stop() {
        plugin.close();
    }

    /** An ApplicationSet whose only generator is {@code generatorYaml} (indented under {@code generators:}). */
    private static String appSet(boolean goTemplate, String generatorYaml, String name) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: fb-matrix, namespace: argocd}
                spec:
                  goTemplate: %s
                  generators:
                %s
                  template:
                    metadata: {name: '%s'}
                    spec: {project: default}
                """.formatted(goTemplate, generatorYaml.indent(4).stripTrailing(), name);
    }

    private static final String LIST_THEN_PLUGIN = """
            - matrix:
                generators:
                  - list:
                      elements:
                        - {branch: feature-1, num: "3", cm: my-plugin}
                        - {branch: feature-2, num: "4", cm: my-plugin}
                  - plugin:
                      configMapRef: {name: '%s'}
                      input:
                        parameters: {branch: '%s', n: '%s', static: 7, '%s': key}
                      values: {link: '%s'}
            """;

    @Test
    void callsTheSecondChildOncePerFirstChildSetWithTheTemplatedInput() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"digest\":\"d1\"}]}}")
                .reply(200, "{\"output\":{\"parameters\":[{\"digest\":\"d2\"}]}}");

        Reconciliation result = plugin.reconcile(appSet(
                false,
                LIST_THEN_PLUGIN.formatted("{{cm}}", "{{branch}}", "{{num}}", "k-{{num}}", "https://git/{{branch}}"),
                "fb-{{branch}}-{{digest}}"));

        assertThat(plugin.take().getBody().string(StandardCharsets.UTF_8))
                .isEqualTo("{\"applicationSetName\":\"fb-matrix\",\"input\":"
                        + "{\"parameters\":{\"branch\":\"feature-1\",\"k-3\":\"key\",\"n\":\"3\",\"static\":7}}}\n");
        assertThat(plugin.take().getBody().string(StandardCharsets.UTF_8))
                .isEqualTo("{\"applicationSetName\":\"fb-matrix\",\"input\":"
                        + "{\"parameters\":{\"branch\":\"feature-2\",\"k-4\":\"key\",\"n\":\"4\",\"static\":7}}}\n");
        assertThat(result.error()).isEmpty();
        assertThat(result.applications())
                .extracting(RenderedApplication::name)
                .containsExactly("fb-feature-1-d1", "fb-feature-2-d2");
        assertThat(result.parameterSets().get(0))
                .containsEntry("values.link", "https://git/feature-1")
                .containsEntry(
                        "generator",
                        "map[input:map[parameters:map[branch:{[34 102 101 97 116 117 114 101 45 49 34]}"
                                + " k-3:{[34 107 101 121 34]} n:{[34 51 34]} static:{[55]}]]]");
        assertThat(result.calls()).hasSize(2);
    }

    @Test
    void letsTheFirstChildWinAndResolvesValuesAgainstThePluginLaterInGoTemplate() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"branch\":\"from-plugin\",\"digest\":\"d1\"}]}}")
                .reply(200, "{\"output\":{\"parameters\":[{\"branch\":\"from-plugin\",\"digest\":\"d2\"}]}}");

        Reconciliation result = plugin.reconcile(appSet(
                true,
                LIST_THEN_PLUGIN.formatted("{{.cm}}", "{{.branch}}", "{{.num}}", "k", "{{.branch}}@{{.digest}}"),
                "{{.branch}}-{{.digest}}-{{.values.link}}"));

        assertThat(result.error()).isEmpty();
        assertThat(result.applications())
                .extracting(RenderedApplication::name)
                .as("child 1 wins on branch; values.link could not be pre-resolved (no digest yet), so it was rendered"
                        + " against the plugin's own set, where branch is the plugin's")
                .containsExactly("feature-1-d1-from-plugin@d1", "feature-2-d2-from-plugin@d2");
        assertThat(result.parameterSets().get(0)).containsEntry("num", "3");
    }

    @Test
    void resolvesValuesFromTheFirstChildBeforeTheCallWhenItCan() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"branch\":\"from-plugin\"}]}}");

        Reconciliation result = plugin.reconcile(appSet(true, """
                - matrix:
                    generators:
                      - list: {elements: [{branch: feature-1}]}
                      - plugin: {configMapRef: {name: my-plugin}, values: {early: '{{.branch}}'}}
                """, "{{.values.early}}"));

        assertThat(result.applications()).extracting(RenderedApplication::name).containsExactly("feature-1");
    }

    @Test
    void failsInFasttemplateWhenTwoPluginsSendDifferentInput() {
        plugin.configMap("plugin-b", Map.of("baseUrl", plugin.baseUrl(), "token", "$plugin.token"));
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}")
                .reply(200, "{\"output\":{\"parameters\":[{\"b\":\"2\"}]}}");

        Reconciliation result = plugin.reconcile(appSet(false, """
                - matrix:
                    generators:
                      - plugin: {configMapRef: {name: my-plugin}, input: {parameters: {x: 1}}}
                      - plugin: {configMapRef: {name: plugin-b}, input: {parameters: {y: 2}}}
                """, "app"));

        assertThat(result.error())
                .hasValue("failed to combine string maps with merging params for the matrix generator: found duplicate"
                        + " key generator with different value, a: map[input:map[parameters:map[x:{[49]}]]] ,b:"
                        + " map[input:map[parameters:map[y:{[50]}]]]");
        assertThat(result.calls()).hasSize(2);
    }

    @Test
    void neverCallsTheSecondChildWhenTheFirstHasNoSets() {
        Reconciliation result = plugin.reconcile(appSet(false, """
                - matrix:
                    generators:
                      - list: {elements: []}
                      - plugin: {configMapRef: {name: my-plugin}}
                """, "app"));

        assertThat(result.error()).isEmpty();
        assertThat(result.applications()).isEmpty();
        assertThat(plugin.server.requestCount()).isZero();
    }

    @Test
    void wrapsAFailingSecondChildAsArgoDoes() {
        plugin.reply(500, "{\"message\":\"boom\"}");

        Reconciliation result = plugin.reconcile(appSet(false, """
                - matrix:
                    generators:
                      - list: {elements: [{a: "1"}]}
                      - plugin: {configMapRef: {name: my-plugin}}
                """, "app"));

        assertThat(result.error())
                .hasValue(
                        "failed to get params for second generator in the matrix generator: child generator returned"
                                + " an error on parameter generation: error listing params: error get api 'fb-matrix': API error with status code 500: boom");
    }

    @Test
    void wrapsAFailingFirstChildAsArgoDoes() {
        Reconciliation result = plugin.reconcile(appSet(false, """
                - matrix:
                    generators:
                      - plugin: {configMapRef: {name: absent}}
                      - list: {elements: [{a: "1"}]}
                """, "app"));

        assertThat(result.error())
                .hasValue("error failed to get params for first generator in matrix generator: child generator"
                        + " returned an error on parameter generation: error getting plugin from generator: error fetching ConfigMap: configmaps"
                        + " \"absent\" not found");
    }

    @Test
    void acceptsExactlyTwoChildren() {
        assertThat(plugin.reconcile(appSet(false, "- matrix: {generators: [{list: {elements: []}}]}", "app"))
                        .error())
                .hasValue("found less than two generators, Matrix support only two");
        assertThat(plugin.reconcile(appSet(
                                false,
                                "- matrix: {generators: [{list: {elements: []}}, {list: {elements: []}},"
                                        + " {list: {elements: []}}]}",
                                "app"))
                        .error())
                .hasValue("found more than two generators, Matrix support only two");
    }

    private static final String LIST_AND_PLUGIN_MERGED = """
            - merge:
                mergeKeys: [%s]
                generators:
                  - list:
                      elements:
                        - {name: a, v: "1"}
                        - {name: b, v: "1"}
                  - plugin: {configMapRef: {name: my-plugin}}
            """;

    @Test
    void mergesThePluginsSetsIntoTheFirstChildsByMergeKey() {
        plugin.reply(
                200,
                "{\"output\":{\"parameters\":[{\"name\":\"a\",\"v\":\"2\",\"extra\":\"x\"},{\"name\":\"c\",\"v\":\"3\"}]}}");

        Reconciliation result =
                plugin.reconcile(appSet(false, LIST_AND_PLUGIN_MERGED.formatted("name"), "{{name}}-{{v}}"));

        assertThat(result.applications())
                .extracting(RenderedApplication::name)
                .as("the first child is the base; c matches nothing and is dropped")
                .containsExactly("a-2", "b-1");
        assertThat(result.parameterSets().get(0)).containsEntry("extra", "x").containsKey("generator");
    }

    @Test
    void callsEveryChildBeforeComplainingAboutMissingMergeKeys() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"name\":\"a\"}]}}");

        Reconciliation result = plugin.reconcile(appSet(false, LIST_AND_PLUGIN_MERGED.formatted(""), "app"));

        assertThat(result.error())
                .hasValue("error getting param sets by merge key: no merge keys were specified, Merge requires at"
                        + " least one");
        assertThat(plugin.server.requestCount()).isEqualTo(1);
    }

    @Test
    void cannotMergeOnNestedOutputInGoTemplateButCanOnFlatKeysInFasttemplate() {
        String reply = "{\"output\":{\"parameters\":[{\"a\":{\"b\":\"1\"}},{\"a\":{\"b\":\"2\"}}]}}";
        String yaml = """
                - merge:
                    mergeKeys: [a.b]
                    generators:
                      - plugin: {configMapRef: {name: my-plugin}}
                      - list: {elements: [{a.b: "1", more: "m"}]}
                """;
        plugin.reply(200, reply).reply(200, reply);

        Reconciliation go = plugin.reconcile(appSet(true, yaml, "{{.more}}"));
        Reconciliation fast = plugin.reconcile(appSet(false, yaml, "app-{{a.b}}-{{more}}"));

        assertThat(go.error())
                .hasValue(
                        "error getting param sets by merge key: the parameters from a generator were not unique by the"
                                + " given mergeKeys, Merge requires all param sets to be unique. Duplicate key was {\"a.b\":null}");
        assertThat(fast.applications())
                .extracting(RenderedApplication::name)
                .containsExactly("app-1-m", "app-2-{{more}}");
    }

    @Test
    void wrapsAFailingMergeChildWithItsPosition() {
        plugin.reply(401, "");

        Reconciliation result = plugin.reconcile(appSet(false, LIST_AND_PLUGIN_MERGED.formatted("name"), "app"));

        assertThat(result.error())
                .hasValue("error getting param sets from generators: error getting params from generator 2 of 2:"
                        + " child generator returned an error on parameter generation: error listing params: error get api 'fb-matrix': API"
                        + " error with status code 401: ");
    }

    @Test
    void neverInterpolatesMergeChildrenFromEachOther() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"name\":\"a\"}]}}");

        plugin.reconcile(appSet(false, """
                - merge:
                    mergeKeys: [name]
                    generators:
                      - list: {elements: [{name: a, branch: main}]}
                      - plugin: {configMapRef: {name: my-plugin}, input: {parameters: {branch: '{{branch}}'}}}
                """, "app"));

        assertThat(plugin.take().getBody().string(StandardCharsets.UTF_8)).contains("\"branch\":\"{{branch}}\"");
    }
}
