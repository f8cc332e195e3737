package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.client.PluginCallException;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.ExecuteTemplateReply;
import dev.argoconformance.reference.protocol.GoDuration;
import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.protocol.Parameter;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.config.ExampleTemplate;
import io.cucumber.java.en.Then;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the plugin answered, judged against the clause. */
public final class ReplySteps {

    private final World world;
    private final Exchanges exchanges;

    public ReplySteps(World world, Exchanges exchanges) {
        this.world = world;
        this.exchanges = exchanges;
    }

    // --- direct probes -------------------------------------------------------------------------

    // EXEC-AUTH-01, EXEC-AUTH-02, EXEC-AUTH-03, EXEC-AUTH-04, EXEC-AUTH-05, EXEC-AUTH-06, EXEC-AUTH-09,
    // GEN-AUTH-01, GEN-AUTH-02
    @Then("the plugin refuses the call with 403")
    public void refusesWith403() {
        for (RecordedCall call : exchanges.directCalls()) {
            world.blockIfUnanswered(call);
            if (call.status() != 403) {
                world.fail("403 Forbidden", received(call), call);
            }
        }
    }

    // EXEC-AUTH-10
    @Then("the plugin refuses the calls to template.execute with 403 and the others with 403 or 404")
    public void refusesEveryMethod() {
        for (RecordedCall call : exchanges.directCalls()) {
            world.blockIfUnanswered(call);
            boolean execute = call.url().endsWith(Requests.EXECUTE_PATH);
            if (call.status() != 403 && (execute || call.status() != 404)) {
                world.fail(
                        execute
                                ? "403 Forbidden: the token is checked before the template is looked at"
                                : "403 Forbidden (or 404 from a router that never runs a handler)",
                        received(call),
                        call);
            }
        }
    }

    /** An oversized request: a dropped connection is this clause's own failure ("not a crash"). */
    // EXEC-AUTH-07
    @Then("the plugin refuses the call with a 4xx status")
    public void refusesWith4xx() {
        for (RecordedCall call : exchanges.directCalls()) {
            if (call.status() < 400 || call.status() > 499) {
                world.fail("a 4xx refusal (403, or 431/400 from the server's own header limit)", received(call), call);
            }
        }
    }

    // EXEC-AUTH-11
    @Then("nothing follows the 403 on any refused call's connection in this run")
    public void nothingFollowsAnyRefusal() {
        for (RefusedCalls.Probe probe : RefusedCalls.of(world.run()).all()) {
            RecordedCall call = probe.exchange().call();
            if (call.status() == 403 && probe.exchange().carriedOn()) {
                world.fail(
                        "the 403 and nothing else: the handler returns after refusing",
                        "after the 403 to a call of " + probe.requirement() + " the handler went on and wrote: "
                                + probe.exchange().whatFollowed(),
                        call);
            }
        }
    }

    @Then("the reply carries no node result")
    public void carriesNoNodeResult() {
        for (RecordedCall call : exchanges.directCalls()) {
            if (hasNode(call)) {
                world.fail(
                        "no node result in a refused call's body",
                        "a node result: the plugin handled the call anyway",
                        call);
            }
        }
    }

    /** Only a refusal fails this clause: a call without a response is the whole-run reply requirement's. */
    // EXEC-AUTH-08
    @Then("the plugin does not refuse the call")
    public void doesNotRefuse() {
        for (RecordedCall call : exchanges.directCalls()) {
            world.blockIfUnanswered(call);
            if (call.status() == 401 || call.status() == 403) {
                world.fail(
                        "the call is served: the token is the one mounted at "
                                + world.run().options().tokenFile(),
                        received(call),
                        call);
            }
        }
    }

    // EXEC-REPLY-05, GEN-TIME-02
    @Then("every call of the run got an HTTP response within {int} seconds")
    public void everyCallOfTheRunAnswered(int seconds) {
        List<Unanswered.Silence> silences = Unanswered.of(world.run()).all();
        if (!silences.isEmpty()) {
            Unanswered.Silence first = silences.get(0);
            world.fail(
                    "an HTTP response to every call within " + seconds
                            + " s (a refusal is a response; a dropped connection, a reset"
                            + " or a wait past the timeout is none)",
                    silences.size() + " call(s) without a response, the first while " + first.requirement()
                            + " was checked: "
                            + first.call().requestLine() + " -> " + first.call().error()
                            + (first.timedOut()
                                    ? " (after " + first.call().duration().toSeconds() + " s)"
                                    : ""),
                    first.call());
        }
    }

