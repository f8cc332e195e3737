package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.Backoff;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.plugin.ContainerFacts;
import dev.argoconformance.suite.plugin.PluginTarget;
import dev.argoconformance.suite.plugin.RunningContainer;
import dev.argoconformance.suite.probe.HostileInputs;
import dev.argoconformance.suite.probe.Load;
import dev.argoconformance.suite.probe.RawHttp;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Probes of how the plugin holds up: hostile input, load, its logs and its processes. */
public final class ProbeSteps {

    /** Long enough for any sane plugin to answer a bad request; short enough to keep 50 cases quick. */
    static final Duration HOSTILE_TIMEOUT = Duration.ofSeconds(10);

    private final World world;
    private final Exchanges exchanges;
    private final List<RecordedCall> hostile = new ArrayList<>();
    private final List<HostileInputs.Case> sent = new ArrayList<>();
    private Load.Result load;

    public ProbeSteps(World world, Exchanges exchanges) {
        this.world = world;
        this.exchanges = exchanges;
    }

    @When("the plugin receives each request of the hostile-input catalogue")
    public void receivesTheHostileCatalogue() {
        PluginTarget target = world.target();
        var kind = world.run().options().kind();
        boolean generator = kind == dev.argoconformance.suite.config.PluginKind.GENERATOR;
        boolean controller = kind == dev.argoconformance.suite.config.PluginKind.CONTROLLER;
        String path =
                generator ? GeneratorSteps.PATH : controller ? ControllerSteps.HOSTILE_PATH : Requests.EXECUTE_PATH;
        byte[] valid = generator
                ? GeneratorSteps.body(world.generatorExamples().get(0).parameters())
                : controller
                        ? ControllerSteps.hostileBaseBody()
                        : Requests.executeBody(world.examples().get(0).template());
        RawHttp raw = new RawHttp(target.baseUrl(), target.token(), HOSTILE_TIMEOUT);
        long seed = world.run().facts().inputSeed();
        for (HostileInputs.Case c : HostileInputs.catalogue(path, target.token(), valid, seed)) {
            RecordedCall call = raw.send(c.method(), c.path(), c.headers(), c.body(), c.halfClose())
                    .call();
            RecordedCall labelled = labelled(call, c);
            hostile.add(labelled);
            sent.add(c);
            world.record(labelled);
        }
        world.note(hostile.size() + " hostile requests sent (input seed " + seed + ")");
    }

    // CTRL-HOSTILE-01, EXEC-HOSTILE-01, GEN-HOSTILE-01
    @Then("every hostile request is answered with a status below 500")
    public void everyHostileRequestIsAnsweredBelow500() {
        List<String> problems = new ArrayList<>();
        RecordedCall first = null;
        for (int i = 0; i < hostile.size(); i++) {
            RecordedCall call = hostile.get(i);
            int allowed = sent.get(i).allowed5xx();
            boolean ok = call.hasResponse() && (call.status() < 500 || call.status() == allowed);
            if (!ok) {
                problems.add(call.plugin() + ": " + ReplySteps.received(call));
                first = first == null ? call : first;
            }
        }
        if (!problems.isEmpty()) {
            world.fail(
                    "a 4xx (or a 2xx where the request is harmless) for each of " + hostile.size()
                            + " hostile requests, never a 5xx"
                            + " or a dropped connection (501 only for an unsupported method)",
                    problems.size() + " of " + hostile.size() + " failed:\n" + String.join("\n", problems),
                    first);
        }
    }

    @When("the agent's {int} workers call the plugin with its examples for {int} seconds")
    public void theAgentsWorkersLoadThePlugin(int workers, int seconds) {
        exchanges.requireExamplesAnswered(); // loading a plugin that answers no example shows nothing new
        PluginTarget target = world.target();
        ExampleTemplate example = world.examples().get(0);
        PluginClient client = PluginClient.builder(world.pluginName(), target.baseUrl(), target.token())
                .backoff(Backoff.NONE)
                .build();
        load = Load.run(client, () -> Requests.executeBody(example.template()), workers, Duration.ofSeconds(seconds));
        var h = load.latency();
        world.note(String.format(
                "load: %d calls in %.1f s (%.0f/s), %d failed; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                load.calls(),
                load.took().toNanos() / 1e9,
                load.callsPerSecond(),
                load.failed(),
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0));
    }

