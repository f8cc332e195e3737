package dev.argoconformance.suite.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@code ./mvnw verify -Dplugin.url=… -Dconformance.tags=…} on a plugin whose only selected
 * requirement is blocked by a failure the tags left out: no scenario fails, yet the verdict is
 * failed, and the build must fail with it. Run here as Maven runs it, the certification suite class
 * launched with the options as system properties, against a real HTTP server that refuses every
 * call with 403 (so Argo's own call is refused and EXEC-ACCEPT-01 is blocked by EXEC-AUTH-08).
 */
class FailedVerdictFailsTheBuildTest {

    @TempDir
    Path reports;

    @Test
    void aNarrowedRunWhoseVerdictIsFailedFailsTheBuild() throws Exception {
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusing.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
        });
        refusing.start();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("plugin.url", "http://127.0.0.1:" + refusing.getAddress().getPort());
        options.put("plugin.token", "bcdfghjklmnpqrstvwxz2456789bcdfg");
        options.put("conformance.tags", "@EXEC-ACCEPT-01");
        options.put(
                "conformance.root",
                Path.of(System.getProperty("conformance.root", ".."))
                        .toAbsolutePath()
                        .normalize()
                        .toString());
        options.put("conformance.reports", reports.toString());
        options.put("conformance.console", "quiet");
        Map<String, String> before = new LinkedHashMap<>();
        options.forEach((key, value) -> before.put(key, System.setProperty(key, value)));
        try {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create()
                    .execute(
                            request()
                                    .selectors(selectClass(CertifyPluginTest.class))
                                    .build(),
                            listener);
            TestExecutionSummary summary = listener.getSummary();

            List<Throwable> failures = summary.getFailures().stream()
                    .map(TestExecutionSummary.Failure::getException)
                    .toList();
            // Surefire reports the suite's container failing as one failed test ("CertifyPluginTest.Cucumber").
            assertThat(summary.getTotalFailureCount())
                    .as("failures: %s", failures)
                    .isEqualTo(1);
            assertThat(failures).singleElement().satisfies(failure -> {
                assertThat(failure.getClass().getSimpleName()).isEqualTo("VerdictFailure");
                assertThat(failure.getMessage())
                        .startsWith("The verdict is failed: EXEC-ACCEPT-01 blocked by EXEC-AUTH-08");
            });
        } finally {
            // Surefire's own properties (conformance.root) must survive for the tests that follow.
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
            refusing.stop(0);
        }
    }
}