    // --- decline and unsupported methods -------------------------------------------------------

    // EXEC-DECLINE-01
    @Then("the plugin declines the template")
    public void declinesTheTemplate() {
        RecordedCall call = world.lastCall();
        TaskOutcome outcome = world.outcome();
        if (call == null || !call.hasResponse()) {
            world.fail("200 with {} or null", call == null ? "no call was made" : received(call), call);
        }
        world.blockIfArgoWasRefused(call);
        if (call.status() == 404) {
            world.fail(
                    "200 with {} or null",
                    "404: Argo would never call this plugin again in this workflow,"
                            + " not even for its own templates (decline with {} instead)",
                    call);
        }
        if (call.status() != 200 || outcome.accepted().isPresent()) {
            world.fail(
                    "200 with {} or null (decline: try the next plugin)",
                    received(call)
                            + (outcome.accepted().isPresent()
                                    ? " — Argo takes this as the node's result: " + describe(outcome)
                                    : ""),
                    call);
        }
    }

    // EXEC-DECLINE-02
    @Then("the plugin answers {int}")
    public void answers(int status) {
        RecordedCall call = world.lastCall();
        world.blockIfArgoWasRefused(call);
        world.require(call != null && call.status() == status, String.valueOf(status), () -> received(call));
    }

    @Then("Argo never calls that method again")
    public void neverCalledAgain() {
        var client = exchanges.client();
        int before = world.calls().size();
        try {
            client.call(
                    exchanges.method(),
                    "{}".getBytes(StandardCharsets.UTF_8),
                    body -> ExecuteTemplateReply.decode(body, ExecuteTemplateReply.EMPTY));
        } catch (PluginCallException e) {
            world.note("second call failed: " + e.getMessage());
        }
        world.require(
                client.isUnsupported(exchanges.method()) && world.calls().size() == before,
                "the method is remembered as unsupported and not called again",
                () -> "Argo called it again");
    }

    // --- examples ------------------------------------------------------------------------------

    // EXEC-ACCEPT-01
    @Then("every example ends in its expected phase")
    public void everyExampleEndsInItsPhase() {
        List<String> problems = new ArrayList<>();
        for (Exchanges.ExampleRun run : runsNotBlocked()) {
            TaskOutcome last = run.last();
            if (run.example().hasExpectations()
                    && !last.result().phase().equals(run.example().phase())) {
                problems.add(run.example().name() + ": ended " + describe(last) + " after "
                        + run.dispatches().size() + " call(s)");
            }
        }
        requireNone(
                problems,
                "each example ends in its expected phase: "
                        + expected(r -> r.example().phase()));
        notCheckedWithoutExamples("the phase it should end in");
    }

    // EXEC-ACCEPT-02
    @Then("every example ends with its expected message")
    public void everyExampleEndsWithItsMessage() {
        List<String> problems = new ArrayList<>();
        for (Exchanges.ExampleRun run : runsNotBlocked()) {
            run.example().message().ifPresent(message -> {
                if (!message.equals(run.last().result().message())) {
                    problems.add(run.example().name() + ": message \""
                            + run.last().result().message() + "\"");
                }
            });
        }
        requireNone(
                problems,
                "each example's message: " + expected(r -> r.example().message().orElse("(any)")));
        notCheckedWithoutExamples("the message it should end with");
    }

    // EXEC-ACCEPT-03
    @Then("every example ends with its expected output parameters")
    public void everyExampleEndsWithItsOutputs() {
        List<String> problems = new ArrayList<>();
        for (Exchanges.ExampleRun run : runsNotBlocked()) {
            List<Parameter> got = run.last().result().outputs().parameters();
            for (Parameter p : got) {
                if (p.name() == null || p.name().isEmpty()) {
                    problems.add(run.example().name() + ": an output parameter without a name");
                }
            }
            run.example().outputs().ifPresent(expected -> {
                for (Parameter want : expected) {
                    String have =
                            run.last().result().outputs().parameter(want.name()).orElse(null);
                    if (!want.value().equals(have)) {
                        problems.add(run.example().name() + ": output " + want.name() + "=" + have + " (want "
                                + want.value() + ")");
                    }
                }
            });
        }
        requireNone(problems, "outputs.parameters as a list of {name, value} with the expected values");
        notCheckedWithoutExamples("the output parameters it should give");
    }

