package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.hooks.ControllerNotes;
import dev.argoconformance.reference.hooks.ControllerPlugin;
import dev.argoconformance.reference.hooks.HookFailure;
import dev.argoconformance.reference.hooks.HookRequests;
import dev.argoconformance.reference.hooks.ProtectedFields;
import dev.argoconformance.reference.protocol.ControllerReplies;
import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.protocol.NodeResult;
import dev.argoconformance.suite.certification.NotChecked;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The controller plugin contract (Argo Workflows PR #7255, never released): Argo's calls go through the reference
 * controller's {@code hooks} package (1 s, one attempt, no Authorization or Content-Type, the 404 memory, Go's
 * decoding) and its workflow runner; requests Argo never sends go straight to the plugin. The plugin's client and
 * its exchanges are {@link ControllerCalls}; the ConfigMap's checks are {@link ControllerConfigMapSteps}, the
 * workers' timing {@link ControllerTimingSteps}, the workflow run {@link ControllerWorkflowSteps}.
 *
 * <p>One defect fails one requirement: a call refused for a token blocks on CTRL-AUTH-01, for a Content-Type on
 * CTRL-AUTH-02, a call past 1 s on CTRL-TIME-01, a status other than 200, 404 or 503 (or no answer) on
 * CTRL-DECLINE-01, and a 200 Argo cannot decode on the method's own reply requirement.
 */
public final class ControllerSteps {

    /** Where the hostile-input catalogue goes: the method every node of every reconcile calls. */
    static final String HOSTILE_PATH = "/api/v1/" + ControllerPlugin.PRE_EXECUTE;
    /** The controller's --workflow-workers default. */
    static final int WORKFLOW_WORKERS = 32;
    /** The plugin name when no ConfigMap names it. */
    static final String DEFAULT_NAME = "controller-plugin-under-test";

    static final Map<String, String> REPLY_REQUIREMENT = Map.of(
            ControllerPlugin.PRE_OPERATE, "CTRL-PRE-01",
            ControllerPlugin.POST_OPERATE, "CTRL-POST-01",
            ControllerPlugin.PRE_EXECUTE, "CTRL-NODE-01",
            ControllerPlugin.POST_EXECUTE, "CTRL-NODE-02",
            ControllerPlugin.ADD_PARAMETERS, "CTRL-PARAM-01");

    /** Argo's own variables ({@code workflow.name}, {@code inputs.parameters.x}, ...): prefixes and names. */
    private static final List<String> ARGO_VARIABLE_PREFIXES =
            List.of("workflow.", "inputs.", "outputs.", "steps.", "tasks.", "pod.", "node.", "lastRetry.", "item.");

    private static final List<String> ARGO_VARIABLES =
            List.of("item", "retries", "workflow", "inputs", "outputs", "steps", "tasks");

    /** One call of one method as Argo made it: what went, what came back, and what Argo made of it. */
    record Exchange(
            String method,
            byte[] args,
            RecordedCall call,
            byte[] reply,
            Object decoded,
            HookFailure failure,
            boolean notCalled) {

        boolean answered(int status) {
            return call != null && call.hasResponse() && call.status() == status;
        }

        /** The reply as Argo compares it: the status and the JSON value (or the bytes) of the body. */
        String fingerprint() {
            if (call == null) {
                return notCalled ? "not called (404 before)" : "no call";
            }
            if (!call.hasResponse()) {
                return "no response";
            }
            String body =
                    reply == null ? String.valueOf(call.responseBody()) : new String(reply, StandardCharsets.UTF_8);
            try {
                return call.status() + " " + Json.write(GoJson.readFirstValue(body.getBytes(StandardCharsets.UTF_8)));
            } catch (GoJson.DecodeException e) {
                return call.status() + " " + body;
            }
        }
    }

    /** Why an exchange is not what Argo needs, and whose requirement that is. */
    record Trouble(String requirement, String what, RecordedCall call) {}

    private final World world;
    private final ControllerCalls controller;
    private final List<Exchange> baseline = new ArrayList<>();
    private final List<Exchange> again = new ArrayList<>();
    private final List<Exchange> repeats = new ArrayList<>();
    private int repeatCount;

    public ControllerSteps(World world, ControllerCalls controller) {
        this.world = world;
        this.controller = controller;
    }

