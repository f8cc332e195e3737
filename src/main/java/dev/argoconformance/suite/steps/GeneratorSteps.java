package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.generator.ApplicationSet;
import dev.argoconformance.reference.generator.ApplicationSetController;
import dev.argoconformance.reference.generator.InMemoryConfigSource;
import dev.argoconformance.reference.generator.PluginReply;
import dev.argoconformance.reference.generator.Reconciliation;
import dev.argoconformance.reference.generator.ReplyShape;
import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.config.GeneratorExample;
import dev.argoconformance.suite.plugin.PluginTarget;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The ApplicationSet generator plugin contract as Argo CD's reconciles see it: Argo CD's calls go through the
 * reference ApplicationSet controller (its ConfigMap and Secret resolution, its decoding, its flags on silent
 * empty replies). The requests Argo CD never sends are {@link GeneratorProbeSteps}.
 */
public final class GeneratorSteps {

    static final String PATH = "/api/v1/getparams.execute";
    static final String CONFIG_MAP = "plugin-under-test";
    static final String NAMESPACE = "argocd";
    /** Argo CD's user agent (applicationset/services/internal/http/client.go). */
    static final String USER_AGENT = "argocd-applicationset";
    /** Argo CD reconciles up to 10 ApplicationSets at once (--concurrent-reconciliations). */
    static final int RECONCILERS = 10;
    /** Argo CD's default requestTimeout for a plugin call (applicationset/services/plugin). */
    static final Duration ARGO_CD_TIMEOUT = Duration.ofSeconds(30);

    private final World world;
    private final Exchanges exchanges;
    private final List<Reconciliation> reconciliations = Collections.synchronizedList(new ArrayList<>());
    private final List<GeneratorExample> reconciled = new ArrayList<>();
    private GeneratorExample.Matrix matrixExpected;

    public GeneratorSteps(World world, Exchanges exchanges) {
        this.world = world;
        this.exchanges = exchanges;
    }

    // --- Argo CD's reconciles --------------------------------------------------------------------

    @When("Argo CD reconciles an ApplicationSet with each example")
    public void reconcilesEachExample() {
        for (GeneratorExample example : world.generatorExamples()) {
            reconciled.add(example);
            reconciliations.add(reconcile(plugin(example.parameters())));
        }
    }

    /** The same ApplicationSet each time, as Argo CD's reconciles of one ApplicationSet send the same request. */
    @When("Argo CD reconciles the first example {int} times")
    public void reconcilesTheFirstExample(int times) {
        GeneratorExample example = world.generatorExamples().get(0);
        ObjectNode appSet = plugin(example.parameters());
        for (int i = 0; i < times; i++) {
            reconciled.add(example);
            Reconciliation r = reconcile(appSet);
            reconciliations.add(r);
            r.calls().forEach(world::blockIfUnanswered);
        }
    }

    /**
     * Each example's own input plus a key of every JSON type: what the plugin documents it takes, and
     * values of the types Argo CD passes through untouched (seed 004: "values may be any type").
     */
    @When(
            "Argo CD reconciles an ApplicationSet with each example's input plus a string, a number, a boolean, a list, a map and a null")
    public void reconcilesEveryJsonType() {
        for (GeneratorExample example : world.generatorExamples()) {
            ObjectNode parameters = example.parameters().deepCopy();
            parameters.put("conformance-string", "value1");
            parameters.put("conformance-number", 42);
            parameters.put("conformance-float", 1.5);
            parameters.put("conformance-boolean", true);
            parameters.putArray("conformance-list").add("list").add("of").add("values");
            parameters.putObject("conformance-map").put("key1", "value1").put("key2", "value2");
            parameters.putNull("conformance-null");
            reconciliations.add(reconcile(plugin(parameters)));
        }
    }

    @When("Argo CD reconciles an ApplicationSet without input parameters")
    public void reconcilesWithoutParameters() {
        reconciliations.add(reconcile(plugin(Json.object())));
    }

    /**
     * A matrix of a two-element list generator and the plugin, for the first example: its
     * {@code matrix} section says how list elements template into its input; without one, its own
     * parameters plus one key templated from the list.
     */
    @When("Argo CD reconciles a matrix of a two-element list generator and the plugin, templated from the list")
    public void reconcilesAMatrix() {
        GeneratorExample example = world.generatorExamples().get(0);
        GeneratorExample.Matrix m = example.matrix();
        ObjectNode appSet = applicationSet();
        ObjectNode matrix = appSet.withObjectProperty("spec")
                .putArray("generators")
                .addObject()
                .putObject("matrix");
        ArrayNode children = matrix.putArray("generators");
        ArrayNode elements = children.addObject().putObject("list").putArray("elements");
        m.elements().forEach(elements::add);
        ObjectNode plugin = children.addObject().putObject("plugin");
        plugin.putObject("configMapRef").put("name", CONFIG_MAP);
        plugin.putObject("input").set("parameters", m.input());
        matrixExpected = m;
        reconciliations.add(reconcile(appSet));
    }

