package dev.argoconformance.suite.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.argoconformance.suite.config.GeneratorExample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator side of the differential tier against a generator plugin in the test's JVM (no
 * Docker): Argo CD's own plugin generator (differential/argocd-generator) and the reference controller
 * agree on typed parameters, and a reference deliberately changed (flattening parameters as the
 * non-goTemplate mode does, or calling the plugin twice) is caught on exactly that field.
 */
@Tag("differential")
class GeneratorDifferentialTeethTest {

    static final String TOKEN = "generator-token-5d2f9a1c";

    /** Parameter sets of every JSON type, nested: what goTemplate mode passes through untouched. */
    static final String REPLY =
            "{\"output\":{\"parameters\":[{\"cluster\":\"prod\",\"replicas\":3,\"ratio\":1.5,\"on\":true,"
                    + "\"tags\":[\"a\",\"b\"],\"labels\":{\"team\":\"x\"},\"none\":null}]}}";

    private static HttpServer server;
    private static final AtomicInteger calls = new AtomicInteger();

    @BeforeAll
    static void startPlugin() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/api/v1/getparams.execute", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                calls.incrementAndGet();
                boolean authorized =
                        ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = (authorized ? REPLY : "{\"error\":\"forbidden\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(authorized ? 200 : 403, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterAll
    static void stopPlugin() {
        server.stop(0);
    }

    private static URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static ArgoCdGeneratorHarness harness() {
        return ArgoCdGeneratorHarness.locate(DifferentialTeethTest.ROOT);
    }

    private static List<GeneratorExample> examples(Path dir) throws IOException {
        Files.writeString(
                dir.resolve("typed.yaml"), "name: typed\ninput:\n  parameters:\n    env: prod\n    count: 2\n");
        return GeneratorExample.load(dir);
    }

    private static String report(List<GeneratorComparison> cs) {
        return cs.stream()
                .map(c -> c.summary() + "\n"
                        + c.differences().stream().map(Difference::toString).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void argoCdAndTheReferenceAgreeOnTypedParametersAndAnError(@TempDir Path dir) throws IOException {
        List<GeneratorComparison> cs = new GeneratorDifferential(harness()).compare(address(), TOKEN, examples(dir));
        List<GeneratorComparison> refused =
                new GeneratorDifferential(harness()).compare(address(), "wrong-token", examples(dir));
        System.out.println(report(cs) + "\n" + report(refused));

        assertThat(cs.get(0).differences()).as(report(cs)).isEmpty();
        assertThat(cs.get(0).argo().parameterSets())
                .contains("\"replicas\":3", "\"ratio\":1.5", "\"labels\":{\"team\":\"x\"}");
        assertThat(refused.get(0).differences()).as(report(refused)).isEmpty();
        assertThat(refused.get(0).argo().error()).contains("API error with status code 403");
    }

    /** A reference that flattened the plugin's parameters (the non-goTemplate path) where Argo CD does not. */
    @Test
    void aReferenceThatFlattensParametersIsCaught(@TempDir Path dir) throws IOException {
        GeneratorDifferential flattening = new GeneratorDifferential(harness(), appSet -> {
            appSet.withObjectProperty("spec").put("goTemplate", false);
            return appSet;
        });
        List<GeneratorComparison> cs = flattening.compare(address(), TOKEN, examples(dir));
        System.out.println("Deliberately changed reference (goTemplate: false):\n" + report(cs));

        assertThat(cs.get(0).unexpected()).extracting(Difference::field).containsExactly(Field.PARAMETER_SETS);
        assertThat(cs.get(0).unexpected().get(0).toString()).contains("\"replicas\":3", "\"replicas\":\"3\"");
    }

    /** A reference that called the plugin twice for one generator, as a retry Argo CD does not make would. */
    @Test
    void aReferenceThatCallsTwiceIsCaught(@TempDir Path dir) throws IOException {
        GeneratorDifferential twice = new GeneratorDifferential(harness(), appSet -> {
            var generators = (com.fasterxml.jackson.databind.node.ArrayNode)
                    appSet.get("spec").get("generators");
            generators.add(generators.get(0).deepCopy());
            return appSet;
        });
        List<GeneratorComparison> cs = twice.compare(address(), TOKEN, examples(dir));
        System.out.println("Deliberately changed reference (the plugin called twice):\n" + report(cs));

        assertThat(cs.get(0).unexpected()).extracting(Difference::field).contains(Field.CALLS);
        assertThat(cs.get(0).unexpected().stream()
                        .filter(d -> d.field() == Field.CALLS)
                        .findFirst()
                        .orElseThrow())
                .satisfies(d ->
                        assertThat(d.argoValue() + " vs " + d.referenceValue()).isEqualTo("1 vs 2"));
    }
}