    // ---- the plugin -----------------------------------------------------------------------------------------------

    @Given("a controller plugin started without a token")
    public void aControllerPluginStartedWithoutAToken() {
        controller.target();
    }

    // ---- Argo's calls ---------------------------------------------------------------------------------------------

    @When("Argo calls each controller method")
    public void argoCallsEachMethod() {
        for (String method : ControllerPlugin.METHODS) {
            controller.exchanges.add(controller.call(controller.plugin(), method, Examples.first(method)));
        }
    }

    @When("Argo calls each controller method again")
    public void argoCallsEachMethodAgain() {
        argoCallsEachMethod();
    }

    @When("Argo calls the controller method {string}")
    public void argoCallsTheMethod(String method) {
        controller.exchanges.add(
                controller.call(controller.plugin(), method, HookRequests.preOperate(Examples.metadata(false))));
    }

    @When("Argo calls {string} with each of its example requests")
    public void argoCallsWithEachExample(String method) {
        for (byte[] args : Examples.of(method)) {
            controller.exchanges.add(controller.call(controller.plugin(), method, args));
        }
    }

    @When("Argo calls each implemented method with each of its example requests")
    public void argoCallsEachImplementedMethod() {
        List<Exchange> into = baseline.isEmpty() ? baseline : again;
        for (String method : ControllerPlugin.METHODS) {
            for (byte[] args : Examples.of(method)) {
                into.add(controller.call(controller.plugin(), method, args));
            }
        }
    }

    @When("Argo calls each implemented method with each of its example requests again")
    public void argoCallsEachImplementedMethodAgain() {
        argoCallsEachImplementedMethod();
    }

    @When("Argo repeats each of those calls {int} times")
    public void argoRepeats(int times) {
        for (Exchange first : baseline) {
            if (!first.answered(200)) {
                continue; // only what the plugin implements is called again and again
            }
            for (int i = 0; i < times; i++) {
                repeats.add(controller.call(controller.plugin(), first.method(), first.args()));
            }
        }
        repeatCount = times;
    }

    // ---- what is wrong with an exchange ---------------------------------------------------------------------------

    /** The first trouble of these exchanges that belongs to a requirement other than {@code self}: this one is blocked by it. */
    private void blockOnOthers(List<Exchange> list, String self) {
        for (Exchange e : list) {
            trouble(e).filter(t -> !t.requirement().equals(self)).ifPresent(t -> {
                throw NotChecked.blocked(t.requirement(), t.what());
            });
        }
    }

    static Optional<Trouble> trouble(Exchange e) {
        RecordedCall call = e.call();
        if (call == null) {
            return e.failure() == null
                    ? Optional.empty()
                    : Optional.of(new Trouble(
                            "CTRL-DECLINE-01",
                            e.method() + " failed: " + e.failure().getMessage(),
                            null));
        }
        return trouble(e.method(), call, e.failure());
    }

    static Optional<Trouble> trouble(String method, RecordedCall call, HookFailure failure) {
        if (!call.hasResponse()) {
            String error = String.valueOf(call.error());
            boolean late = error.contains("Timeout") || error.contains("timeout") || error.contains("deadline");
            return Optional.of(new Trouble(
                    late ? "CTRL-TIME-01" : "CTRL-DECLINE-01",
                    method + ": " + (failure != null ? "no answer (" + failure.getMessage() + ")" : lateOrLost(call)),
                    call));
        }
        int status = call.status();
        if (call.duration().compareTo(ControllerPlugin.TIMEOUT) >= 0) {
            return Optional.of(new Trouble(
                    "CTRL-TIME-01",
                    method + " answered after " + call.duration().toMillis() + " ms",
                    call));
        }
        if (status == 401 || status == 403) {
            return Optional.of(new Trouble(
                    "CTRL-AUTH-01", method + ": " + call.statusLine() + ", refusing a call without a token", call));
        }
        if (status == 415) {
            return Optional.of(new Trouble(
                    "CTRL-AUTH-02",
                    method + ": " + call.statusLine() + ", refusing a call without a Content-Type",
                    call));
        }
        if (status == 200 && failure != null) {
            String requirement = REPLY_REQUIREMENT.getOrDefault(method, "CTRL-DECLINE-01");
            return Optional.of(
                    new Trouble(requirement, method + ": a 200 Argo cannot decode: " + failure.getMessage(), call));
        }
        if (status != 200 && status != 404 && status != 503) {
            return Optional.of(new Trouble("CTRL-DECLINE-01", method + ": " + ReplySteps.received(call), call));
        }
        return Optional.empty();
    }