    /**
     * Without examples the suite sent one contract-only template: what the plugin answered was
     * checked for shape and phase, but what it should have answered is the author's to say, so the
     * exact-answer clause is not checked and the run cannot certify.
     */
    private void notCheckedWithoutExamples(String what) {
        if (world.examples().stream().noneMatch(ExampleTemplate::hasExpectations)) {
            throw NotChecked.disabled(
                    "Not checked: no examples were given, so the suite does not know " + what + " for "
                            + world.examples().get(0).template().path("plugin")
                            + ". The reply's shape and phase were checked (EXEC-REPLY-*);"
                            + " give your plugin's examples with -Dplugin.examples=DIR (format: sample-plugins/hello-executor/examples/).");
        }
    }

    /** The example runs, or a block naming the requirement whose clause explains a run's trouble. */
    private List<Exchanges.ExampleRun> runsNotBlocked() {
        List<Exchanges.ExampleRun> runs = exchanges.exampleRuns();
        for (Exchanges.ExampleRun run : runs) {
            Optional<String> cause = Diagnosis.cause(run);
            if (cause.isPresent()) {
                throw NotChecked.blocked(
                        cause.get(),
                        "example " + run.example().name() + " ended " + describe(run.last()) + " after "
                                + run.dispatches().size() + " call(s) (" + received(run.lastCall()) + ")");
            }
        }
        return runs;
    }

    // EXEC-HOSTILE-02
    @Then("the examples end as they did without those fields")
    public void examplesEndAsBefore() {
        compareWithBaseline("the same result as without the unknown fields");
    }

    // EXEC-HOSTILE-03
    @Then("the examples end as they did before the hostile input")
    public void examplesEndAsBeforeHostileInput() {
        compareWithBaseline("the same result as before the hostile input");
    }

    /**
     * The example runs come in two rounds (a baseline, then the changed one); each example of the
     * second must end in the phase it ended in the first. Comparing with the plugin's own baseline,
     * not with the expected outcome, and phases only (outputs may rightly differ per call: that is the
     * idempotency clause's business), keeps this clause about tolerance alone.
     */
    private void compareWithBaseline(String expected) {
        List<Exchanges.ExampleRun> runs = exchanges.exampleRuns();
        int n = runs.size() / 2;
        for (int i = 0; i < n; i++) {
            Exchanges.ExampleRun before = runs.get(i);
            Exchanges.ExampleRun after = runs.get(n + i);
            world.blockIfArgoWasRefused(after.lastCall());
            if (!before.last().result().phase().equals(after.last().result().phase())) {
                world.fail(
                        expected + ": " + describe(before.last()),
                        after.example().name() + " ended " + describe(after.last()) + " (" + received(after.lastCall())
                                + ")",
                        after.lastCall());
            }
        }
    }

    // --- replies Argo can use ------------------------------------------------------------------

    // EXEC-REPLY-01
    @Then("every reply to Argo has a body")
    public void everyReplyHasABody() {
        for (RecordedCall call : argoReplies()) {
            if (call.status() == 200
                    && (call.responseBody() == null || call.responseBody().isBlank())) {
                world.fail(
                        "a JSON body ({} to decline, a node to accept)",
                        "200 with an empty body: Go's decoder reads EOF and Argo fails the node with \"EOF\"",
                        call);
            }
        }
    }

    // EXEC-REPLY-02
    @Then("every reply to Argo decodes as a template.execute reply")
    public void everyReplyDecodes() {
        for (RecordedCall call : argoReplies()) {
            if (call.status() != 200
                    || call.responseBody() == null
                    || call.responseBody().isBlank()) {
                continue; // empty bodies are another clause
            }
            try {
                ExecuteTemplateReply.decode(
                        call.responseBody().getBytes(StandardCharsets.UTF_8), ExecuteTemplateReply.EMPTY);
            } catch (GoJson.DecodeException e) {
                if (Diagnosis.isRequeueError(call.responseBody())) {
                    continue; // the requeue format is another clause
                }
                world.fail(
                        "a body Go decodes into {\"node\": NodeResult, \"requeue\": Duration}",
                        "Argo's decoder fails: " + e.getMessage() + " (the node fails with that message)",
                        call);
            }
        }
    }

