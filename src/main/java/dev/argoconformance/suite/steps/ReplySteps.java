package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.client.PluginCallException;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.ExecuteTemplateReply;
import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.protocol.Parameter;
import io.cucumber.java.en.Then;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What the plugin answered, judged against the clause. */
public final class ReplySteps {

    private final World world;
    private final Exchanges exchanges;

    public ReplySteps(World world, Exchanges exchanges) {
        this.world = world;
        this.exchanges = exchanges;
    }

    @Then("the plugin refuses the call with 403")
    public void refusesWith403() {
        for (RecordedCall call : exchanges.directCalls()) {
            if (call.status() != 403) {
                world.fail("403 Forbidden", received(call), call);
            }
        }
    }

    @Then("the plugin refuses the call with a 4xx status")
    public void refusesWith4xx() {
        for (RecordedCall call : exchanges.directCalls()) {
            if (call.status() < 400 || call.status() > 499) {
                world.fail("a 4xx refusal (403, or 431/400 from the server's own header limit)", received(call), call);
            }
        }
    }

    @Then("the reply carries no node result")
    public void carriesNoNodeResult() {
        for (RecordedCall call : exchanges.directCalls()) {
            if (hasNode(call)) {
                world.fail("no node result in a refused call's body", "a node result: the plugin handled the call anyway", call);
            }
        }
    }

    @Then("the plugin does not refuse the call")
    public void doesNotRefuse() {
        for (RecordedCall call : exchanges.directCalls()) {
            if (call.status() == 401 || call.status() == 403 || !call.hasResponse()) {
                world.fail("the call is served: the token is the one mounted at /var/run/argo/token", received(call), call);
            }
        }
    }

    @Then("the plugin declines the template")
    public void declinesTheTemplate() {
        RecordedCall call = world.lastCall();
        TaskOutcome outcome = world.outcome();
        if (call == null || !call.hasResponse()) {
            world.fail("200 with {} or null", call == null ? "no call was made" : received(call), call);
        }
        if (call.status() == 404) {
            world.fail("200 with {} or null", "404: Argo would never call this plugin again in this workflow,"
                    + " not even for its own templates (decline with {} instead)", call);
        }
        if (call.status() != 200 || outcome.accepted().isPresent()) {
            world.fail("200 with {} or null (decline: try the next plugin)", received(call)
                    + (outcome.accepted().isPresent() ? " — Argo takes this as the node's result: " + outcome.result().phase()
                    + " \"" + outcome.result().message() + "\"" : ""), call);
        }
    }

    @Then("the plugin answers {int}")
    public void answers(int status) {
        RecordedCall call = world.lastCall();
        world.require(call != null && call.status() == status, String.valueOf(status), () -> received(call));
    }

    @Then("Argo never calls that method again")
    public void neverCalledAgain() {
        var client = exchanges.client();
        int before = world.calls().size();
        try {
            client.call(exchanges.method(), "{}".getBytes(StandardCharsets.UTF_8), body -> ExecuteTemplateReply.decode(body, ExecuteTemplateReply.EMPTY));
        } catch (PluginCallException e) {
            world.note("second call failed: " + e.getMessage());
        }
        world.require(client.isUnsupported(exchanges.method()) && world.calls().size() == before,
                "the method is remembered as unsupported and not called again",
                () -> "Argo called it again");
    }

    @Then("every example ends in its expected phase")
    public void everyExampleEndsInItsPhase() {
        List<String> problems = new ArrayList<>();
        for (Exchanges.ExampleRun run : exchanges.exampleRuns()) {
            TaskOutcome last = run.last();
            if (run.outOfTime()) {
                problems.add(run.example().name() + ": still " + last.result().phase() + " after " + run.example().within()
                        + " (requeue " + last.requeue() + ")");
            } else if (!last.result().phase().equals(run.example().phase())) {
                problems.add(run.example().name() + ": ended " + describe(last) + " after " + run.dispatches().size() + " call(s)");
            }
        }
        requireNone(problems, "each example ends in its expected phase: " + expected(r -> r.example().phase()));
    }

    @Then("every example ends with its expected message")
    public void everyExampleEndsWithItsMessage() {
        List<String> problems = new ArrayList<>();
        for (Exchanges.ExampleRun run : exchanges.exampleRuns()) {
            run.example().message().ifPresent(message -> {
                if (!message.equals(run.last().result().message())) {
                    problems.add(run.example().name() + ": message \"" + run.last().result().message() + "\"");
                }
            });
        }
        requireNone(problems, "each example's message: " + expected(r -> r.example().message().orElse("(any)")));
    }

    @Then("every example ends with its expected output parameters")
    public void everyExampleEndsWithItsOutputs() {
        List<String> problems = new ArrayList<>();
        for (Exchanges.ExampleRun run : exchanges.exampleRuns()) {
            List<Parameter> got = run.last().result().outputs().parameters();
            for (Parameter p : got) {
                if (p.name() == null || p.name().isEmpty()) {
                    problems.add(run.example().name() + ": an output parameter without a name");
                }
            }
            run.example().outputs().ifPresent(expected -> {
                for (Parameter want : expected) {
                    String have = run.last().result().outputs().parameter(want.name()).orElse(null);
                    if (!want.value().equals(have)) {
                        problems.add(run.example().name() + ": output " + want.name() + "=" + have + " (want " + want.value() + ")");
                    }
                }
            });
        }
        requireNone(problems, "outputs.parameters as a list of {name, value} with the expected values");
    }

    private void requireNone(List<String> problems, String expected) {
        if (!problems.isEmpty()) {
            world.fail(expected, String.join("\n", problems), world.lastCall());
        }
    }

    private String expected(java.util.function.Function<Exchanges.ExampleRun, String> f) {
        return exchanges.exampleRuns().stream().map(r -> r.example().name() + "=" + f.apply(r)).collect(Collectors.joining(", "));
    }

    private static String describe(TaskOutcome outcome) {
        return outcome.result().phase().isEmpty() ? "with no phase" : outcome.result().phase() + " \"" + outcome.result().message() + "\"";
    }

    static String received(RecordedCall call) {
        if (call == null) {
            return "no call";
        }
        return call.hasResponse() ? call.statusLine() : "no response (" + call.error() + ")";
    }

    private static boolean hasNode(RecordedCall call) {
        if (call.responseBody() == null || call.responseBody().isBlank()) {
            return false;
        }
        try {
            JsonNode body = GoJson.readFirstValue(call.responseBody().getBytes(StandardCharsets.UTF_8));
            return body.isObject() && GoJson.field(body, "node") != null && !GoJson.field(body, "node").isNull();
        } catch (GoJson.DecodeException e) {
            return false;
        }
    }
}
