package dev.argoconformance.reference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.manifest.PluginBuild;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argo-reference} as a plugin author runs it: seed 001's workflow against a hello plugin on loopback, with and
 * without plugins, stuck, and every kind of bad input; then build, validate and discover.
 */
class ReferenceControllerTest {

    private static final String TOKEN = "kq2vbx9wz4rt7mnc5hj6pd8fl2sg3xb7";

    @TempDir
    Path tmp;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    record Outcome(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ReferenceController.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(ReferenceControllerTest.class.getResource("/cli/" + name), name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private SeedHelloPlugin hello(String reply) throws Exception {
        SeedHelloPlugin plugin = new SeedHelloPlugin(TOKEN, reply);
        toClose.add(plugin);
        return plugin;
    }

    /** A copy of the hello plugin folder, for commands that write into it. */
    private Path helloFolder(Path parent) throws Exception {
        Path folder = Files.createDirectories(parent.resolve("hello"));
        for (String file : List.of("plugin.yaml", "server.py")) {
            Files.copy(resource("hello/" + file), folder.resolve(file));
        }
        return folder;
    }

    private static void assertOneSentence(Outcome outcome, int exit) {
        assertThat(outcome.exit()).as("exit code; stderr: " + outcome.err()).isEqualTo(exit);
        assertThat(outcome.err().lines().toList())
                .as("one sentence on stderr")
                .singleElement()
                .satisfies(line -> assertThat(line).endsWith("."));
    }

    // ---- run ------------------------------------------------------------------------------------------------------

    @Test
    void runsTheSeedHelloWorkflowAgainstTheHelloPluginAndSucceeds() throws Exception {
        SeedHelloPlugin plugin = hello(SeedHelloPlugin.SEED_REPLY);

        Outcome run = cli(
                "run",
                resource("hello-workflow.yaml").toString(),
                "--plugins",
                resource("hello").toString(),
                "--address",
                "hello=" + plugin.url(),
                "--token",
                "hello=" + TOKEN);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines().getFirst())
                .matches("Workflow hello-[a-z0-9]{5} in namespace argo, executor plugins: hello at " + plugin.url()
                        + "\\.");
        assertThat(run.outLines())
                .anySatisfy(
                        line -> assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  hello-[a-z0-9]{5}  Pending"));
        assertThat(run.outLines())
                .anySatisfy(
                        line -> assertThat(line)
                                .matches(
                                        "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  hello-[a-z0-9]{5}  Succeeded  Hello template!  outputs: foo=bar"));
        assertThat(run.outLines().getLast()).matches("Workflow hello-[a-z0-9]{5} Succeeded");
        assertThat(plugin.authorizations()).containsExactly("Bearer " + TOKEN);
        assertThat(run.out()).doesNotContain(TOKEN);
    }

    @Test
    void readsTheTokenFromAFileWithoutItsTrailingNewline() throws Exception {
        SeedHelloPlugin plugin = hello(SeedHelloPlugin.SEED_REPLY);
        Path tokenFile = Files.writeString(tmp.resolve("token"), TOKEN + "\n");

        Outcome run = cli(
                "run",
                resource("hello-workflow.yaml").toString(),
                "--plugins",
                resource("hello").toString(),
                "--address",
                "hello=" + plugin.url(),
                "--token-file",
                "hello=" + tokenFile);

        assertThat(run.exit()).as(run.out()).isEqualTo(0);
        assertThat(plugin.authorizations()).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void failsWithNoPluginExecutedTheTemplateWhenNoPluginIsInstalled() {
        Outcome run = cli("run", resource("hello-workflow.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines())
                .anySatisfy(line -> assertThat(line).endsWith("  Failed  no plugin executed the template"));
        assertThat(run.outLines().getLast())
                .matches("Workflow hello-[a-z0-9]{5} Failed: no plugin executed the template");
    }

    @Test
    void failsTheNodeWithArgosTextWhenThePluginRefusesTheToken() throws Exception {
        SeedHelloPlugin plugin = hello(SeedHelloPlugin.SEED_REPLY);

        Outcome run = cli(
                "run",
                resource("hello-workflow.yaml").toString(),
                "--plugins",
                resource("hello").toString(),
                "--address",
                "hello=" + plugin.url(),
                "--token",
                "hello=not-the-token");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines().getLast()).matches("Workflow hello-[a-z0-9]{5} Failed: 403 Forbidden: ");
        assertThat(plugin.authorizations()).as("a 403 is fatal: one call").hasSize(1);
    }

    @Test
    void exitsThreeWhenAPluginLeavesTheNodeRunningWithoutARequeue() throws Exception {
        SeedHelloPlugin plugin = hello("{\"node\":{\"phase\":\"Running\",\"message\":\"started\"}}");

        Outcome run = cli(
                "run",
                resource("hello-workflow.yaml").toString(),
                "--plugins",
                resource("hello").toString(),
                "--address",
                "hello=" + plugin.url(),
                "--token",
                "hello=" + TOKEN);

        assertThat(run.exit()).as(run.out()).isEqualTo(3);
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).endsWith("  Running  started"));
        assertThat(run.outLines().getLast())
                .startsWith("Workflow hello-")
                .contains(" Running: node hello-")
                .contains("Argo would never call the plugin for it again")
                .endsWith("(EXEC-REQUEUE-03)");
    }

    @Test
    void exitsOneWhenTheTimeoutPassesFirst() throws Exception {
        SeedHelloPlugin plugin = hello("{\"node\":{\"phase\":\"Running\"},\"requeue\":\"50ms\"}");

        Outcome run = cli(
                "run",
                resource("hello-workflow.yaml").toString(),
                "--plugins",
                resource("hello").toString(),
                "--address",
                "hello=" + plugin.url(),
                "--token",
                "hello=" + TOKEN,
                "--timeout",
                "300ms",
                "--workers",
                "1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines().getLast())
                .matches(
                        "Workflow hello-[a-z0-9]{5} Running: the run's deadline of 300ms passed with node hello-[a-z0-9]{5} \\(Running\\) unfinished");
    }

    @Test
    void refusesAMissingOrInvalidWorkflowInOneSentence() throws Exception {
        Path missing = tmp.resolve("missing.yaml");
        Path invalid = Files.writeString(
                tmp.resolve("invalid.yaml"),
                Files.readString(resource("hello-workflow.yaml")).replace("entrypoint: main", "entrypoint: mian"));

        Outcome unreadable = cli("run", missing.toString());
        Outcome refused = cli("run", invalid.toString());

        assertOneSentence(unreadable, 2);
        assertThat(unreadable.err())
                .isEqualTo("Cannot read " + missing + ": there is no such file." + System.lineSeparator());
        assertOneSentence(refused, 2);
        assertThat(refused.err())
                .startsWith("spec.entrypoint mian names no template of " + invalid + "; its templates are main.");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void refusesAnUnknownPluginAndBadFlagsInOneSentence() throws Exception {
        String workflow = resource("hello-workflow.yaml").toString();
        String plugins = resource("hello").toString();

        Outcome unknownPlugin = cli("run", workflow, "--plugins", plugins, "--token", "nope=x");
        assertOneSentence(unknownPlugin, 2);
        assertThat(unknownPlugin.err())
                .startsWith("--token names plugin nope, but the plugins the workflow gets are hello.");

        Outcome noPairs = cli("run", workflow, "--plugins", plugins, "--token", TOKEN);
        assertOneSentence(noPairs, 2);
        assertThat(noPairs.err()).as("never echo a token").doesNotContain(TOKEN).startsWith("--token takes NAME=VALUE");

        for (String[] bad : List.of(
                new String[] {"--timeout", "10x"},
                new String[] {"--timeout", "0s"},
                new String[] {"--workers", "0"},
                new String[] {"--frobnicate"},
                new String[] {"--address", "hello=ftp://example"},
                new String[] {"--plugins", tmp.resolve("nowhere").toString()})) {
            List<String> args = new ArrayList<>(List.of("run", workflow, "--plugins", plugins));
            args.addAll(List.of(bad));
            assertOneSentence(cli(args.toArray(String[]::new)), 2);
        }
        assertThat(cli("run", workflow, "--timeout", "10x").err())
                .startsWith("Invalid value for option '--timeout': time: unknown unit \"x\" in duration \"10x\"");
    }

    @Test
    void refusesTwoPluginFoldersThatBuildTheSameConfigMap() throws Exception {
        helloFolder(tmp);
        Path second = Files.createDirectories(tmp.resolve("hello-again"));
        Files.copy(resource("hello/plugin.yaml"), second.resolve("plugin.yaml"));

        Outcome run = cli("run", resource("hello-workflow.yaml").toString(), "--plugins", tmp.toString());

        assertOneSentence(run, 2);
        assertThat(run.err())
                .startsWith("Plugin folders " + tmp.resolve("hello") + " and " + second
                        + " both build ConfigMap hello-executor-plugin in namespace argo");
    }

    // ---- build, validate, discover --------------------------------------------------------------------------------

    @Test
    void buildsTheConfigMapAndReadmeAsArgoDoesAndRunsFromThem() throws Exception {
        Path folder = helloFolder(tmp.resolve("src"));

        Outcome build = cli("build", folder.toString());

        assertThat(build.exit()).as(build.err()).isEqualTo(0);
        Path configMap = folder.resolve("hello-executor-plugin-configmap.yaml");
        assertThat(build.outLines()).containsExactly(configMap + " created", folder.resolve("README.md") + " created");
        assertThat(Files.readString(configMap))
                .isEqualTo(PluginBuild.of(folder).configMapYaml())
                .contains("workflows.argoproj.io/configmap-type: ExecutorPlugin")
                .contains("never run");
        assertThat(Files.readString(folder.resolve("README.md")))
                .startsWith("<!-- This is an auto-generated file. DO NOT EDIT -->\n# hello\n");

        Path installed = Files.createDirectories(tmp.resolve("installed"));
        Files.copy(configMap, installed.resolve(configMap.getFileName()));
        SeedHelloPlugin plugin = hello(SeedHelloPlugin.SEED_REPLY);
        Outcome run = cli(
                "run",
                resource("hello-workflow.yaml").toString(),
                "--plugins",
                installed.toString(),
                "--address",
                "hello=" + plugin.url(),
                "--token",
                "hello=" + TOKEN);
        assertThat(run.exit())
                .as("the written ConfigMap is a plugin the runner loads: " + run.out() + run.err())
                .isEqualTo(0);
    }

    @Test
    void refusesToBuildAFolderArgoWouldRefuse() throws Exception {
        Path folder = helloFolder(tmp);
        Files.writeString(
                folder.resolve("plugin.yaml"),
                Files.readString(folder.resolve("plugin.yaml"))
                        .replace("      ports:\n        - containerPort: 4355\n", ""));

        Outcome build = cli("build", folder.toString());

        assertOneSentence(build, 1);
        assertThat(build.err())
                .isEqualTo("sidecar is invalid: at least one port is mandatory." + System.lineSeparator());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("plugin.yaml", "server.py");
        }
    }

    @Test
    void validatesAManifestAsArgoDoes() throws Exception {
        Path valid = resource("hello/plugin.yaml");
        Path portless = Files.writeString(
                tmp.resolve("portless.yaml"),
                Files.readString(valid).replace("      ports:\n        - containerPort: 4355\n", ""));
        Path controllerKind = Files.writeString(
                tmp.resolve("kind.yaml"),
                Files.readString(valid).replace("kind: ExecutorPlugin", "kind: ControllerPlugin"));

        Outcome ok = cli("validate", valid.toString());
        Outcome noPort = cli("validate", portless.toString());
        Outcome wrongKind = cli("validate", controllerKind.toString());

        assertThat(ok.exit()).isEqualTo(0);
        assertThat(ok.outLines()).containsExactly(valid + " is a valid ExecutorPlugin manifest");
        assertOneSentence(noPort, 1);
        assertThat(noPort.err()).startsWith("sidecar is invalid: at least one port is mandatory.");
        assertOneSentence(wrongKind, 1);
        assertThat(wrongKind.err())
                .startsWith(controllerKind + " has kind ControllerPlugin; Argo loads only kind ExecutorPlugin");
    }

    @Test
    void discoversPluginsWithAddressesSkippedConfigMapsAndNotes() throws Exception {
        Path folder = helloFolder(tmp);
        Files.createDirectories(tmp.resolve("team-a"));
        Files.writeString(
                tmp.resolve("team-a/hello-executor-plugin-configmap.yaml"),
                PluginBuild.of(folder).configMapYaml());
        Files.writeString(tmp.resolve("broken-executor-plugin.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken-executor-plugin
                  labels: {workflows.argoproj.io/configmap-type: ExecutorPlugin}
                data:
                  sidecar.container: |
                    name: broken
                    image: broken:latest
                """);

        Outcome argo = cli("discover", "--plugins", tmp.toString());
        Outcome teamA = cli("discover", "--plugins", tmp.toString(), "--namespace", "team-a");

        assertThat(argo.exit()).isEqualTo(0);
        assertThat(argo.outLines())
                .containsExactly(
                        "Executor plugins for a workflow in namespace argo (install namespace argo), in the order the agent asks them:",
                        "  hello  namespace argo  http://localhost:4355  ConfigMap hello-executor-plugin",
                        "Skipped, as Argo would (failed to convert configmap to plugin):",
                        "  argo/broken-executor-plugin: sidecar is invalid: at least one port is mandatory");
        assertThat(teamA.exit()).isEqualTo(0);
        assertThat(teamA.outLines())
                .contains("  hello  namespace team-a  http://localhost:4355  ConfigMap hello-executor-plugin");
        assertThat(teamA.outLines()).anySatisfy(line -> assertThat(line).startsWith("note: DISCOVERY-01: "));
        Path empty = Files.createDirectories(tmp.resolve(".empty"));
        assertThat(cli("discover", "--plugins", empty.toString(), "--namespace", "elsewhere")
                        .outLines()
                        .getFirst())
                .startsWith("No executor plugins for a workflow in namespace elsewhere (install namespace argo)");
    }

    @Test
    void answersHelpAndVersionEverywhere() {
        for (String[] args : List.of(
                new String[] {"--help"},
                new String[] {"run", "--help"},
                new String[] {"build", "-h"},
                new String[] {"validate", "--help"},
                new String[] {"discover", "--help"})) {
            Outcome help = cli(args);
            assertThat(help.exit()).isEqualTo(0);
            assertThat(help.out()).startsWith("Usage: argo-reference");
        }
        assertThat(cli("run", "--help").out())
                .contains(
                        "--token=NAME=VALUE",
                        "--token-file=NAME=PATH",
                        "--address=NAME=URL",
                        "--timeout=DURATION",
                        "--workers=N",
                        "Exit codes:");
        for (String[] args : List.of(
                new String[] {"--version"}, new String[] {"run", "-V"}, new String[] {"discover", "--version"})) {
            Outcome version = cli(args);
            assertThat(version.exit()).isEqualTo(0);
            assertThat(version.out()).startsWith("argo-reference ").contains("Argo Workflows v4.1.2");
        }
        Outcome nothing = cli();
        assertOneSentence(nothing, 2);
    }
}
