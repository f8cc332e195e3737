package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What Argo would do with the ApplicationSet's Applications after one reconcile (argo-behaviour.md §CD1.4 "Failure
 * semantics", vector R12): nothing after an error; after any success, delete what was not generated (sync policy
 * permitting), which is why a silent empty reply is as destructive as an explicit empty list.
 */
class ReconcileOutcomeTest {

    private static final List<String> EXISTING = List.of("app-1", "app-old");

    private final FakeGeneratorPlugin plugin = new FakeGeneratorPlugin();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private Reconciliation reconcile(String policy) {
        String yaml = FakeGeneratorPlugin.appSet(false, "", "app-{{a}}");
        if (policy != null) {
            yaml = yaml.replace(
                    "  goTemplate: false", "  goTemplate: false\n  syncPolicy: {applicationsSync: " + policy + "}");
        }
        return plugin.reconcile(yaml);
    }

    @Test
    void leavesEveryApplicationAloneWhenTheCallFails() {
        plugin.reply(503, "{\"message\":\"maintenance\"}");

        Reconciliation result = reconcile(null);

        assertThat(result.leavesApplicationsUntouched()).isTrue();
        assertThat(result.applications()).isEmpty();
        assertThat(result.applicationsToDelete(EXISTING)).isEmpty();
    }

    @Test
    void deletesWhatWasNotGeneratedAfterASuccess() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"},{\"a\":\"2\"}]}}");

        Reconciliation result = reconcile(null);

        assertThat(result.applicationsToApply())
                .extracting(RenderedApplication::name)
                .containsExactly("app-1", "app-2");
        assertThat(result.applicationsToDelete(EXISTING)).containsExactly("app-old");
    }

    @Test
    void deletesEverythingAfterAnExplicitEmptyList() {
        plugin.reply(200, "{\"output\":{\"parameters\":[]}}");

        Reconciliation result = reconcile(null);

        assertThat(result.applicationsToDelete(EXISTING)).containsExactlyElementsOf(EXISTING);
        assertThat(result.hadSilentEmptyReply()).isFalse();
    }

    @Test
    void deletesEverythingAfterASilentEmptyReplyAndFlagsIt() {
        plugin.reply(200, "{\"parameters\":[{\"a\":\"1\"}]}");

        Reconciliation result = reconcile(null);

        assertThat(result.error()).isEmpty();
        assertThat(result.applicationsToDelete(EXISTING)).containsExactlyElementsOf(EXISTING);
        assertThat(result.hadSilentEmptyReply()).isTrue();
        assertThat(result.notes())
                .filteredOn(n -> n.id().equals("GEN-SILENT-EMPTY"))
                .singleElement()
                .satisfies(note -> {
                    assertThat(note.summary()).contains("my-plugin", "\"parameters\" sits at the top level");
                    assertThat(note.argoBehaviour()).contains("deletes");
                });
    }

    @ParameterizedTest(name = "applicationsSync {0}")
    @CsvSource({"sync, true", "create-delete, true", "create-update, false", "create-only, false"})
    void deletesOnlyWhenTheSyncPolicyAllowsIt(String policy, boolean deletes) {
        plugin.reply(200, "{\"output\":{\"parameters\":[]}}");

        Reconciliation result = reconcile(policy);

        assertThat(result.applicationsToDelete(EXISTING)).hasSize(deletes ? 2 : 0);
    }

    @Test
    void skipsDuplicateNamesAsArgosValidationDoes() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"},{\"a\":\"1\"},{\"a\":\"2\"}]}}");

        Reconciliation result = reconcile(null);

        assertThat(result.validationError())
                .hasValue("ApplicationSet myplugin contains applications with duplicate name: app-1");
        assertThat(result.applicationsToApply())
                .as("both apps of the name share one error key")
                .extracting(RenderedApplication::name)
                .containsExactly("app-2");
        assertThat(result.applicationsToDelete(EXISTING))
                .as("deletion looks at every generated app")
                .containsExactly("app-old");
    }

    @Test
    void keepsCallingTheOtherGeneratorsAfterOneFailsAndReportsTheFirstError() {
        plugin.configMap("second", java.util.Map.of("baseUrl", plugin.baseUrl(), "token", "$plugin.token"));
        plugin.reply(500, "first down").reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}");
        String yaml = FakeGeneratorPlugin.appSet(false, "", "app-{{a}}")
                .replace("  template:", "    - plugin: {configMapRef: {name: second}}\n  template:");

        Reconciliation result = plugin.reconcile(yaml);

        assertThat(plugin.server.requestCount()).isEqualTo(2);
        assertThat(result.error())
                .hasValue("error listing params: error get api 'myplugin': API error with status code 500: first down");
        assertThat(result.applications()).isEmpty();
        assertThat(result.replies())
                .extracting(PluginReply::shape)
                .containsExactly(ReplyShape.ERROR, ReplyShape.PARAMETER_SETS);
    }

    @Test
    void reportsARenderingFailureWithItsOwnReason() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(true, "", "{{.nope}}")
                .replace("goTemplate: true", "goTemplate: true\n  goTemplateOptions: [missingkey=error]"));

        assertThat(result.error())
                .hasValue("failed to execute go template {{.nope}}: template: base:1:2: executing \"base\" at <.nope>:"
                        + " map has no entry for key \"nope\"");
        assertThat(result.errorReason()).hasValue(Reconciliation.REASON_RENDER);
        assertThat(result.applicationsToDelete(EXISTING)).isEmpty();
    }

    @Test
    void readsListElementsAsArgosListGeneratorDoes() {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: lists}
                spec:
                  generators:
                    - list: {elements: [{name: a, values: {env: prod}}]}
                  template:
                    metadata: {name: '{{name}}-{{values.env}}'}
                """;

        assertThat(plugin.reconcile(yaml).applications())
                .extracting(RenderedApplication::name)
                .containsExactly("a-prod");
        assertThat(plugin.reconcile(yaml.replace("name: a,", "name: a, n: 1,")).error())
                .hasValue("error parsing value as string %!w(<nil>)");
    }

    @Test
    void refusesWhatTheReferenceDoesNotImplementWithAClearMessage() {
        String git = FakeGeneratorPlugin.appSet(false, "", "x")
                .replace("    - plugin:", "    - git: {repoURL: r}\n      plugin:");

        assertThatThrownBy(() -> plugin.reconcile(git))
                .isInstanceOf(UnsupportedSpecException.class)
                .hasMessage(
                        "spec.generators[0].git: the git generator is not implemented by the reference controller (plugin, list,"
                                + " matrix and merge are)");
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}");
        assertThatThrownBy(() -> plugin.reconcile(FakeGeneratorPlugin.appSet(true, "", "{{ .a | upper }}")))
                .isInstanceOf(UnsupportedSpecException.class)
                .hasMessageContaining("goTemplate subset does not support");
        assertThatThrownBy(() -> plugin.reconcile(FakeGeneratorPlugin.appSet(false, "values: {a: 1}", "x")))
                .isInstanceOf(UnsupportedSpecException.class)
                .hasMessage(
                        "spec.generators[0].plugin.values.a: the CRD requires a string (the Argo CD API server would reject this"
                                + " ApplicationSet)");
    }
}
