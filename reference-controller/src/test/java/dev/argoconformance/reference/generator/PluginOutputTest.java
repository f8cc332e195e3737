package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.argoconformance.reference.generator.gotext.TypedMap;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a plugin's objects become (argo-behaviour.md §CD4.1–§CD4.3, vectors R8 and R9): flattened and printed with
 * {@code %v} in fasttemplate mode, kept typed in goTemplate mode; the reserved {@code generator} and {@code values}
 * keys; and the Applications rendered from them in both modes.
 */
class PluginOutputTest {

    private static final String RICH = """
            {"output":{"parameters":[{"nested":{"a":{"b":"c"}},"arr":["x",{"y":"z"}],"emptyMap":{},"emptyList":[],
             "nul":null,"i":123,"f":1.5,"big":1000000,"odd":1234567,"small":0.00001,"huge":9007199254740993,
             "t":true,"s":"str"}]}}""";

    private final FakeGeneratorPlugin plugin = new FakeGeneratorPlugin();

    @AfterEach
    void stop() {
        plugin.close();
    }

    @Test
    void flattensNestedOutputWithDotsAndPrintsLeavesAsGosPercentV() {
        plugin.reply(200, RICH);

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app-{{big}}-{{ nested.a.b }}"));

        assertThat(result.parameterSets()).singleElement().satisfies(set -> {
            assertThat(set)
                    .contains(
                            entry("nested.a.b", "c"),
                            entry("arr.0", "x"),
                            entry("arr.1.y", "z"),
                            entry("nul", "<nil>"),
                            entry("i", "123"),
                            entry("f", "1.5"),
                            entry("big", "1e+06"),
                            entry("odd", "1.234567e+06"),
                            entry("small", "1e-05"),
                            entry("huge", "9.007199254740992e+15"),
                            entry("t", "true"),
                            entry("s", "str"));
            assertThat(set.keySet())
                    .as("empty objects and arrays leave no key")
                    .noneMatch(k -> k.startsWith("emptyMap") || k.startsWith("emptyList"));
            assertThat(set.keySet())
                    .containsExactlyInAnyOrder(
                            "nested.a.b",
                            "arr.0",
                            "arr.1.y",
                            "nul",
                            "i",
                            "f",
                            "big",
                            "odd",
                            "small",
                            "huge",
                            "t",
                            "s",
                            "generator");
        });
        assertThat(result.applications()).extracting(RenderedApplication::name).containsExactly("app-1e+06-c");
    }

    @Test
    void keepsJsonTypesInGoTemplateModeAndPrintsNumbersTheSameWay() {
        plugin.reply(200, RICH);

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(
                true, "", "{{.i}}-{{.big}}-{{.nested.a.b}}-{{index .arr 1 \"y\"}}-{{.nul}}-{{.emptyMap}}"));