    // EXEC-LOAD-01
    @Then("every call of the load was answered")
    public void everyLoadCallAnswered() {
        world.require(
                load.failed() == 0,
                "every one of " + load.calls() + " calls answered as Argo needs",
                () -> load.failed() + " of " + load.calls() + " failed: "
                        + load.failures().entrySet().stream()
                                .sorted(java.util.Map.Entry.<String, Long>comparingByValue()
                                        .reversed())
                                .limit(5)
                                .map(e -> e.getValue() + " × " + e.getKey())
                                .collect(Collectors.joining("; "))
                        + (load.failures().size() > 5
                                ? "; and " + (load.failures().size() - 5) + " other errors"
                                : ""));
    }

    @Then("the plugin's container was not killed for memory")
    public void notKilledForMemory() {
        ContainerFacts facts = container().inspect();
        world.require(
                facts.running() && !facts.oomKilled(),
                "the container still running within its memory limit",
                () -> (facts.oomKilled()
                                ? "killed for memory (OOMKilled) at its limit of " + facts.memoryLimitBytes() + " bytes"
                                : "stopped")
                        + ", exit code " + facts.exitCode());
    }

    // EXEC-RUN-03, GEN-RUN-02
    @Then("the plugin's logs do not contain its token")
    public void logsDoNotContainTheToken() {
        String logs = container().logs();
        String token = world.token();
        int at = logs.indexOf(token);
        if (at >= 0) {
            int lineStart = logs.lastIndexOf('\n', at) + 1;
            int lineEnd = logs.indexOf('\n', at);
            String line = logs.substring(lineStart, lineEnd < 0 ? logs.length() : lineEnd)
                    .replace(token, "*****");
            world.fail(
                    "no trace of the token in the container's output",
                    "the token, in this log line (redacted here): " + line,
                    null);
        }
        world.note("scanned " + logs.lines().count() + " log lines for the token");
    }

    // EXEC-RUN-02
    @Then("no process in the plugin's container runs as root")
    public void noProcessRunsAsRoot() {
        RunningContainer container = container();
        var manifest = world.runTarget().manifest();
        manifest.map(m -> m.container().getSecurityContext()).ifPresent(sc -> {
            if (Boolean.TRUE.equals(sc.getRunAsNonRoot()) && Long.valueOf(0).equals(sc.getRunAsUser())) {
                world.fail(
                        "a non-root user",
                        "runAsNonRoot: true with runAsUser: 0: Kubernetes refuses to start this container"
                                + " (\"container's runAsUser breaks non-root policy\")",
                        null);
            }
        });
        List<String> users = container.processUsers();
        world.note("process users: " + users + "; docker inspect: " + container.inspect());
        world.require(
                users.stream().noneMatch(u -> u.equals("0") || u.equals("root")),
                "every process as a non-root user",
                () -> "processes as " + users);
    }

    private RunningContainer container() {
        return world.target()
                .container()
                .orElseThrow(() -> NotChecked.disabled(
                        "Disabled: the plugin runs outside the suite (-Dplugin.url), so its container cannot be inspected;"
                                + " certify the image with -Dplugin.image to check this."));
    }

    private static RecordedCall labelled(RecordedCall call, HostileInputs.Case c) {
        return new RecordedCall(
                "probe: " + c.label(),
                call.attempt(),
                call.httpMethod(),
                call.url(),
                call.requestHeaders(),
                call.requestBody(),
                call.status(),
                call.reason(),
                call.responseHeaders(),
                call.responseBody(),
                call.error(),
                call.startedAt(),
                call.duration());
    }
}
