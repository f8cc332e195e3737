package dev.argoconformance.reference.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.protocol.Json;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Argo's {{tag}} substitution over a whole template. */
class SubstitutionTest {

    private static final Map<String, String> VARS =
            Map.of("inputs.parameters.x", "1", "workflow.name", "wf", "q", "a\"b$1\\");

    @Test
    void replacesKnownTagsWithOrWithoutSpacesAndLeavesTheRest() {
        Set<String> unresolved = new LinkedHashSet<>();

        String out = Substitution.apply(
                "{{inputs.parameters.x}}-{{ workflow.name }}-{{steps.a.id}}-{{q}}", VARS, unresolved);

        assertThat(out).isEqualTo("1-wf-{{steps.a.id}}-a\"b$1\\");
        assertThat(unresolved).containsExactly("steps.a.id");
    }

    @Test
    void replacesInKeysAndNestedValuesOfATemplate() {
        Set<String> unresolved = new LinkedHashSet<>();

        var out = Substitution.apply(
                Json.read("{\"plugin\":{\"p\":{\"{{workflow.name}}\":[\"{{inputs.parameters.x}}\",2,true]}}}"),
                VARS,
                unresolved);

        assertThat(out).isEqualTo(Json.read("{\"plugin\":{\"p\":{\"wf\":[\"1\",2,true]}}}"));
        assertThat(unresolved).isEmpty();
    }

    @Test
    void neverEvaluatesExpressionTagsAndSaysSo() {
        Set<String> unresolved = new LinkedHashSet<>();

        Substitution.apply("{{=inputs.parameters.x + 1}}", VARS, unresolved);

        assertThat(unresolved).containsExactly("=inputs.parameters.x + 1");
        assertThat(Substitution.failure("=inputs.parameters.x + 1"))
                .isEqualTo(
                        "failed to resolve {{=inputs.parameters.x + 1}}: the reference runner does not evaluate expression tags");
    }
}
