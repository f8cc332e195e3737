package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.launcher.Certification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A verdict that depends on the clock is no verdict: the plugin that answers 503 for its first
 * seconds, as a plugin that warms up does, certified twice from a fresh start, gets the same verdict
 * and the same status for every requirement both times.
 */
@Tag("docker")
class SameVerdictTwiceTest {

    @Test
    void aPluginThatWarmsUpGetsTheSameVerdictTwice() {
        RunResult first = certify();
        RunResult second = certify();

        assertThat(first.verdict()).isEqualTo(Verdict.CERTIFIED);
        assertThat(statuses(second)).isEqualTo(statuses(first));
        assertThat(second.verdict()).isEqualTo(first.verdict());
    }

    private static RunResult certify() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(RunOptions.SAMPLE, "warming-up-executor-java");
        props.put(RunOptions.ROOT, SampleCertificationTest.ROOT.toString());
        props.put(
                RunOptions.REPORTS,
                SampleCertificationTest.ROOT.resolve("reports/samples/twice").toString());
        props.put(RunOptions.CONSOLE, "quiet");
        return Certification.run(RunOptions.from(props::get, props.keySet()));
    }

    private static Map<String, String> statuses(RunResult result) {
        Map<String, String> statuses = new TreeMap<>();
        for (RequirementResult r : result.results()) {
            statuses.put(r.requirement().id(), r.status().id());
        }
        return statuses;
    }
}
