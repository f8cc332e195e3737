package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ConfigMap and Secret checks before any call, with Argo CD's exact condition messages (argo-behaviour.md §CD1.4,
 * §CD2). None of these failures reaches the plugin, and each leaves the Applications alone with a 3-minute requeue.
 */
class ConfigResolutionTest {

    private final FakeGeneratorPlugin plugin = new FakeGeneratorPlugin();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private Reconciliation reconcile() {
        return plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));
    }

    private void assertFailsBeforeCalling(Reconciliation result, String message) {
        assertThat(result.error()).hasValue(message);
        assertThat(result.errorReason()).hasValue(Reconciliation.REASON_GENERATION);
        assertThat(result.leavesApplicationsUntouched()).isTrue();
        assertThat(result.requeueAfter()).hasMinutes(3);
        assertThat(plugin.server.requestCount())
                .as("the plugin is never called")
                .isZero();
        assertThat(result.calls()).isEmpty();
    }

    @Test
    void reportsAMissingConfigMap() {
        Reconciliation result =
                plugin.reconcile(FakeGeneratorPlugin.appSet(false, "", "app").replace("name: my-plugin", "name: nope"));

        assertFailsBeforeCalling(
                result, "error getting plugin from generator: error fetching ConfigMap: configmaps \"nope\" not found");
    }

    @Test
    void readsTheConfigMapInTheControllersNamespaceNotTheApplicationSets() {
        ApplicationSetController elsewhere = ApplicationSetController.builder(plugin.config)
                .namespace("other")
                .build();

        Reconciliation result = elsewhere.reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error())
                .hasValue(
                        "error getting plugin from generator: error fetching ConfigMap: configmaps \"my-plugin\" not found");
    }

    @Test
    void reportsAMissingOrEmptyBaseUrl() {
        plugin.configMap(FakeGeneratorPlugin.PLUGIN, Map.of("token", "$plugin.token"));
        assertFailsBeforeCalling(
                reconcile(),
                "error getting plugin from generator: error fetching ConfigMap: baseUrl not found in ConfigMap");

        plugin.configMap(FakeGeneratorPlugin.PLUGIN, Map.of("baseUrl", "", "token", "$plugin.token"));
        assertFailsBeforeCalling(
                reconcile(),
                "error getting plugin from generator: error fetching ConfigMap: baseUrl not found in ConfigMap");
    }

    @Test
    void reportsAMissingTokenBeforeAMissingBaseUrlIsNoLongerTheProblem() {
        plugin.configMap(FakeGeneratorPlugin.PLUGIN, Map.of("baseUrl", plugin.baseUrl()));

        assertFailsBeforeCalling(
                reconcile(),
                "error getting plugin from generator: error fetching ConfigMap: token not found in ConfigMap");
    }

    @Test
    void rejectsALiteralTokenAndQuotesItAsArgoDoes() {
        plugin.configMapWith("token", "not-a-reference");

        assertFailsBeforeCalling(
                reconcile(),
                "error getting plugin from generator: error fetching Secret token: token is empty,"
                        + " or does not reference a secret key starting with '$': not-a-reference");
    }

    @Test
    void reportsAMissingSecretWithTheControllerNamespace() {
        plugin.configMapWith("token", "$absent-secret:key");

        assertFailsBeforeCalling(
                reconcile(),
                "error getting plugin from generator: error fetching Secret token: error fetching"
                        + " secret argocd/absent-secret: secrets \"absent-secret\" not found");
    }

    @Test
    void findsNoSecretWithAnEmptyName() {
        plugin.configMapWith("token", "$:key");

        assertFailsBeforeCalling(
                reconcile(),
                "error getting plugin from generator: error fetching Secret token: error fetching"
                        + " secret argocd/: secrets \"\" not found");
    }

    @Test
    void reportsAMissingArgocdSecretForTheShortForm() {
        InMemoryConfigSource noSecret = new InMemoryConfigSource()
                .withConfigMap(
                        "argocd", FakeGeneratorPlugin.PLUGIN, Map.of("baseUrl", plugin.baseUrl(), "token", "$k"));

        Reconciliation result = ApplicationSetController.builder(noSecret)
                .build()
                .reconcile(FakeGeneratorPlugin.appSet(false, "", "app"));

        assertThat(result.error())
                .hasValue("error getting plugin from generator: error fetching Secret token: error fetching"
                        + " secret argocd/argocd-secret: secrets \"argocd-secret\" not found");
    }

    @Test
    void reportsABadRequestTimeoutWithStrconvsText() {
        plugin.configMapWith("requestTimeout", "60s");
        assertFailsBeforeCalling(
                reconcile(),
                "error getting plugin from generator: error set requestTimeout : strconv.Atoi: parsing \"60s\": invalid syntax");

        plugin.configMapWith("requestTimeout", "");
        assertFailsBeforeCalling(
                reconcile(),
                "error getting plugin from generator: error set requestTimeout : strconv.Atoi: parsing \"\": invalid syntax");
    }

    @Test
    void checksTheTokenBeforeTheRequestTimeout() {
        plugin.configMap(
                FakeGeneratorPlugin.PLUGIN,
                Map.of("baseUrl", plugin.baseUrl(), "token", "literal", "requestTimeout", "x"));

        assertThat(reconcile().error())
                .hasValueSatisfying(e -> assertThat(e).contains("does not reference a secret key"));
    }
}