        assertThat(result.parameterSets()).singleElement().satisfies(set -> {
            assertThat(set.get("i")).isEqualTo(123.0);
            assertThat(set.get("nested")).isEqualTo(Map.of("a", Map.of("b", "c")));
            assertThat(set.get("arr")).isEqualTo(List.of("x", Map.of("y", "z")));
            assertThat(set).containsKey("emptyList").containsEntry("nul", null);
        });
        assertThat(result.applications())
                .extracting(RenderedApplication::name)
                .containsExactly("123-1e+06-c-z-<no value>-map[]");
    }

    @Test
    void overwritesTheGeneratorKeyButKeepsThePluginsFlatGeneratorKeysInFasttemplate() {
        plugin.reply(
                200, "{\"output\":{\"parameters\":[{\"generator\":{\"input\":{\"parameters\":{\"x\":\"plugin\"}}}}]}}");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(
                false, "input: {parameters: {x: spec}}", "{{generator.input.parameters.x}}"));

        assertThat(result.parameterSets()).singleElement().satisfies(set -> {
            assertThat(set).containsEntry("generator.input.parameters.x", "plugin");
            assertThat(set.get("generator"))
                    .as("the reserved entry is a nested map")
                    .isInstanceOf(Map.class);
        });
        assertThat(result.applications())
                .extracting(RenderedApplication::name)
                .as("fasttemplate substitutes the plugin's flat string, not the spec's parameter")
                .containsExactly("plugin");
    }

    @Test
    void replacesThePluginsGeneratorKeyInGoTemplate() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"generator\":{\"mine\":true}}]}}");

        Reconciliation result =
                plugin.reconcile(FakeGeneratorPlugin.appSet(true, "input: {parameters: {x: spec}}", "app"));

        assertThat(result.parameterSets()).singleElement().satisfies(set -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> generator = (Map<String, Object>) set.get("generator");
            assertThat(generator).containsOnlyKeys("input");
            TypedMap input = (TypedMap) generator.get("input");
            assertThat(input.toString()).isEqualTo("map[parameters:map[x:{[34 115 112 101 99 34]}]]");
        });
    }

    @Test
    void rendersValuesOverThePluginsValuesKeyByKeyInFasttemplate() {
        plugin.reply(
                200, "{\"output\":{\"parameters\":[{\"name\":\"n1\",\"values\":{\"v\":\"plugin\",\"w\":\"keep\"}}]}}");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(
                false, "values: {v: 'spec-{{name}}', other: '{{values.v}}|{{values.nope}}'}", "app"));

        assertThat(result.parameterSets())
                .singleElement()
                .satisfies(set -> assertThat(set)
                        .containsEntry("values.v", "spec-n1")
                        .as("the plugin's own values.w survives")
                        .containsEntry("values.w", "keep")
                        .as("values see the plugin output, never each other")
                        .containsEntry("values.other", "plugin|{{values.nope}}"));
    }

    @Test
    void replacesThePluginsValuesWholeInGoTemplateWhenTheSpecHasValues() {
        plugin.reply(
                200, "{\"output\":{\"parameters\":[{\"name\":\"n1\",\"values\":{\"v\":\"plugin\",\"w\":\"keep\"}}]}}");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(
                true, "values: {v: 'spec-{{.name}}', seen: '{{.values.v}}'}", "{{.values.v}}-{{.values.w}}"));

        assertThat(result.parameterSets())
                .singleElement()
                .satisfies(set -> assertThat(set.get("values"))
                        .isEqualTo(TypedMap.of(TypedMap.Kind.STRING_MAP, Map.of("v", "spec-n1", "seen", "plugin"))));
        assertThat(result.applications())
                .extracting(RenderedApplication::name)
                .as("values.w is gone; a missing key of a map[string]string prints <no value>")
                .containsExactly("spec-n1-<no value>");
    }

    @Test
    void keepsThePluginsValuesWhenTheSpecHasNone() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"values\":{\"w\":\"keep\"}}]}}");
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"values\":{\"w\":\"keep\"}}]}}");

        Reconciliation fast = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "{{values.w}}"));
        Reconciliation go = plugin.reconcile(FakeGeneratorPlugin.appSet(true, "", "{{.values.w}}"));

        assertThat(fast.applications()).extracting(RenderedApplication::name).containsExactly("keep");
        assertThat(go.applications()).extracting(RenderedApplication::name).containsExactly("keep");
    }

    @Test
    void failsOnAValuesTemplateWithArgosWrapping() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(true, "values: {v: '{{.missing}}'}", "app")
                .replace("goTemplate: true", "goTemplate: true\n  goTemplateOptions: [\"missingkey=error\"]"));

        assertThat(result.error())
                .hasValue("error generating params: failed to replace templated string: failed to replace templated"
                        + " string with rendered values: failed to execute go template {{.missing}}: template: base:1:2: executing \"base\""
                        + " at <.missing>: map has no entry for key \"missing\"");
    }

    @Test
    void rendersTheDocumentationsSimpleExampleAsArgoWould() {
        plugin.reply(
                200, "{\"output\":{\"parameters\":[{\"something\":{\"from\":{\"the\":{\"plugin\":\"it works\"}}}}]}}");

        Reconciliation result = plugin.reconcile(resource("generator/docs-simple-example.yaml"));

        assertThat(result.error()).isEmpty();
        assertThat(result.applications()).singleElement().satisfies(app -> {
            assertThat(app.name()).isEqualTo("myplugin");
            assertThat(app.namespace())
                    .as("no namespace in the AppSet: the default")
                    .isEqualTo("argocd");
            assertThat(app.annotation("example.from.values")).isEqualTo("something");
            assertThat(app.annotation("example.from.plugin.output")).isEqualTo("it works");
            assertThat(app.annotation("example.from.input.parameters"))
                    .as("generator is a nested map: fasttemplate never substitutes it")
                    .isEqualTo("{{ generator.input.parameters.map.key1 }}");
            assertThat(app.manifest().path("metadata").path("finalizers").get(0).asText())
                    .isEqualTo("resources-finalizer.argocd.argoproj.io");
        });
        assertThat(result.notes()).extracting(CompatibilityNote::id).contains("GEN-FASTTEMPLATE-VERBATIM");
        assertThat(result.requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rendersGeneratorInputParametersInGoTemplateAsArgosOpaqueJson() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(
                true, "input: {parameters: {branch: main}}", "{{ .generator.input.parameters.branch }}"));

        assertThat(result.applications())
                .extracting(RenderedApplication::name)
                .containsExactly("{[34 109 97 105 110 34]}");
        assertThat(result.notes()).extracting(CompatibilityNote::id).contains("GEN-OPAQUE-INPUT-PARAMETER");
    }

    @Test
    void rendersLabelsAnnotationsAndSpecStringsInBothModes() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"env\":\"prod\",\"repo\":\"https://git/x\"}]}}");
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"env\":\"prod\",\"repo\":\"https://git/x\"}]}}");
        String template = """
                  template:
                    metadata:
                      name: 'app-%1$s'
                      labels: {'team-%1$s': '%1$s'}
                      annotations: {note: 'unknown %2$s stays'}
                    spec:
                      project: default
                      source: {repoURL: '%3$s', targetRevision: HEAD, path: 'charts/%1$s'}
                      destination: {namespace: '%1$s', server: 'https://kubernetes.default.svc'}
                """;
        String fast = FakeGeneratorPlugin.appSet(false, "", "x").replaceAll("(?s)  template:.*", "")
                + template.formatted("{{env}}", "{{nope}}", "{{ repo }}");
        String go = FakeGeneratorPlugin.appSet(true, "", "x").replaceAll("(?s)  template:.*", "")
                + template.formatted("{{.env}}", "{{nope}}", "{{ .repo }}").replace("{{nope}}", "{{`{{nope}}`}}");

        for (Reconciliation result : List.of(plugin.reconcile(fast), plugin.reconcile(go))) {
            assertThat(result.applications()).singleElement().satisfies(app -> {
                assertThat(app.name()).isEqualTo("app-prod");
                assertThat(app.label("team-prod")).isEqualTo("prod");
                assertThat(app.annotation("note")).isEqualTo("unknown {{nope}} stays");
                assertThat(app.manifest().at("/spec/source/repoURL").asText()).isEqualTo("https://git/x");
                assertThat(app.manifest().at("/spec/source/path").asText()).isEqualTo("charts/prod");
                assertThat(app.manifest().at("/spec/destination/namespace").asText())
                        .isEqualTo("prod");
            });
        }
    }

    @Test
    void letsTheGeneratorsOwnTemplateWinAndFillsTheRestFromTheApplicationSets() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}");
        String yaml = FakeGeneratorPlugin.appSet(
                        false, "template: {metadata: {name: 'own-{{a}}', labels: {from: generator}}}", "set-{{a}}")
                .replace(
                        "      name: 'set-{{a}}'",
                        "      name: 'set-{{a}}'\n      labels: {from: appset, other: kept}");

        Reconciliation result = plugin.reconcile(yaml);

        assertThat(result.applications()).singleElement().satisfies(app -> {
            assertThat(app.name()).isEqualTo("own-1");
            assertThat(app.label("from")).isEqualTo("generator");
            assertThat(app.label("other")).isEqualTo("kept");
            assertThat(app.manifest().at("/spec/project").asText()).isEqualTo("default");
        });
    }

    static String resource(String path) {
        try (InputStream in = PluginOutputTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
