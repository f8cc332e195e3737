package dev.argoconformance.suite.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
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
 * The Argo side of the differential tier: {@code differential/argo-agent}, a Go program that runs Argo
 * Workflows' own agent code (pinned in its go.mod) against a running plugin and prints what that code
 * did as JSON lines (its README describes the output). This class finds the binary, runs it with the
 * plugin's address, a token file and a templates file, and parses its lines into an {@link ArgoRun}.
 */
public final class ArgoAgentHarness {

    /** {@code -Ddifferential.harness=PATH}: another build of the harness than the repository's. */
    public static final String PROPERTY = "differential.harness";

    /** Where {@link #BUILD_SCRIPT} puts the binary, relative to the repository root. */
    public static final String BINARY = "differential/argo-agent/bin/argo-agent";

    /** Builds {@link #BINARY} when it is missing or out of date. */
    public static final String BUILD_SCRIPT = "differential/argo-agent/build.sh";

    /**
     * ARGO_AGENT_PATCH_RATE for every run (the controller gives agent pods 10 s). It only batches the
     * agent's status patches: the plugin sees the same calls at the same times, and a run ends 100 ms
     * after its last result instead of up to 10 s.
     */
    public static final Duration PATCH_RATE = Duration.ofMillis(100);

    /** How long the harness may take beyond its own --timeout: it waits up to 10 s for the agent to exit. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Path binary;
    private volatile String version;

    private ArgoAgentHarness(Path binary) {
        this.binary = binary;
    }

    /**
     * The harness binary: {@code -Ddifferential.harness}, else {@value #BINARY} under the repository root.
     *
     * @throws HarnessException with one sentence saying how to build it, when it is not there
     */
    public static ArgoAgentHarness locate(Path root) {
        String given = System.getProperty(PROPERTY, "");
        Path binary = given.isBlank()
                ? Processes.inRepository(root, BINARY)
                : Path.of(given).toAbsolutePath();
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new HarnessException("The differential harness " + binary + " is not built: run "
                    + Processes.inRepository(root, BUILD_SCRIPT)
                    + " (it needs Go and the Go module proxy; about 9 minutes the first time).");
        }
        return new ArgoAgentHarness(binary);
    }

    public Path binary() {
        return binary;
    }

    /** The Argo Workflows version linked into the binary, e.g. {@code v4.0.5} ({@code argo-agent --version}). */
    public String argoVersion() {
        if (version == null) {
            Processes.Exec exec =
                    Processes.exec(List.of(binary.toString(), "--version"), Duration.ofSeconds(30), null, "argo-agent");
            if (exec.exit() != 0) {
                throw new HarnessException("argo-agent --version failed (exit " + exec.exit() + "): "
                        + exec.stderr().strip());
            }
            String[] words = exec.stdout().strip().split("\\s+");
            version = words[words.length - 1];
        }
        return version;
    }

    /** One template of a run: a name for the report and an Argo template. */
    public record NamedTemplate(String name, ObjectNode template) {}

    /**
     * One run of Argo's agent against one plugin.
     *
     * @param pluginName the sidecar's container name (an entry of ARGO_PLUGIN_NAMES)
     * @param repeat every template dispatched this many times at once, as separate tasks
     * @param timeout the harness stops then, whatever is still running ({@code --timeout})
     */
    public record Request(
            String pluginName,
            URI address,
            String token,
            List<NamedTemplate> templates,
            int repeat,
            Duration timeout,
            WorkflowMetadata workflow) {
        public Request {
            Objects.requireNonNull(address, "address");
            templates = List.copyOf(templates);
            if (templates.isEmpty()) {
                throw new IllegalArgumentException("a run needs at least one template");
            }
            if (repeat < 1) {
                throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
            }
        }
    }

    /** Runs Argo's agent once and parses what it printed. */
    public ArgoRun run(Request request) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("argo-agent-run-");
            // Verbatim, as Argo reads /var/run/argo/<name>/token: no newline added.
            Path tokenFile = Files.writeString(
                    dir.resolve("token"), request.token() == null ? "" : request.token(), StandardCharsets.UTF_8);
            ArrayNode templates = Json.MAPPER.createArrayNode();
            for (NamedTemplate t : request.templates()) {
                ObjectNode entry = templates.addObject();
                entry.put("name", t.name());
                entry.set("template", t.template());
            }
            Path templatesFile = dir.resolve("templates.json");
            Files.write(templatesFile, Json.MAPPER.writeValueAsBytes(templates));
            List<String> command = new ArrayList<>(List.of(
                    binary.toString(),
                    "--plugin",
                    request.pluginName() + "="
                            + stripTrailingSlash(request.address().toString()),
                    "--token-file",
                    request.pluginName() + "=" + tokenFile,
                    "--templates",
                    templatesFile.toString(),
                    "--repeat",
                    String.valueOf(request.repeat()),
                    "--timeout",
                    goDuration(request.timeout()),
                    "--patch-rate",
                    goDuration(PATCH_RATE)));
            if (request.workflow() != null) {
                command.addAll(List.of(
                        "--workflow-name",
                        request.workflow().name(),
                        "--namespace",
                        request.workflow().namespace(),
                        "--workflow-uid",
                        request.workflow().uid()));
            }
            Processes.Exec exec = Processes.exec(command, request.timeout().plus(GRACE), dir, "argo-agent");
            if (exec.exit() == 2) {
                throw new HarnessException(
                        "argo-agent refused its input: " + exec.stderr().strip());
            }
            if (exec.exit() != 0) {
                throw new HarnessException("argo-agent failed (exit " + exec.exit() + "): "
                        + exec.stderr().strip());
            }
            return ArgoRun.parse(exec.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the files of an argo-agent run", e);
        } finally {
            Processes.deleteQuietly(dir);
        }
    }

    /** Go's time.ParseDuration reads "1500ms" and "35s" alike. */
    static String goDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
