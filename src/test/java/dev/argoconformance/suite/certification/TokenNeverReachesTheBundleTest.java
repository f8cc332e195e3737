package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.RunOptions;
import dev.argoconformance.suite.launcher.Certification;
import dev.argoconformance.suite.plugin.PluginContainer;
import dev.argoconformance.suite.plugin.SampleImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/**
 * No file of a bundle holds the plugin's token. The test, not the suite, chooses the token: it
 * starts the hello-executor sample with it, certifies that server by URL with the full profile (every
 * exchange, every hostile input, the load), and searches every byte of every file the run wrote for
 * the token, raw and base64-encoded, so the suite's own scan is not the only witness.
 */
@Tag("docker")
class TokenNeverReachesTheBundleTest {

    static final Path ROOT = HelloEvidenceBundleTest.ROOT;

    @Test
    void noFileOfTheBundleContainsTheToken() throws Exception {
        Path samples = ROOT.resolve("sample-plugins");
        Path sample = samples.resolve("hello-executor");
        String image = SampleImages.build(samples, sample);
        // Random and distinctive: any copy of it in any file can only have come from this run.
        String token = "leakcheck" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        String serverPy = Files.readString(sample.resolve("server.py"), StandardCharsets.UTF_8);
        PluginManifest manifest =
                PluginManifest.parse(sample.resolve("plugin.yaml")).withArgs(List.of(serverPy));
        Path reports = ROOT.resolve("reports/evidence-tests/token-scan");

        RunResult result;
        try (PluginContainer plugin = new PluginContainer(DockerImageName.parse(image))
                .withToken(token)
                .withManifest(manifest)) {
            plugin.start();
            Map<String, String> props = new LinkedHashMap<>();
            props.put(RunOptions.URL, plugin.getBaseUrl().toString());
            props.put(RunOptions.TOKEN, token);
            props.put(RunOptions.MANIFEST, sample.resolve("plugin.yaml").toString());
            props.put(RunOptions.PROFILE, "full");
            props.put(RunOptions.ROOT, ROOT.toString());
            props.put(RunOptions.REPORTS, reports.toString());
            result = Certification.run(RunOptions.from(props::get, props.keySet()));
        }

        assertThat(result.withStatus(Status.ERROR)).as("harness errors").isEmpty();
        assertThat(result.withStatus(Status.FAILED))
                .as("failures of a correct plugin")
                .isEmpty();
        assertThat(result.results().stream().filter(r -> r.calls().size() > 0).count())
                .as("requirements that exchanged calls with the plugin (the token was in play)")
                .isGreaterThan(20);
        // A plugin started elsewhere has no container to inspect: those checks are disabled, so nothing is certified.
        assertThat(result.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(result.verdict().exitCode()).isEqualTo(3);

        // The token, encoded, and any ten characters of it or of its reverse: the auth checks send its prefix and
        // its reverse, and either gives the token away.
        List<String> needles = new ArrayList<>(List.of(
                token,
                Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("Bearer " + token).getBytes(StandardCharsets.UTF_8))));
        String reversed = new StringBuilder(token).reverse().toString();
        for (int i = 0; i + 10 <= token.length(); i++) {
            needles.add(token.substring(i, i + 10));
            needles.add(reversed.substring(i, i + 10));
        }
        List<Path> scanned = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(
                Files.walk(result.bundle()), Files.walk(result.bundle().resolveSibling("latest")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String needle : needles) {
                    assertThat(content.contains(needle))
                            .as("%s contains the token or a part of it (%s)", file, needle)
                            .isFalse();
                }
                scanned.add(file);
            }
        }
        assertThat(scanned)
                .as("files scanned")
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "report.html",
                        "results.json",
                        "junit.xml",
                        "cucumber.html",
                        "cucumber.ndjson",
                        "badge.json",
                        "badge.svg");

        JsonNode options = Json.MAPPER
                .readTree(Files.readString(result.bundle().resolve("results.json")))
                .path("run")
                .path("options");
        assertThat(options.path(RunOptions.TOKEN).asText())
                .as("the token option, masked")
                .isEqualTo("*****");
        assertThat(Files.readString(result.bundle().resolve("report.html")))
                .as("the report shows masked exchanges")
                .contains("Authorization: Bearer *****")
                .contains("${ARGO_TOKEN}");
    }
}
