package dev.argoconformance.reference.cli;

import static dev.argoconformance.reference.testing.FakeControllerPlugin.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.hooks.ControllerPlugin;
import dev.argoconformance.reference.testing.FakeControllerPlugin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code argo-reference run --controller-plugins}: ConfigMaps on disk, a controller plugin on loopback. */
class RunWithControllerPluginsTest {

    static final String WORKFLOW = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: hello-
            spec:
              entrypoint: main
              templates:
                - name: main
                  plugin:
                    hello: { }
            """;

    @TempDir
    Path tmp;

    private static String[] cli(StringWriter out, StringWriter err, int[] exit, String... args) {
        exit[0] = ReferenceController.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {out.toString(), err.toString()};
    }

    private Path configMap(String name, String namespace, String address) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("controller"));
        Files.writeString(
                dir.resolve(name + ".yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n"
                        + (namespace == null ? "" : "  namespace: " + namespace + "\n")
                        + "  labels:\n    workflows.argoproj.io/configmap-type: ControllerPlugin\ndata:\n  address: "
                        + address + "\n");
        return dir;
    }

    @Test
    void runsAWorkflowWhoseNodesTheControllerPluginCompletes() throws Exception {
        try (FakeControllerPlugin hello = new FakeControllerPlugin()
                .on(
                        ControllerPlugin.PRE_OPERATE,
                        json("{\"workflow\":{\"metadata\":{\"annotations\":{\"hello\":\"good morning\"}}}}"))
                .on(
                        ControllerPlugin.PRE_EXECUTE,
                        json("{\"node\":{\"phase\":\"Succeeded\",\"message\":\"Hello workflow!\"}}"))) {
            Path dir = configMap("hello-controller-plugin", null, "http://localhost:4355");
            configMap("team-controller-plugin", "team-a", hello.uri().toString());
            Path workflow = Files.writeString(tmp.resolve("hello.yaml"), WORKFLOW);
            StringWriter out = new StringWriter();
            int[] exit = new int[1];

            cli(
                    out,
                    new StringWriter(),
                    exit,
                    "run",
                    workflow.toString(),
                    "--controller-plugins",
                    dir.toString(),
                    "--address",
                    "hello-controller-plugin=" + hello.uri());

            assertThat(exit[0]).as(out.toString()).isZero();
            assertThat(out.toString())
                    .contains("Controller plugins (ARGO_PLUGINS=true), no token: hello-controller-plugin at "
                            + hello.uri() + ".")
                    .doesNotContain("team-controller-plugin")
                    .contains("Succeeded  Hello workflow!")
                    .contains("Workflow annotations: {\"hello\":\"good morning\"}")
                    .contains("note: CTRL-PATH-01: ")
                    .containsPattern("Workflow hello-\\w+ Succeeded");
            assertThat(hello.calls())
                    .allSatisfy(
                            c -> assertThat(c.headers().get("Authorization")).isNull());
        }
    }

    @Test
    void namesAControllerPluginConfigMapItCannotLoadAndRefusesAnUnknownAddressName() throws Exception {
        Path dir = configMap("no-address", null, "\"\"");
        Path workflow = Files.writeString(tmp.resolve("hello.yaml"), WORKFLOW);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] exit = new int[1];

        cli(out, err, exit, "run", workflow.toString(), "--controller-plugins", dir.toString(), "--timeout", "5s");
        assertThat(out.toString())
                .contains("note: controller plugin ConfigMap argo/no-address is not loaded: data.address is missing");
        assertThat(exit[0]).as("no plugin executes the template").isEqualTo(1);

        cli(
                new StringWriter(),
                err,
                exit,
                "run",
                workflow.toString(),
                "--controller-plugins",
                dir.toString(),
                "--address",
                "nope=http://x:1");
        assertThat(exit[0]).isEqualTo(2);
        assertThat(err.toString()).contains("--address names plugin nope");
    }
}
