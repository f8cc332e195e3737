package dev.argoconformance.reference.generator.gotext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Argo's {@code Render.Replace} in both modes (argo-behaviour.md §CD4.3): fasttemplate replaces string keys only and
 * leaves the rest verbatim; the goTemplate subset prints, misses and fails as Go's text/template does, and refuses
 * what it lacks.
 */
class RenderTest {

    private final Render render = new Render();

    private static Map<String, Object> params() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", "deep");
        nested.put("n", 1e6);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a", nested);
        params.put("name", "web");
        params.put("my-key", "dashed");
        params.put("list", new ArrayList<>(Arrays.asList("x", "y")));
        params.put("nothing", null);
        params.put("flag", true);
        params.put("values", TypedMap.of(TypedMap.Kind.STRING_MAP, Map.of("env", "prod")));
        TypedMap parameters = TypedMap.of(TypedMap.Kind.PLUGIN_PARAMETERS, Map.of("k", new RawJson("\"v1\"")));
        params.put(
                "generator",
                new LinkedHashMap<>(
                        Map.of("input", TypedMap.of(TypedMap.Kind.PLUGIN_INPUT, Map.of("parameters", parameters)))));
        return params;
    }

    private String go(String template, String... options) throws TemplateException {
        return render.replace(template, params(), true, List.of(options));
    }

    private String fast(String template, Map<String, Object> params) throws TemplateException {
        return render.replace(template, params, false, List.of());
    }

    @Test
    void fasttemplateReplacesTrimmedTagsOfStringKeysOnly() throws Exception {
        Map<String, Object> params = Map.of("name", "web", "a.b", "flat", "generator", Map.of("input", "x"));

        assertThat(fast("app-{{name}}-{{ a.b }}", params)).isEqualTo("app-web-flat");
        assertThat(fast("{{ unknown }} {{}} {{generator}} {{ generator.input.parameters.x }}", params))
                .isEqualTo("{{ unknown }} {{}} {{generator}} {{ generator.input.parameters.x }}");
        assertThat(render.quirks().verbatimTags())
                .containsExactlyInAnyOrder("generator", "generator.input.parameters.x");
    }

    @Test
    void fasttemplateLeavesAStringWithoutATagOnOneLineAlone() throws Exception {
        assertThat(fast("{{name\n}}", Map.of("name", "web"))).isEqualTo("{{name\n}}");
    }

    @Test
    void fasttemplateReportsAnUnclosedTagAsArgoDoes() {
        assertThatThrownBy(() -> fast("{{name}} and {{rest", Map.of("name", "web")))
                .isInstanceOf(TemplateException.class)
                .hasMessage(
                        "invalid template: Cannot find end tag=\"}}\" in the template=\"{{name}} and {{rest\" starting from \"rest\"");
    }

    @Test
    void goTemplateReadsFieldChainsWithOrWithoutSpaces() throws Exception {
        assertThat(go("{{.name}}/{{ .a.b }}/{{.a.n}}/{{.flag}}/{{ $.name }}/{{.values.env}}"))
                .isEqualTo("web/deep/1e+06/true/web/prod");
        assertThat(go("x {{- \" y \" -}} z")).isEqualTo("x y z");
        assertThat(go("a{{/* note */}}b {{- /* trimmed */ -}} c")).isEqualTo("abc");
        assertThat(go("{{.list}} {{.a}}")).isEqualTo("[x y] map[b:deep n:1e+06]");
    }

    @Test
    void goTemplatePrintsNoValueForMissingKeysAndNullsByDefault() throws Exception {
        assertThat(go("{{.missing}}|{{.nothing}}|{{.a.missing}}|{{.missing.deeper}}"))
                .isEqualTo("<no value>|<no value>|<no value>|<no value>");
        assertThat(go("{{.values.missing}}|{{.a.missing}}", "missingkey=zero")).isEqualTo("|<no value>");
    }

    @Test
    void goTemplateFailsOnAMissingKeyWithMissingkeyError() {
        assertThatThrownBy(() -> go("{{.missing}}", "missingkey=error"))
                .isInstanceOf(TemplateException.class)
                .hasMessage(
                        "failed to execute go template {{.missing}}: template: base:1:2: executing \"base\" at <.missing>:"
                                + " map has no entry for key \"missing\"");
        assertThatThrownBy(() -> go("name: {{ .a.b.c }}", "missingkey=error"))
                .hasMessage(
                        "failed to execute go template name: {{ .a.b.c }}: template: base:1:11: executing \"base\" at"
                                + " <.a.b.c>: can't evaluate field c in type interface {}");
        assertThatThrownBy(() -> go("line\n  {{.nothing.x}}"))
                .hasMessage(
                        "failed to execute go template line\n  {{.nothing.x}}: template: base:2:12: executing \"base\" at"
                                + " <.nothing.x>: nil pointer evaluating interface {}.x");
    }

    @Test
    void goTemplateIndexesMapsListsAndStrings() throws Exception {
        assertThat(
                        go(
                                "{{index . \"my-key\"}} {{ index .list 1 }} {{index .a \"b\"}} {{index .name 0}} {{index .a \"none\"}}"))
                .isEqualTo("dashed y deep 119 <no value>");
        assertThatThrownBy(() -> go("{{index .list 2}}"))
                .hasMessage("failed to execute go template {{index .list 2}}: template: base:1:2: executing \"base\" at"
                        + " <index .list 2>: error calling index: reflect: slice index out of range");
        assertThatThrownBy(() -> go("{{index .list 3}}"))
                .hasMessageEndingWith("error calling index: index out of range: 3");
        assertThatThrownBy(() -> go("{{index .missing \"k\"}}"))
                .hasMessageEndingWith("error calling index: index of untyped nil");
        assertThatThrownBy(() -> go("{{index .flag \"k\"}}"))
                .hasMessageEndingWith("error calling index: can't index item of type bool");
    }

    @Test
    void goTemplateSeesInputParametersAsOpaqueJson() throws Exception {
        assertThat(go("{{.generator.input.parameters.k}}")).isEqualTo("{[34 118 49 34]}");
        assertThatThrownBy(() -> go("{{ index .generator.input.parameters.k \"x\" }}"))
                .hasMessage(
                        "failed to execute go template {{ index .generator.input.parameters.k \"x\" }}: template: base:1:3:"
                                + " executing \"base\" at <index .generator.inp...>: error calling index: can't index item of type v1.JSON");
        assertThat(render.quirks().sawOpaqueInputParameter()).isTrue();
    }

    @Test
    void goTemplateReportsGosParseErrors() {
        assertThatThrownBy(() -> go("{{.my-key}}"))
                .hasMessage("failed to parse template {{.my-key}}: template: base:1: bad character U+002D '-'");
        assertThatThrownBy(() -> go("a {{.name"))
                .hasMessage("failed to parse template a {{.name: template: base:1: unclosed action");
        assertThatThrownBy(() -> go("{{ }}"))
                .hasMessage("failed to parse template {{ }}: template: base:1: missing value for command");
        assertThatThrownBy(() -> go("{{$x}}"))
                .hasMessage("failed to parse template {{$x}}: template: base:1: undefined variable \"$x\"");
    }

    @Test
    void goTemplateRefusesWhatTheSubsetLacksInsteadOfGuessing() {
        for (String unsupported : List.of(
                "{{.name | upper}}",
                "{{ if .flag }}x{{ end }}",
                "{{ default \"a\" .name }}",
                "{{ (index .a \"b\") }}",
                "{{ $v := .name }}",
                "{{ toJson .a }}",
                "{{ .name .flag }}")) {
            assertThatThrownBy(() -> go(unsupported))
                    .as(unsupported)
                    .isInstanceOf(UnsupportedTemplateException.class)
                    .hasMessageContaining("goTemplate subset does not support");
        }
        assertThatThrownBy(() -> go("{{.name}}", "missingkey=bogus")).isInstanceOf(UnsupportedTemplateException.class);
    }
}
