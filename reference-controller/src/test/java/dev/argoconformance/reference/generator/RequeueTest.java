package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When Argo reconciles again by itself (argo-behaviour.md §CD5, vector R11): the minimum of the non-zero values over
 * the generators, 30 minutes for a plugin by default, 0 for "no periodic requeue", 3 minutes after an error.
 */
class RequeueTest {

    private final FakeGeneratorPlugin plugin = new FakeGeneratorPlugin();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private static ApplicationSet generators(String yaml) {
        return ApplicationSet.parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: requeue}
                spec:
                  generators:
                %s
                """.formatted(yaml.indent(4)));
    }

    private static final String PLUGIN = "- plugin: {configMapRef: {name: p}}\n";

    private static String plugin(long seconds) {
        return "- plugin: {configMapRef: {name: p}, requeueAfterSeconds: " + seconds + "}\n";
    }

    static Stream<Arguments> generatorSets() {
        return Stream.of(
                Arguments.of("a plugin without a setting", PLUGIN, Duration.ofMinutes(30)),
                Arguments.of("a plugin with 30 s", plugin(30), Duration.ofSeconds(30)),
                Arguments.of("two plugins", plugin(600) + plugin(120), Duration.ofMinutes(2)),
                Arguments.of("0 is ignored in the minimum", plugin(0) + PLUGIN, Duration.ofMinutes(30)),
                Arguments.of("only 0: no requeue", plugin(0), Duration.ZERO),
                Arguments.of(
                        "beside git's 3 min default",
                        PLUGIN + "- git: {repoURL: r, revision: HEAD}\n",
                        Duration.ofMinutes(3)),
                Arguments.of(
                        "beside git with 60 s",
                        PLUGIN + "- git: {repoURL: r, requeueAfterSeconds: 60}\n",
                        Duration.ofMinutes(1)),
                Arguments.of("a list never requeues", PLUGIN + "- list: {elements: []}\n", Duration.ofMinutes(30)),
                Arguments.of("clusters never requeue", PLUGIN + "- clusters: {}\n", Duration.ofMinutes(30)),
                Arguments.of(
                        "pull request and SCM default to 30 min",
                        "- pullRequest: {github: {}}\n- scmProvider: {}\n",
                        Duration.ofMinutes(30)),
                Arguments.of(
                        "a matrix takes its children's minimum",
                        "- matrix: {generators: [{list: {elements: []}}, {plugin: {configMapRef: {name: p}, requeueAfterSeconds: 45}}]}\n",
                        Duration.ofSeconds(45)),
                Arguments.of(
                        "a merge of zeros is zero",
                        "- merge: {mergeKeys: [a], generators: [{plugin: {configMapRef: {name: p}, requeueAfterSeconds: 0}},"
                                + " {list: {elements: []}}]}\n",
                        Duration.ZERO),
                Arguments.of("a negative value wins after a positive one", PLUGIN + plugin(-5), Duration.ofSeconds(-5)),
                Arguments.of(
                        "a negative value wins before a positive one", plugin(-5) + PLUGIN, Duration.ofSeconds(-5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatorSets")
    void takesTheSmallestNonZeroRequeueOfAllGenerators(String description, String yaml, Duration expected) {
        assertThat(ApplicationSetController.requeueAfter(generators(yaml))).isEqualTo(expected);
    }

    @Test
    void doesNotRequeueWhenTheMinimumIsZeroOrNegative() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"}]}}");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "requeueAfterSeconds: 0", "app"));

        assertThat(result.requeueAfter()).isZero();
        assertThat(result.requeues()).isFalse();
    }

    @Test
    void requeuesAfterThreeMinutesOnAnErrorWhateverTheSetting() {
        plugin.reply(500, "down");

        Reconciliation result = plugin.reconcile(FakeGeneratorPlugin.appSet(false, "requeueAfterSeconds: 3600", "app"));

        assertThat(result.requeueAfter()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void requeuesAfterThreeMinutesOnValidationErrorsWhenNothingElseWould() {
        plugin.reply(200, "{\"output\":{\"parameters\":[{\"a\":\"1\"},{\"a\":\"1\"}]}}");

        Reconciliation result =
                plugin.reconcile(FakeGeneratorPlugin.appSet(false, "requeueAfterSeconds: 0", "dup-{{a}}"));

        assertThat(result.validationError())
                .hasValue("ApplicationSet myplugin contains applications with duplicate name: dup-1");
        assertThat(result.requeueAfter()).isEqualTo(Duration.ofMinutes(3));
    }
}