    // EXEC-REPLY-03
    @Then("every node phase in the replies is one Argo knows")
    public void everyPhaseIsKnown() {
        for (RecordedCall call : argoReplies()) {
            decoded(call)
                    .map(ExecuteTemplateReply::node)
                    .filter(Objects::nonNull)
                    .ifPresent(node -> {
                        if (!node.phase().isEmpty() && node.knownPhase().isEmpty()) {
                            world.fail(
                                    "one of Pending, Running, Succeeded, Skipped, Failed, Error, Omitted",
                                    "phase \"" + node.phase()
                                            + "\": Argo stores it as is, and the node is neither running nor done",
                                    call);
                        }
                    });
        }
    }

    /**
     * A 4xx with a body to the contract-only template is no failure: without examples the suite sent
     * a bare {@code plugin: {<name>: {}}}, which a plugin may rightly refuse for missing settings.
     */
    // EXEC-REPLY-04
    @Then("every reply to Argo has status 200")
    public void everyReplyIs200() {
        java.util.Set<RecordedCall> contractOnly = new java.util.HashSet<>();
        exchanges.exampleRuns().stream()
                .filter(r -> !r.example().hasExpectations())
                .forEach(r -> contractOnly.addAll(r.calls()));
        for (RecordedCall call : argoReplies()) {
            world.blockIfArgoWasRefused(call);
            if (contractOnly.contains(call)
                    && call.status() >= 400
                    && call.status() < 500
                    && call.responseBody() != null
                    && !call.responseBody().isBlank()) {
                world.note("the contract-only template was refused with " + call.statusLine() + " "
                        + call.responseBody() + ": not judged without examples");
                continue;
            }
            boolean retriedLater = call.status() == 503 && call.attempt() < 5;
            // 404 is the protocol's "method not implemented", judged by the decline clauses, not here.
            if (call.status() != 200 && call.status() != 404 && !retriedLater) {
                world.fail(
                        "200 (Argo treats every other status but 404 and 503 as fatal: \"<status>: <body>\" on the node)",
                        received(call),
                        call);
            }
        }
    }

    /** Numbers and booleans survive as text and are only noted; objects, arrays and null become "" and fail. */
    // EXEC-REPLY-06
    @Then("every output parameter value in the replies is a string")
    public void everyOutputValueIsAString() {
        for (RecordedCall call : argoReplies()) {
            JsonNode node = rawField(call, "node");
            JsonNode parameters = node == null
                    ? null
                    : GoJson.field(node, "outputs") == null
                            ? null
                            : GoJson.field(GoJson.field(node, "outputs"), "parameters");
            if (parameters == null || !parameters.isArray()) {
                continue;
            }
            for (JsonNode p : parameters) {
                JsonNode value = p.isObject() ? GoJson.field(p, "value") : null;
                if (value == null || value.isTextual()) {
                    continue;
                }
                String name = p.path("name").asText();
                if (value.isNumber() || value.isBoolean()) {
                    world.note("output " + name + " is the " + (value.isNumber() ? "number " : "boolean ") + value
                            + ": Argo stores the string \"" + GoJson.anyString(value) + "\"");
                } else {
                    world.fail(
                            "output parameter values as strings (a JSON document as a string if it must be structured)",
                            "output " + name + " is "
                                    + (value.isNull() ? "null" : value.isArray() ? "an array" : "an object") + " ("
                                    + value + "): Argo's AnyString stores \"\" and the value is lost without an error",
                            call);
                }
            }
        }
    }

    // --- requeue -------------------------------------------------------------------------------

    // EXEC-REQUEUE-01
    @Then("every requeue in the replies is a Go duration")
    public void everyRequeueIsAGoDuration() {
        boolean seen = false;
        for (RecordedCall call : argoReplies()) {
            JsonNode requeue = rawField(call, "requeue");
            if (requeue == null || requeue.isNull()) {
                continue;
            }
            seen = true;
            if (!requeue.isTextual()) {
                world.fail(
                        "a Go duration string such as \"2m\" or \"1h30m\"",
                        "requeue " + requeue + ": metav1.Duration takes only a JSON string, so Argo fails the node",
                        call);
            }
            try {
                GoDuration.parse(requeue.textValue());
            } catch (IllegalArgumentException e) {
                world.fail(
                        "a Go duration string such as \"2m\" or \"1h30m\"",
                        "requeue \"" + requeue.textValue() + "\": " + e.getMessage(),
                        call);
            }
        }
        if (!seen) {
            throw notApplicableUnlessUnanswered("Not applicable: no reply to the examples carried a requeue.");
        }
    }