    @When("Argo CD's {int} reconcilers call the plugin with its example at once")
    public void reconcilersAtOnce(int reconcilers) {
        GeneratorExample example = world.generatorExamples().get(0);
        ExecutorService pool = Executors.newFixedThreadPool(reconcilers);
        try {
            List<Future<Reconciliation>> futures = new ArrayList<>();
            for (int i = 0; i < reconcilers; i++) {
                futures.add(pool.submit(
                        () -> noted(controller(false).reconcile(ApplicationSet.from(plugin(example.parameters()))))));
            }
            for (Future<Reconciliation> f : futures) {
                Reconciliation r = f.get(90, TimeUnit.SECONDS);
                reconciliations.add(r);
                r.calls().forEach(exchanges::addDirect);
            }
        } catch (Exception e) {
            throw new IllegalStateException("concurrent reconciles did not finish: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    // GEN-OUTPUT-01
    @Then("every reply decodes as output.parameters, a list of objects")
    public void everyReplyDecodes() {
        for (Reconciliation r : reconciliations) {
            for (PluginReply reply : r.replies()) {
                if (reply.shape() == ReplyShape.ERROR) {
                    RecordedCall call = lastCall(r);
                    world.blockIfArgoWasRefused(call);
                    world.fail("{\"output\": {\"parameters\": [{...}, ...]}} with a 2xx status", reply.detail(), call);
                }
            }
        }
    }

    // GEN-OUTPUT-02
    @Then("no reply is silently empty")
    public void noReplyIsSilentlyEmpty() {
        blockOnErrors("GEN-OUTPUT-01");
        for (Reconciliation r : reconciliations) {
            for (PluginReply reply : r.replies()) {
                if (reply.isSilentEmpty()) {
                    world.fail(
                            "output.parameters present (an explicit [] only when every Application should go)",
                            "a silently empty reply (" + reply.detail()
                                    + "): Argo CD reads zero parameter sets and deletes the"
                                    + " ApplicationSet's Applications without a word",
                            lastCall(r));
                }
            }
        }
    }

    // GEN-OUTPUT-03
    @Then("every example gives its expected parameter sets")
    public void everyExampleGivesItsSets() {
        blockOnErrors("GEN-OUTPUT-01");
        if (world.generatorExamples().stream().noneMatch(GeneratorExample::givenByAuthor)) {
            throw NotChecked.disabled(
                    "Not checked: no examples were given, so the suite does not know which parameter sets your plugin"
                            + " should return; it sent no input and checked the reply's shape (GEN-OUTPUT-01/02). Give your plugin's examples with"
                            + " -Dplugin.examples=DIR (format: sample-plugins/hello-generator/examples/).");
        }
        for (int i = 0; i < reconciled.size(); i++) {
            GeneratorExample example = reconciled.get(i);
            Reconciliation r = reconciliations.get(i);
            if (r.hadSilentEmptyReply()) {
                throw NotChecked.blocked("GEN-OUTPUT-02", "example " + example.name() + " got a silently empty reply");
            }
            List<JsonNode> got = pluginOutput(r);
            if (example.expected().isPresent()) {
                if (!example.expected().get().equals(got)) {
                    world.fail(
                            "example " + example.name() + ": "
                                    + example.expected().get(),
                            "output.parameters " + got,
                            lastCall(r));
                }
            } else if (got.isEmpty()) {
                world.fail("example " + example.name() + ": at least one parameter set", "none", lastCall(r));
            }
        }
    }

    // GEN-OUTPUT-04
    @Then("no parameter set uses the reserved keys generator or values")
    public void noReservedKeys() {
        blockOnErrors("GEN-OUTPUT-01");
        for (Reconciliation r : reconciliations) {
            for (JsonNode set : pluginOutput(r)) {
                for (String reserved : List.of("generator", "values")) {
                    if (set.has(reserved)) {
                        world.fail(
                                "no top-level key `generator` or `values`: Argo CD overwrites them with the generator's input and values",
                                "a parameter set with `" + reserved + "`: " + set,
                                lastCall(r));
                    }
                }
            }
        }
    }

    // GEN-OUTPUT-05
    @Then("every parameter set flattens without losing keys")
    public void flattensCleanly() {
        blockOnErrors("GEN-OUTPUT-01");
        for (Reconciliation r : reconciliations) {
            for (JsonNode set : pluginOutput(r)) {
                List<String> problems = new ArrayList<>();
                lossyKeys(set, "", problems);
                if (!problems.isEmpty()) {
                    world.fail(
                            "keys without dots, and no empty maps or lists (fasttemplate mode flattens nested keys with dots and drops empty ones)",
                            String.join("; ", problems) + " in " + set,
                            lastCall(r));
                }
            }
        }
    }

    // GEN-AUTH-04
    @Then("Argo CD's calls were served")
    public void argoCdsCallsWereServed() {
        for (Reconciliation r : reconciliations) {
            for (RecordedCall call : r.calls()) {
                if (!call.hasResponse() || call.status() == 401 || call.status() == 403) {
                    world.fail(
                            "the call served: the token is the one Argo CD resolved from argocd-secret",
                            ReplySteps.received(call),
                            call);
                }
            }
        }
    }

    /**
     * Every call answered with parameter sets, or refused with a 4xx that says why in its body: a
     * plugin may document inputs it does not take, and Argo CD shows that body in the
     * ApplicationSet's condition. A refusal of Argo CD's own token, a silently empty reply or a 2xx
     * Argo CD cannot decode belongs to another clause, which then blocks this one.
     */
    // GEN-INPUT-01, GEN-INPUT-02
    @Then("the plugin answered every call with parameter sets or a documented refusal")
    public void answeredEveryCall() {
        for (Reconciliation r : reconciliations) {
            blockOnOtherClauses(r);
            for (int i = 0; i < r.replies().size(); i++) {
                PluginReply reply = r.replies().get(i);
                RecordedCall call = i < r.calls().size() ? r.calls().get(i) : lastCall(r);
                if (reply.shape() == ReplyShape.PARAMETER_SETS) {
                    continue;
                }
                if (documentedRefusal(call)) {
                    world.note("a documented refusal, not a failure: " + call.statusLine() + " " + call.responseBody());
                    continue;
                }
                world.fail(
                        "parameter sets for this input, or a 4xx whose body says why it is refused",
                        reply.shape() + (reply.detail().isEmpty() ? "" : ": " + reply.detail()),
                        call);
            }
        }
    }

    /** 400 or 422 with a body: the plugin refuses this input and says why. A 429 or a 5xx is no refusal of the input. */
    private static boolean documentedRefusal(RecordedCall call) {
        return call != null
                && (call.status() == 400 || call.status() == 422)
                && call.responseBody() != null
                && !call.responseBody().isBlank();
    }

    // GEN-INPUT-03
    @Then("the plugin was called once for each list element, with the input templated from it")
    public void calledOncePerElement() {
        Reconciliation r = reconciliations.get(reconciliations.size() - 1);
        List<RecordedCall> calls = r.calls();
        blockOnOtherClauses(r);
        List<JsonNode> inputs = new ArrayList<>();
        for (RecordedCall call : calls) {
            world.blockIfArgoWasRefused(call);
            try {
                JsonNode body = GoJson.readFirstValue(call.requestBody().getBytes(StandardCharsets.UTF_8));
                inputs.add(body.path("input").path("parameters"));
            } catch (GoJson.DecodeException e) {
                inputs.add(Json.object().put("?", "undecodable request"));
            }
        }
        List<JsonNode> expected = matrixExpected.expectedInputs();
        world.require(
                inputs.equals(expected),
                "one call per list element, in order, with input.parameters " + expected,
                () -> calls.size() + " call(s) with input.parameters " + inputs);
        answeredEveryCall();
    }

    // GEN-IDEMP-01
    @Then("every reconcile gives the same parameter sets")
    public void everyReconcileTheSame() {
        blockOnErrors("GEN-OUTPUT-01");
        List<JsonNode> first = pluginOutput(reconciliations.get(0));
        for (int i = 1; i < reconciliations.size(); i++) {
            List<JsonNode> again = pluginOutput(reconciliations.get(i));
            if (!first.equals(again)) {
                world.fail(
                        "the same parameter sets for the same input (Argo CD calls on every reconcile and webhook)",
                        "reconcile " + (i + 1) + ": " + again + " after " + first,
                        lastCall(reconciliations.get(i)));
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Argo CD's behaviour the reconcile ran into (a silent empty reply, a literal token) goes into the report. */
    private Reconciliation noted(Reconciliation r) {
        r.notes().forEach(world.run().facts()::note);
        return r;
    }

    /** One reconcile, alone: its calls count for the whole-run reply requirement. */
    private Reconciliation reconcile(ObjectNode appSet) {
        Reconciliation r = noted(controller(true).reconcile(ApplicationSet.from(appSet)));
        return r;
    }

    /**
     * The reference ApplicationSet controller, configured as an Argo CD install that knows this
     * plugin; {@code alone}: its calls are made one at a time and count for the whole-run reply requirement.
     */
    private ApplicationSetController controller(boolean alone) {
        PluginTarget target = world.target();
        InMemoryConfigSource config = new InMemoryConfigSource()
                .withConfigMap(
                        NAMESPACE,
                        CONFIG_MAP,
                        Map.of("baseUrl", target.baseUrl().toString(), "token", "$plugin.conformance.token"))
                .withSecret(NAMESPACE, "argocd-secret", Map.of("plugin.conformance.token", target.token()));
        return ApplicationSetController.builder(config)
                .namespace(NAMESPACE)
                .listener(call -> {
                    world.recorder().onCall(call);
                    if (alone) {
                        world.answered(call, ARGO_CD_TIMEOUT);
                    }
                })
                .build();
    }

    private static ObjectNode applicationSet() {
        ObjectNode appSet = Json.object();
        appSet.put("apiVersion", "argoproj.io/v1alpha1");
        appSet.put("kind", "ApplicationSet");
        appSet.putObject("metadata")
                .put("name", "conformance-" + UUID.randomUUID().toString().substring(0, 8))
                .put("namespace", NAMESPACE);
        ObjectNode spec = appSet.putObject("spec");
        spec.put("goTemplate", true);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").put("name", "conformance");
        ObjectNode appSpec = template.putObject("spec");
        appSpec.put("project", "default");
        appSpec.putObject("source")
                .put("repoURL", "https://example.invalid/repo.git")
                .put("path", ".");
        appSpec.putObject("destination")
                .put("server", "https://kubernetes.default.svc")
                .put("namespace", "default");
        return appSet;
    }

    /** An ApplicationSet with one plugin generator pointing at the plugin under test. */
    private static ObjectNode plugin(ObjectNode parameters) {
        ObjectNode appSet = applicationSet();
        ObjectNode plugin = appSet.withObjectProperty("spec")
                .putArray("generators")
                .addObject()
                .putObject("plugin");
        plugin.putObject("configMapRef").put("name", CONFIG_MAP);
        ObjectNode input = plugin.putObject("input");
        if (!parameters.isEmpty()) {
            input.set("parameters", parameters.deepCopy());
        }
        return appSet;
    }

    /** The request body Argo CD sends for these parameters (a name, the input; omitempty). */
    static byte[] body(ObjectNode parameters) {
        ObjectNode body = Json.object();
        body.put(
                "applicationSetName",
                "conformance-" + UUID.randomUUID().toString().substring(0, 8));
        ObjectNode input = body.putObject("input");
        if (!parameters.isEmpty()) {
            input.set("parameters", parameters);
        }
        return (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** output.parameters as the plugin sent it, read from the last reply's body (the reconciliation adds reserved keys). */
    private static List<JsonNode> pluginOutput(Reconciliation r) {
        RecordedCall call = lastCall(r);
        List<JsonNode> sets = new ArrayList<>();
        if (call == null || call.responseBody() == null || call.responseBody().isBlank()) {
            return sets;
        }
        try {
            JsonNode body = GoJson.readFirstValue(call.responseBody().getBytes(StandardCharsets.UTF_8));
            body.path("output").path("parameters").forEach(sets::add);
        } catch (GoJson.DecodeException e) {
            // the reply steps report undecodable replies
        }
        return sets;
    }

    /** Refused tokens, silently empty replies and undecodable 2xx replies are other clauses' failures. */
    private void blockOnOtherClauses(Reconciliation r) {
        for (int i = 0; i < r.replies().size(); i++) {
            PluginReply reply = r.replies().get(i);
            RecordedCall call = i < r.calls().size() ? r.calls().get(i) : lastCall(r);
            world.blockIfArgoWasRefused(call);
            if (reply.isSilentEmpty()) {
                throw NotChecked.blocked("GEN-OUTPUT-02", "a silently empty reply (" + reply.detail() + ")");
            }
            if (reply.shape() == ReplyShape.ERROR && call != null && call.status() >= 200 && call.status() < 300) {
                throw NotChecked.blocked("GEN-OUTPUT-01", "Argo CD could not decode the reply: " + reply.detail());
            }
        }
    }

    private void blockOnErrors(String cause) {
        for (Reconciliation r : reconciliations) {
            world.blockIfArgoWasRefused(lastCall(r));
            if (r.replies().stream().anyMatch(reply -> reply.shape() == ReplyShape.ERROR)) {
                throw NotChecked.blocked(
                        cause, "Argo CD could not use the reply: " + r.error().orElse("?"));
            }
        }
    }

    private static RecordedCall lastCall(Reconciliation r) {
        return r.calls().isEmpty() ? null : r.calls().get(r.calls().size() - 1);
    }

    private static void lossyKeys(JsonNode node, String path, List<String> problems) {
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getKey().contains(".")) {
                problems.add("key `" + key + "` has a dot");
            }
            if ((e.getValue().isObject() || e.getValue().isArray())
                    && e.getValue().isEmpty()) {
                problems.add("`" + key + "` is empty and vanishes when flattened");
            }
            lossyKeys(e.getValue(), key, problems);
        }
    }
}