    // ---- auth, decline, accept ------------------------------------------------------------------------------------

    // CTRL-AUTH-01
    @Then("no call is refused for want of a token")
    public void noCallRefusedForAToken() {
        for (Exchange e : controller.exchanges) {
            if (e.answered(401) || e.answered(403)) {
                world.fail(
                        "every method served without an Authorization header, which the controller never sends",
                        e.method() + ": " + e.call().statusLine(),
                        e.call());
            }
        }
        blockOnOthers(controller.exchanges, "CTRL-AUTH-01");
    }

    // CTRL-AUTH-02
    @Then("no call is refused for want of a Content-Type")
    public void noCallRefusedForAContentType() {
        blockOnOthers(
                controller.exchanges.stream().filter(e -> !e.answered(415)).toList(), "CTRL-AUTH-02");
        for (Exchange e : controller.exchanges) {
            if (e.call() == null || !(e.answered(415) || e.answered(400))) {
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", PluginClient.GO_USER_AGENT);
            RecordedCall withType = world.probe().post("/api/v1/" + e.method(), headers, e.args());
            world.record(withType);
            if (e.answered(415) || (withType.hasResponse() && (withType.status() == 200 || withType.status() == 404))) {
                world.fail(
                        "every method served without a Content-Type header, which the controller never sets",
                        e.method() + ": " + e.call().statusLine() + " without Content-Type, "
                                + ReplySteps.received(withType) + " with Content-Type: application/json",
                        e.call());
            }
        }
    }

    // CTRL-DECLINE-01
    @Then("every method is answered 200 or 404")
    public void everyMethodAnswered200Or404() {
        blockOnOthers(controller.exchanges, "CTRL-DECLINE-01");
        for (Exchange e : controller.exchanges) {
            trouble(e)
                    .ifPresent(t -> world.fail(
                            "200 for a method the plugin implements, 404 for one it does not (503 only while"
                                    + " a passing condition lasts)",
                            t.what()
                                    + (t.call() != null && t.call().hasResponse()
                                            ? ": Argo marks the "
                                                    + (e.method().startsWith("node.") ? "node" : "workflow")
                                                    + " Error with \"" + argoText(e) + "\""
                                            : ""),
                            t.call()));
        }
    }

    @Then("a method answered 404 is never called again")
    public void a404IsNeverCalledAgain() {
        Map<String, Long> calls = controller.exchanges.stream()
                .filter(e -> e.call() != null)
                .collect(Collectors.groupingBy(Exchange::method, LinkedHashMap::new, Collectors.counting()));
        for (Exchange e : controller.exchanges) {
            if (e.answered(404)) {
                world.require(
                        calls.get(e.method()) == 1 && controller.plugin().isUnsupported(e.method()),
                        e.method() + " called once, then never again",
                        () -> e.method() + " called " + calls.get(e.method()) + " times");
            }
        }
        world.note("404 (never called again): "
                + controller.exchanges.stream()
                        .filter(e -> e.answered(404))
                        .map(Exchange::method)
                        .distinct()
                        .toList());
    }

    // CTRL-ACCEPT-01
    @Then("at least one method is answered 200")
    public void atLeastOneMethodAnswered200() {
        if (controller.exchanges.stream().anyMatch(e -> e.answered(200))) {
            world.note("implemented: "
                    + controller.exchanges.stream()
                            .filter(e -> e.answered(200))
                            .map(Exchange::method)
                            .distinct()
                            .toList());
            return;
        }
        blockOnOthers(controller.exchanges, "CTRL-ACCEPT-01");
        // Where does it answer, then? Seed 002's examples' paths, asked directly.
        List<String> seedPaths = List.of("/workflow.preOperate", "/WorkflowLifecycleHook.WorkflowPreOperate");
        List<String> answering = new ArrayList<>();
        for (String path : seedPaths) {
            RecordedCall probe = world.probe()
                    .post(
                            path,
                            Map.of("User-Agent", PluginClient.GO_USER_AGENT),
                            HookRequests.preOperate(Examples.metadata(false)));
            world.record(probe);
            if (probe.hasResponse() && probe.status() == 200) {
                answering.add(path);
            }
        }
        world.run().facts().note(ControllerNotes.path());
        world.fail(
                "200 from at least one of /api/v1/workflow.preOperate, workflow.postOperate, node.preExecute, node.postExecute,"
                        + " parameters.add",
                "404 from all five, so Argo never calls the plugin again and it does nothing"
                        + (answering.isEmpty()
                                ? ""
                                : "; it answers 200 at " + String.join(" and ", answering)
                                        + ", the path of seed 002's example, where Argo never calls (compatibility note CTRL-PATH-01)"),
                controller.exchanges.get(0).call());
    }

    // ---- replies --------------------------------------------------------------------------------------------------

    // CTRL-NODE-01, CTRL-NODE-02, CTRL-PARAM-01, CTRL-POST-01, CTRL-PRE-01
    @Then("every reply decodes as that method's reply")
    public void everyReplyDecodes() {
        List<Exchange> answered = implemented();
        String self = REPLY_REQUIREMENT.get(answered.get(0).method());
        blockOnOthers(controller.exchanges, self);
        for (Exchange e : answered) {
            if (e.failure() != null) {
                world.fail(
                        shape(e.method()),
                        "\"" + e.failure().getMessage() + "\" decoding " + abbreviate(e.fingerprint())
                                + ": Argo marks the " + (e.method().startsWith("node.") ? "node" : "workflow")
                                + " Error",
                        e.call());
            }
        }
    }

    // CTRL-PRE-02
    @Then("no workflow.preOperate patch changes what the controller owns")
    public void noPatchOfWhatTheControllerOwns() {
        List<Exchange> answered = implemented();
        blockOnOthers(controller.exchanges, "CTRL-PRE-02");
        for (Exchange e : answered) {
            if (e.decoded() instanceof ObjectNode patch) {
                ObjectNode sent = (ObjectNode) Json.read(new String(e.args(), StandardCharsets.UTF_8))
                        .path("workflow")
                        .path("metadata");
                List<String> violations = ProtectedFields.violations(sent, patch);
                if (!violations.isEmpty()) {
                    world.fail(
                            "a patch of labels and annotations of the plugin's own, nothing of "
                                    + ProtectedFields.FIELDS + " nor of the controller's " + ProtectedFields.ARGO_PREFIX
                                    + " labels and annotations",
                            String.join("; ", violations),
                            e.call());
                }
            }
        }
    }

    // CTRL-PRE-03
    @Then("every workflow.preOperate reply carries ObjectMeta fields only")
    public void metadataOnly() {
        List<Exchange> answered = implemented();
        blockOnOthers(controller.exchanges, "CTRL-PRE-03");
        for (Exchange e : answered) {
            JsonNode body;
            try {
                body = GoJson.readFirstValue(e.reply());
            } catch (GoJson.DecodeException ex) {
                continue;
            }
            JsonNode workflow = body.isObject() ? GoJson.field(body, "workflow") : null;
            if (workflow == null || !workflow.isObject()) {
                continue;
            }
            List<String> dropped = new ArrayList<>();
            workflow.fieldNames().forEachRemaining(k -> {
                if (!k.equalsIgnoreCase("metadata")) {
                    dropped.add("workflow." + k);
                }
            });
            JsonNode metadata = GoJson.field(workflow, "metadata");
            if (metadata != null && metadata.isObject()) {
                metadata.fieldNames().forEachRemaining(k -> {
                    if (ControllerReplies.OBJECT_META_FIELDS.stream().noneMatch(f -> f.equalsIgnoreCase(k))) {
                        dropped.add("workflow.metadata." + k);
                    }
                });
            }
            if (!dropped.isEmpty()) {
                world.fail(
                        "{\"workflow\": {\"metadata\": {...}}} with ObjectMeta fields only",
                        String.join(", ", dropped) + ", which the controller drops without a word",
                        e.call());
            }
        }
    }

    @Then("every node.preExecute phase is one Argo knows")
    public void everyPhaseKnown() {
        for (Exchange e : implemented()) {
            if (e.decoded() instanceof NodeResult node
                    && !node.phase().isEmpty()
                    && node.knownPhase().isEmpty()) {
                world.fail(
                        "a phase of "
                                + java.util.Arrays.stream(NodePhase.values())
                                        .map(NodePhase::wire)
                                        .toList(),
                        "phase \"" + node.phase() + "\": the node never ends",
                        e.call());
            }
        }
    }

    // CTRL-PARAM-02
    @Then("no added parameter is named like one of Argo's variables")
    public void noArgoVariables() {
        List<Exchange> answered = implemented();
        blockOnOthers(controller.exchanges, "CTRL-PARAM-02");
        for (Exchange e : answered) {
            if (e.decoded() instanceof Map<?, ?> parameters) {
                List<String> clashing = parameters.keySet().stream()
                        .map(String::valueOf)
                        .filter(k -> ARGO_VARIABLES.contains(k)
                                || ARGO_VARIABLE_PREFIXES.stream().anyMatch(k::startsWith))
                        .toList();
                if (!clashing.isEmpty()) {
                    world.fail(
                            "names of the plugin's own, such as hello, never workflow.*, inputs.*, steps.*, tasks.*, ...",
                            "parameters " + clashing + ", which replace Argo's own values in every template",
                            e.call());
                }
            }
        }
    }

    /** The exchanges of a method that answered 200; not applicable when the plugin does not implement it. */
    private List<Exchange> implemented() {
        List<Exchange> answered =
                controller.exchanges.stream().filter(e -> e.answered(200)).toList();
        if (answered.isEmpty()) {
            Exchange first = controller.exchanges.isEmpty() ? null : controller.exchanges.get(0);
            if (first != null) {
                trouble(first).ifPresent(t -> {
                    throw NotChecked.blocked(t.requirement(), t.what());
                });
            }
            throw NotChecked.notApplicable("Not applicable: the plugin does not implement "
                    + (first == null ? "this method" : first.method()) + " (it answered "
                    + (first == null || first.call() == null ? "nothing" : ReplySteps.received(first.call()))
                    + "), so Argo never calls it again.");
        }
        return answered;
    }

    private static String shape(String method) {
        return switch (method) {
            case ControllerPlugin.PRE_OPERATE -> "{} or {\"workflow\": {\"metadata\": ObjectMeta}}, decoded by Go";
            case ControllerPlugin.PRE_EXECUTE ->
                "{} or {\"node\": {\"phase\", \"message\", \"outputs\", \"progress\"}}, decoded by Go";
            case ControllerPlugin.ADD_PARAMETERS -> "{} or {\"parameters\": {\"name\": \"value\", ...}}, decoded by Go";
            default -> "a JSON object, such as {}";
        };
    }

    // ---- idempotency, side effects, transient ---------------------------------------------------------------------

    // CTRL-IDEM-01
    @Then("every repeat got the same reply")
    public void everyRepeatTheSame() {
        List<Exchange> answered = baseline.stream().filter(e -> e.answered(200)).toList();
        if (answered.isEmpty()) {
            blockOnOthers(baseline, "CTRL-IDEM-01");
            throw NotChecked.notApplicable(
                    "Not applicable: the plugin implements no method, so Argo never calls it twice.");
        }
        blockOnOthers(baseline, "CTRL-IDEM-01");
        blockOnOthers(repeats, "CTRL-IDEM-01");
        int r = 0;
        for (Exchange first : answered) {
            for (int i = 0; i < repeatCount && r < repeats.size(); i++, r++) {
                Exchange repeat = repeats.get(r);
                if (!repeat.fingerprint().equals(first.fingerprint())) {
                    world.fail(
                            first.method() + " answered the same every time for the same request: "
                                    + abbreviate(first.fingerprint()),
                            "call " + (i + 2) + ": " + abbreviate(repeat.fingerprint()),
                            repeat.call());
                }
            }
        }
    }

    // CTRL-IDEM-02
    @Then("the replies are the same as before")
    public void theRepliesAreTheSame() {
        blockOnOthers(baseline, "CTRL-IDEM-02");
        if (baseline.stream().noneMatch(e -> e.answered(200))) {
            throw NotChecked.notApplicable(
                    "Not applicable: the plugin implements no method; nothing Argo sees can change.");
        }
        for (int i = 0; i < Math.min(baseline.size(), again.size()); i++) {
            Exchange before = baseline.get(i);
            Exchange after = again.get(i);
            if (after.call() != null && !after.fingerprint().equals(before.fingerprint())) {
                world.fail(
                        before.method() + " answered as before the requests Argo discards: "
                                + abbreviate(before.fingerprint()),
                        abbreviate(after.fingerprint()),
                        after.call());
            }
        }
    }

    // CTRL-TRANSIENT-01
    @Then("every call answered 503 passes within {int} more tries")
    public void every503Passes(int tries) throws InterruptedException {
        List<Exchange> busy =
                controller.exchanges.stream().filter(e -> e.answered(503)).toList();
        if (busy.isEmpty()) {
            blockOnOthers(controller.exchanges, "CTRL-TRANSIENT-01");
            throw NotChecked.notApplicable("Not applicable: no call was answered 503.");
        }
        for (Exchange e : busy) {
            Exchange last = e;
            for (int i = 0; i < tries && last.answered(503); i++) {
                Thread.sleep(1000);
                last = controller.call(controller.plugin(), e.method(), e.args());
            }
            if (last.answered(503)) {
                world.fail(
                        e.method() + " answered otherwise within " + tries
                                + " more reconciles: a 503 is for a passing condition",
                        "503 on all " + (tries + 1) + " calls: Argo skips every reconcile and the workflow never moves",
                        last.call());
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** The text Argo would put on the node or workflow for this exchange. */
    static String argoText(Exchange e) {
        return e.failure() != null ? e.failure().getMessage() : ReplySteps.received(e.call());
    }

    /** A call without an answer, as Argo reports it. */
    static String lateOrLost(RecordedCall call) {
        String error = String.valueOf(call.error());
        return error.toLowerCase(java.util.Locale.ROOT).contains("timeout")
                ? "no answer within 1 s (Argo: \"context deadline exceeded (Client.Timeout exceeded while awaiting headers)\")"
                : "no answer (" + error + ")";
    }

    static String method(RecordedCall call) {
        return call.url().substring(call.url().lastIndexOf('/') + 1);
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** The body the hostile-input catalogue varies: a node.preExecute request of the docs' hello node. */
    static byte[] hostileBaseBody() {
        return Examples.of(ControllerPlugin.PRE_EXECUTE).get(0);
    }

    /** The requests the suite sends for each method: a few of the shapes a real controller sends. */
    static final class Examples {

        static final String WORKFLOW = """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  generateName: conformance-
                  labels: {app: conformance}
                  annotations: {owner: argo-plugin-conformance}
                spec:
                  entrypoint: main
                  arguments:
                    parameters: [{name: greeting, value: hi}]
                  templates:
                    - name: main
                      steps:
                        - - {name: hello, template: hello}
                          - name: echo
                            template: echo
                            arguments: {parameters: [{name: text, value: "{{workflow.parameters.greeting}}"}]}
                        - - {name: fan-out, template: fan-out}
                    - name: fan-out
                      dag:
                        tasks:
                          - {name: a, template: echo, arguments: {parameters: [{name: text, value: a}]}}
                          - {name: b, template: echo, dependencies: [a], arguments: {parameters: [{name: text, value: b}]}}
                    - name: hello
                      plugin:
                        hello: { }
                    - name: echo
                      inputs:
                        parameters: [{name: text}]
                      plugin:
                        conformance-echo:
                          text: "{{inputs.parameters.text}}"
                """;

        private Examples() {}

        static byte[] first(String method) {
            return of(method).get(0);
        }

        static List<byte[]> of(String method) {
            ObjectNode fresh = metadata(false);
            ObjectNode running = metadata(true);
            ObjectNode team = team();
            return switch (method) {
                case ControllerPlugin.PRE_OPERATE ->
                    List.of(
                            HookRequests.preOperate(fresh),
                            HookRequests.preOperate(running),
                            HookRequests.preOperate(team));
                case ControllerPlugin.POST_OPERATE ->
                    List.of(
                            HookRequests.postOperate(fresh, running),
                            HookRequests.postOperate(running, finished(running)));
                case ControllerPlugin.PRE_EXECUTE ->
                    List.of(
                            HookRequests.preExecute(
                                    running,
                                    template("hello", "{\"hello\":{}}"),
                                    node(running, "", "hello", "Plugin", "Pending")),
                            HookRequests.preExecute(
                                    running,
                                    template("notify", "{\"slack\":{\"channel\":\"#builds\"}}"),
                                    node(running, ".notify", "notify", "Plugin", "Pending")),
                            HookRequests.preExecute(team, steps(), node(team, "", "main", "Steps", "Running")),
                            HookRequests.preExecute(
                                    team, dag(), node(team, "[0].fan-out", "fan-out", "DAG", "Running")));
                case ControllerPlugin.POST_EXECUTE ->
                    List.of(
                            HookRequests.postExecute(
                                    running,
                                    template("hello", "{\"hello\":{}}"),
                                    node(running, "", "hello", "Plugin", "Pending"),
                                    done(node(running, "", "hello", "Plugin", "Pending"))),
                            HookRequests.postExecute(
                                    team,
                                    steps(),
                                    node(team, "", "main", "Steps", "Running"),
                                    done(node(team, "", "main", "Steps", "Running"))));
                case ControllerPlugin.ADD_PARAMETERS ->
                    List.of(HookRequests.addParameters(running), HookRequests.addParameters(team));
                default -> List.of(HookRequests.preOperate(fresh));
            };
        }

        /** A workflow's ObjectMeta as the controller holds it: before its first reconcile, or Running. */
        static ObjectNode metadata(boolean running) {
            ObjectNode m = Json.object();
            m.put("name", "conformance-x7k2p");
            m.put("generateName", "conformance-");
            m.put("namespace", "argo");
            m.put("uid", "3f0c9a52-6d1e-4b7a-9c2f-8e5d4a1b7c60");
            m.put("resourceVersion", running ? "48213" : "48207");
            m.put("generation", running ? 2 : 1);
            m.put(
                    "creationTimestamp",
                    DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            ObjectNode labels = m.putObject("labels");
            labels.put("app", "conformance");
            if (running) {
                labels.put("workflows.argoproj.io/phase", "Running");
                labels.put("workflows.argoproj.io/completed", "false");
            }
            return m;
        }

        private static ObjectNode team() {
            ObjectNode m = metadata(true);
            m.put("name", "nightly-build-" + UUID.randomUUID().toString().substring(0, 5));
            m.put("namespace", "team-a");
            m.put("uid", UUID.randomUUID().toString());
            m.remove("generateName");
            m.putObject("annotations")
                    .put("workflows.argoproj.io/pod-name-format", "v2")
                    .put("owner", "team-a");
            return m;
        }

        private static ObjectNode finished(ObjectNode running) {
            ObjectNode m = running.deepCopy();
            m.put("resourceVersion", "48240");
            m.withObjectProperty("labels")
                    .put("workflows.argoproj.io/phase", "Succeeded")
                    .put("workflows.argoproj.io/completed", "true");
            return m;
        }

        private static ObjectNode template(String name, String plugin) {
            ObjectNode t = Json.object();
            t.put("name", name);
            t.set("plugin", Json.read(plugin));
            return t;
        }

        private static ObjectNode steps() {
            return (ObjectNode)
                    Json.read("{\"name\":\"main\",\"steps\":[[{\"name\":\"hello\",\"template\":\"hello\"}]]}");
        }

        private static ObjectNode dag() {
            return (ObjectNode)
                    Json.read("{\"name\":\"fan-out\",\"dag\":{\"tasks\":[{\"name\":\"a\",\"template\":\"echo\"}]}}");
        }

        private static ObjectNode node(
                ObjectNode metadata, String suffix, String templateName, String type, String phase) {
            String workflow = metadata.path("name").asText();
            String name = workflow + suffix;
            ObjectNode n = Json.object();
            n.put("id", suffix.isEmpty() ? workflow : workflow + "-" + Integer.toUnsignedString(name.hashCode()));
            n.put("name", name);
            n.put("displayName", suffix.isEmpty() ? workflow : suffix.substring(suffix.lastIndexOf('.') + 1));
            n.put("type", type);
            n.put("templateName", templateName);
            n.put("templateScope", "local/" + workflow);
            n.put("phase", phase);
            n.put("startedAt", metadata.path("creationTimestamp").asText());
            n.putNull("finishedAt");
            return n;
        }

        private static ObjectNode done(ObjectNode node) {
            ObjectNode n = node.deepCopy();
            n.put("phase", "Succeeded");
            n.put(
                    "finishedAt",
                    DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            return n;
        }
    }
}
