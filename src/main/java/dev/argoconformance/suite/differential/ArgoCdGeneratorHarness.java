package dev.argoconformance.suite.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.HarnessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Argo CD side of the differential tier: {@code differential/argocd-generator}, a Go program that
 * calls an ApplicationSet generator plugin through Argo CD's own plugin generator (pinned in its
 * go.mod) and prints, per generator, the parameter sets, the error and every HTTP attempt (its README).
 */
public final class ArgoCdGeneratorHarness {

    /** {@code -Ddifferential.generatorHarness=PATH}: another build of the harness than the repository's. */
    public static final String PROPERTY = "differential.generatorHarness";

    public static final String BINARY = "differential/argocd-generator/bin/argocd-generator";

    public static final String BUILD_SCRIPT = "differential/argocd-generator/build.sh";

    /** Argo CD's whole-exchange timeout is 30 s and it never retries: one generator takes at most that. */
    private static final Duration PER_GENERATOR = Duration.ofSeconds(40);

    private final Path binary;

    private ArgoCdGeneratorHarness(Path binary) {
        this.binary = binary;
    }

    /** @throws HarnessException with one sentence saying how to build it, when it is not there */
    public static ArgoCdGeneratorHarness locate(Path root) {
        String given = System.getProperty(PROPERTY, "");
        Path binary = given.isBlank()
                ? Processes.inRepository(root, BINARY)
                : Path.of(given).toAbsolutePath();
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new HarnessException("The differential harness " + binary + " is not built: run "
                    + Processes.inRepository(root, BUILD_SCRIPT)
                    + " (it needs Go and the Go module proxy; a few minutes the first time).");
        }
        return new ArgoCdGeneratorHarness(binary);
    }

    /** One generator of a run: its name, the ApplicationSet's name and its plugin's input.parameters. */
    public record Generator(String name, String appSetName, ObjectNode parameters) {}

    /** What Argo CD's plugin generator returned for one generator. */
    public record Result(
            String name,
            List<JsonNode> params,
            String error,
            double requeueAfterSeconds,
            List<String> attempts,
            int connectionsOpened,
            JsonNode raw) {
        public Result {
            params = List.copyOf(params);
            attempts = List.copyOf(attempts);
        }
    }

    /** The Argo CD version linked in ({@code "argocd"} in every line), and one result per generator, in order. */
    public record Run(String argoCdVersion, List<Result> results, List<String> lines) {
        public Run {
            results = List.copyOf(results);
            lines = List.copyOf(lines);
        }

        public Result result(String name) {
            return results.stream()
                    .filter(r -> r.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new HarnessException("argocd-generator printed no result for generator " + name
                            + ": " + String.join("\n", lines)));
        }
    }

    /**
     * Calls the plugin once per generator, one after another, each in an ApplicationSet with
     * {@code goTemplate: true}, as the ApplicationSet controller does.
     *
     * @param configMap the ConfigMap's name; its {@code token} is {@code $plugin.token} of Secret argocd-secret
     */
    public Run run(URI baseUrl, String token, String configMap, String namespace, List<Generator> generators) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (generators.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one generator");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("argocd-generator-run-");
            Path tokenFile =
                    Files.writeString(dir.resolve("token"), token == null ? "" : token, StandardCharsets.UTF_8);
            ArrayNode cases = Json.MAPPER.createArrayNode();
            for (Generator g : generators) {
                ObjectNode c = cases.addObject();
                c.put("name", g.name());
                c.put("appSetName", g.appSetName());
                c.put("goTemplate", true);
                ObjectNode plugin = c.putObject("generator").putObject("plugin");
                plugin.putObject("configMapRef").put("name", configMap);
                ObjectNode input = plugin.putObject("input");
                if (!g.parameters().isEmpty()) {
                    input.set("parameters", g.parameters().deepCopy());
                }
            }
            Path file = dir.resolve("generators.json");
            Files.write(file, Json.MAPPER.writeValueAsBytes(cases));
            List<String> command = List.of(
                    binary.toString(),
                    "--base-url",
                    baseUrl.toString(),
                    "--token-file",
                    tokenFile.toString(),
                    "--token-ref",
                    "$plugin.token",
                    "--configmap",
                    configMap,
                    "--namespace",
                    namespace,
                    "--generators",
                    file.toString());
            Processes.Exec exec = Processes.exec(
                    command, PER_GENERATOR.multipliedBy(generators.size()).plusSeconds(10), dir, "argocd-generator");
            if (exec.exit() != 0) {
                throw new HarnessException("argocd-generator failed (exit " + exec.exit() + "): "
                        + exec.stderr().strip());
            }
            return parse(exec.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the files of an argocd-generator run", e);
        } finally {
            Processes.deleteQuietly(dir);
        }
    }

    static Run parse(String stdout) {
        String version = "";
        List<Result> results = new ArrayList<>();
        List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
        for (String line : lines) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                throw new HarnessException("argocd-generator printed a line that is not JSON: " + line);
            }
            version = node.path("argocd").asText(version);
            if (node.path("kind").asText().equals("result")) {
                List<JsonNode> params = new ArrayList<>();
                node.path("params").forEach(params::add);
                List<String> attempts = new ArrayList<>();
                int n = 0;
                for (JsonNode a : node.path("attempts")) {
                    n++;
                    attempts.add(n + ": "
                            + (a.hasNonNull("dialError")
                                    ? "no connection: " + a.get("dialError").asText()
                                    : a.path("status").asInt(0) > 0
                                            ? a.path("statusLine").asText().replaceFirst("^HTTP/1\\.[01] ", "")
                                            : "no response")
                            + (a.path("newConnection").asBoolean() ? " (new connection)" : ""));
                }
                results.add(new Result(
                        node.path("name").asText(),
                        params,
                        node.path("error").isNull() ? "" : node.path("error").asText(""),
                        node.path("requeueAfterSeconds").asDouble(),
                        attempts,
                        node.path("connectionsOpened").asInt(),
                        node));
            }
        }
        if (version.isEmpty()) {
            throw new HarnessException("argocd-generator printed no header: " + stdout);
        }
        return new Run(version, results, lines);
    }
}