    // EXEC-REQUEUE-02
    @Then("every requeued example reaches a terminal phase in time")
    public void everyRequeuedExampleFinishes() {
        List<Exchanges.ExampleRun> requeued = exchanges.exampleRuns().stream()
                .filter(r -> r.dispatches().size() > 1 || r.outOfTime())
                .toList();
        if (requeued.isEmpty()) {
            throw notApplicableUnlessUnanswered("Not applicable: no example was requeued.");
        }
        for (Exchanges.ExampleRun run : requeued) {
            if (run.outOfTime()) {
                world.fail(
                        "a terminal phase within "
                                + GoDuration.format(run.example().within()) + " (the example's bound)",
                        run.example().name() + " still " + describe(run.last()) + " after "
                                + run.dispatches().size() + " calls",
                        run.lastCall());
            }
        }
    }

    // EXEC-REQUEUE-03
    @Then("every Running or Pending reply carries a requeue")
    public void everyUnfinishedReplyRequeues() {
        boolean seen = false;
        for (RecordedCall call : argoReplies()) {
            Optional<ExecuteTemplateReply> reply = decoded(call);
            if (reply.isEmpty() || reply.get().node() == null) {
                continue;
            }
            String phase = reply.get().node().phase();
            if (phase.equals(NodePhase.RUNNING.wire()) || phase.equals(NodePhase.PENDING.wire())) {
                seen = true;
                Duration requeue = reply.get().requeue();
                if (requeue == null || requeue.isZero() || requeue.isNegative()) {
                    world.fail(
                            "a positive requeue with every Running or Pending reply",
                            phase + " with "
                                    + (requeue == null ? "no requeue" : "requeue " + GoDuration.format(requeue))
                                    + ": Argo never calls the plugin again and the node stays " + phase + " forever",
                            call);
                }
            }
        }
        if (!seen) {
            throw notApplicableUnlessUnanswered("Not applicable: no reply to the examples was Running or Pending.");
        }
    }

    // EXEC-REQUEUE-04
    @Then("no finished node's reply carries a requeue")
    public void noTerminalReplyRequeues() {
        for (RecordedCall call : argoReplies()) {
            decoded(call)
                    .filter(r -> r.node() != null
                            && r.requeue() != null
                            && r.requeue().isPositive())
                    .ifPresent(reply -> {
                        boolean fulfilled = reply.node()
                                .knownPhase()
                                .map(NodePhase::isFulfilled)
                                .orElse(false);
                        if (fulfilled) {
                            world.fail(
                                    "no requeue on Succeeded, Failed, Error, Skipped or Omitted",
                                    reply.node().phase() + " with requeue "
                                            + GoDuration.format(reply.requeue())
                                            + (reply.node().hasPhase(NodePhase.SUCCEEDED)
                                                    ? ": ignored since Argo v3.4.7, re-called before"
                                                    : ": Argo calls the plugin again and overwrites a finished node"),
                                    call);
                        }
                    });
        }
    }

    // --- timing and behaviour ------------------------------------------------------------------

    /**
     * A burst judges its own silences (a server that serves one call at a time resets or stalls the
     * rest), unless a call made alone already went unanswered: then the plugin drops calls anyway, and
     * that is the whole-run reply requirement's defect.
     */
    // EXEC-TIME-01, GEN-TIME-01
    @Then("every one of those calls is answered within {int} seconds")
    public void everyCallAnsweredWithin(int seconds) {
        boolean silentAlone = !Unanswered.of(world.run()).all().isEmpty();
        for (RecordedCall call : exchanges.directCalls()) {
            if (!call.hasResponse() && silentAlone) {
                world.blockIfUnanswered(call);
            }
            if (!call.hasResponse() || call.duration().compareTo(Duration.ofSeconds(seconds)) > 0) {
                world.fail(
                        "an answer within " + seconds + " s for each of the agent's concurrent calls",
                        (call.hasResponse()
                                ? "answered after " + call.duration().toMillis() + " ms"
                                : received(call)),
                        call);
            }
        }
    }

