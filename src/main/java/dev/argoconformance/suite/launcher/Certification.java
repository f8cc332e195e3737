package dev.argoconformance.suite.launcher;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.FeatureCatalogue;
import dev.argoconformance.suite.certification.RunResult;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.RunOptions;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a certification in this JVM through the JUnit Platform Launcher: the same features, steps
 * and plugin as Maven's {@code @Suite} runner, with the options given here instead of -D properties.
 */
public final class Certification {

    static final String GLUE = "dev.argoconformance.suite.steps";
    static final String PLUGIN = "dev.argoconformance.suite.certification.CertificationPlugin";

    private Certification() {}

    /** Certifies the plugin the options name; harness problems throw {@link HarnessException}. */
    public static RunResult run(RunOptions options) {
        try (CertificationRun run = CertificationRun.begin(options)) {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request());
            return run.result().orElseThrow(() -> new HarnessException(
                    "The run ended without a verdict: the certification plugin did not see the run finish."));
        }
    }

    static LauncherDiscoveryRequest request() {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(FeatureCatalogue.CERTIFICATION_FOLDERS.stream().map(p -> selectPackage(p)).toList())
                .filters(includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", GLUE)
                .configurationParameter("cucumber.plugin", PLUGIN)
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.junit-platform.naming-strategy", "long")
                .build();
    }
}
