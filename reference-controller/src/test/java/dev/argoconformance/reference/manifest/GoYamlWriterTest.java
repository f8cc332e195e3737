package dev.argoconformance.reference.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * go-yaml v2's output for the shapes a ConfigMap has. The expectations follow go-yaml's emitterc.go, encode.go and
 * sorter.go; the folding of long plain and single-quoted scalars was also checked against PyYAML's emitter, which
 * go-yaml's descends from and which folds those two styles the same way.
 */
class GoYamlWriterTest {

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            false         | "false"
            y             | "y"
            0755          | "0755"
            1e3           | "1e3"
            2001-12-14    | "2001-12-14"
            ``            | ""
            >= v3.3       | '>= v3.3'
            x: y          | 'x: y'
            - item        | '- item'
            a # b         | 'a # b'
            it's          | it's
            100m          | 100m
            python:alpine | python:alpine
            tab\there     | "tab\\there"
            """)
    void quotesOnlyWhatWouldReadBackAsSomethingElse(String value, String written) {
        String text = value.replace("\\t", "\t");

        assertThat(GoYamlWriter.marshal(Map.of("k", text))).isEqualTo("k: " + written + "\n");
    }

    @Test
    void foldsLongPlainAndSingleQuotedTextPastColumn80() {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(
                "a",
                "This is a rather long description of a plugin that goes well beyond the eighty column limit of go-yaml, and then some more words here.");
        annotations.put(
                "b",
                ">= v3.3 but this one is also quite long so that single quoted folding happens somewhere around column eighty ok");

        String yaml = GoYamlWriter.marshal(Map.of("metadata", Map.of("annotations", annotations)));

        assertThat(yaml).isEqualTo("""
                metadata:
                  annotations:
                    a: This is a rather long description of a plugin that goes well beyond the eighty
                      column limit of go-yaml, and then some more words here.
                    b: '>= v3.3 but this one is also quite long so that single quoted folding happens
                      somewhere around column eighty ok'
                """);
    }

    @Test
    void writesMultiLineTextAsLiteralBlocksWithGoYamlsIndicators() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clip", "one\ntwo\n");
        data.put("keep", "one\n\n");
        data.put("strip", "one\ntwo");
        data.put("indented", "  code\nmore\n");
        data.put("trailing space", "one \ntwo\n");

        String yaml = GoYamlWriter.marshal(data);

        assertThat(yaml).isEqualTo("""
                clip: |
                  one
                  two
                indented: |2
                    code
                  more
                keep: |+
                  one

                strip: |-
                  one
                  two
                trailing space: "one \\ntwo\\n"
                """);
    }

    @Test
    void sortsKeysInGoYamlsNaturalOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : List.of("b", "a10", "a2", "ax", "_x", "A", "Z")) {
            map.put(key, 1L);
        }

        List<String> keys = new ArrayList<>(map.keySet());
        keys.sort(GoYamlWriter::compareKeys);

        assertThat(keys).containsExactly("_x", "A", "Z", "a2", "a10", "ax", "b");
    }

    @Test
    void writesSequencesInMappingsWithoutIndentAndEmptyCollectionsInFlowStyle() {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("command", List.of("python", "-c"));
        container.put("ports", List.of(Map.of("containerPort", 4355L)));
        container.put("env", List.of());
        container.put("resources", Map.of());
        container.put("name", "");
        container.put("service", null);

        assertThat(GoYamlWriter.marshal(container)).isEqualTo("""
                command:
                - python
                - -c
                env: []
                name: ""
                ports:
                - containerPort: 4355
                resources: {}
                service: null
                """);
    }
}