    // EXEC-TIME-02
    @Then("the 99th percentile reply time is under {int} second(s)")
    public void p99Under(int seconds) {
        List<Duration> times =
                argoReplies().stream().map(RecordedCall::duration).sorted().toList();
        world.require(!times.isEmpty(), "answers to time", () -> "no answered call");
        Duration p99 = times.get((int) Math.ceil(times.size() * 0.99) - 1);
        world.note("reply times over " + times.size() + " calls: p50 "
                + times.get(times.size() / 2).toMillis() + " ms, p99 " + p99.toMillis() + " ms");
        world.require(
                p99.compareTo(Duration.ofSeconds(seconds)) < 0,
                "p99 under " + seconds + " s",
                () -> "p99 " + p99.toMillis() + " ms over " + times.size() + " calls");
    }

    // EXEC-IDEMP-01
    @Then("every repeat gives the same node result")
    public void everyRepeatIsTheSame() {
        List<Exchanges.ExampleRun> runs = runsNotBlocked();
        List<TaskOutcome> repeats = exchanges.repeats();
        int perRun = runs.isEmpty() ? 0 : repeats.size() / runs.size();
        for (int i = 0; i < runs.size(); i++) {
            TaskOutcome first = runs.get(i).last();
            for (int j = 0; j < perRun; j++) {
                TaskOutcome again = repeats.get(i * perRun + j);
                if (!first.result().equals(again.result())) {
                    world.fail(
                            "the same phase, message and outputs for the same request: " + describe(first) + " "
                                    + first.result().outputs().parameters(),
                            "repeat " + (j + 1) + ": " + describe(again) + " "
                                    + again.result().outputs().parameters(),
                            world.lastCall());
                }
            }
        }
    }

    // EXEC-CONC-01
    @Then("every run's output carries its own value")
    public void everyRunCarriesItsOwnValue() {
        for (Exchanges.ExampleRun run : runsNotBlocked()) {
            var concurrency = run.example().concurrency().orElseThrow();
            String sent = valueAt(run.template(), concurrency.vary());
            String got = run.last()
                    .result()
                    .outputs()
                    .parameter(concurrency.output())
                    .orElse(null);
            if (!sent.equals(got)) {
                world.fail(
                        "output " + concurrency.output() + "=" + sent + " (the value this call sent)",
                        "output " + concurrency.output() + "=" + got + ": another call's value, or none",
                        run.lastCall());
            }
        }
    }

    /** "Not applicable" only when the examples were answered: unanswered, nobody knows whether they would have requeued. */
    private NotChecked notApplicableUnlessUnanswered(String reason) {
        exchanges.requireExamplesAnswered();
        return NotChecked.notApplicable(reason);
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<RecordedCall> argoReplies() {
        return world.calls().stream()
                .filter(c -> !c.plugin().startsWith("probe") && c.hasResponse())
                .toList();
    }

    private static Optional<ExecuteTemplateReply> decoded(RecordedCall call) {
        if (call.status() != 200
                || call.responseBody() == null
                || call.responseBody().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ExecuteTemplateReply.decode(
                    call.responseBody().getBytes(StandardCharsets.UTF_8), ExecuteTemplateReply.EMPTY));
        } catch (GoJson.DecodeException e) {
            return Optional.empty();
        }
    }

    private static JsonNode rawField(RecordedCall call, String field) {
        if (call.status() != 200
                || call.responseBody() == null
                || call.responseBody().isBlank()) {
            return null;
        }
        try {
            JsonNode body = GoJson.readFirstValue(call.responseBody().getBytes(StandardCharsets.UTF_8));
            return body.isObject() ? GoJson.field(body, field) : null;
        } catch (GoJson.DecodeException e) {
            return null;
        }
    }

    private static String valueAt(JsonNode template, String path) {
        JsonNode at = template;
        for (String part : path.split("\\.")) {
            at = at.path(part);
        }
        return at.asText();
    }

    private void requireNone(List<String> problems, String expected) {
        if (!problems.isEmpty()) {
            world.fail(expected, String.join("\n", problems), world.lastCall());
        }
    }

    private String expected(Function<Exchanges.ExampleRun, String> f) {
        return exchanges.exampleRuns().stream()
                .map(r -> r.example().name() + "=" + f.apply(r))
                .collect(Collectors.joining(", "));
    }

    static String describe(TaskOutcome outcome) {
        return outcome.result().phase().isEmpty()
                ? "with no phase"
                : outcome.result().phase() + " \"" + outcome.result().message() + "\"";
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
            return body.isObject()
                    && GoJson.field(body, "node") != null
                    && !GoJson.field(body, "node").isNull();
        } catch (GoJson.DecodeException e) {
            return false;
        }
    }
}
