package dev.argoconformance.suite.launcher;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.RunResult;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.RunOptions;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a certification in this JVM through the JUnit Platform Launcher: the request is {@link CertificationSuite},
 * the class Maven's runner inherits, with the options given here instead of -D properties.
 */
public final class Certification {

    private Certification() {}

    /** Certifies the plugin the options name; harness problems throw {@link HarnessException}. */
    public static RunResult run(RunOptions options) {
        try (CertificationRun run = CertificationRun.begin(options)) {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request());
            return run.result()
                    .orElseThrow(() -> new HarnessException(
                            "The run ended without a verdict: the certification plugin did not see the run finish."));
        }
    }

    /** The certification's discovery request, as Maven runs it: {@link CertificationSuite} through the suite engine. */
    static LauncherDiscoveryRequest request() {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CertificationSuite.class))
                .filters(includeEngines("junit-platform-suite"))
                .build();
    }
}
