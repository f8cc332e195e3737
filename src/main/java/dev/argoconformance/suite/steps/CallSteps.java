package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.PluginCallException;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.protocol.ExecuteTemplateReply;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.plugin.Tokens;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What is sent to the plugin. Calls Argo makes go through the reference controller, so retries,
 * the 404 memory and requeues behave as Argo's; requests Argo never sends go straight to the plugin.
 */
public final class CallSteps {

    private final World world;
    private final Exchanges exchanges;

    public CallSteps(World world, Exchanges exchanges) {
        this.world = world;
        this.exchanges = exchanges;
    }

    @When("template.execute is called with its example and no Authorization header")
    public void calledWithoutAuthorization() {
        exchanges.direct(null);
    }

    @When("template.execute is called with its example and the Authorization header {string}")
    public void calledWithAuthorization(String header) {
        exchanges.direct(authorization(header, world.token()));
    }

    @When("template.execute is called with a template of another plugin and no Authorization header")
    public void calledWithAForeignTemplateWithoutAuthorization() {
        elsewhereWith(null, Requests.EXECUTE_PATH, Requests.executeBody(Requests.foreignTemplate()));
    }

    @When("template.execute is called with a template of another plugin and the Authorization header {string}")
    public void calledWithAForeignTemplate(String header) {
        elsewhereWith(
                authorization(header, world.token()),
                Requests.EXECUTE_PATH,
                Requests.executeBody(Requests.foreignTemplate()));
    }

    @When("the method {string} is called with no Authorization header")
    public void methodCalledWithoutAuthorization(String method) {
        elsewhereWith(
                null,
                Requests.path(method),
                Requests.executeBody(world.examples().get(0).template()));
    }

    @When("the method {string} is called with the Authorization header {string}")
    public void methodCalledWithAuthorization(String method, String header) {
        elsewhereWith(
                authorization(header, world.token()),
                Requests.path(method),
                Requests.executeBody(world.examples().get(0).template()));
    }

    /**
     * A refusal probe away from the plugin's own template. The same header is first sent with the
     * plugin's own example: a plugin that serves that one has the defect of EXEC-AUTH-01 or -02, and
     * this probe, which looks for a check made only where the plugin accepts, cannot tell it apart.
     */
    private void elsewhereWith(String authorization, String path, byte[] body) {
        var control = exchanges.direct(authorization);
        world.blockIfUnanswered(control);
        if (control.status() != 403) {
            throw NotChecked.blocked(
                    authorization == null ? "EXEC-AUTH-01" : "EXEC-AUTH-02",
                    "the same Authorization on the plugin's" + " own template was not refused either ("
                            + control.statusLine() + ")");
        }
        exchanges.direct(path, Requests.argoHeaders(authorization), body);
    }

    /** A header value from the features' placeholders: the token, a prefix of it, a wrong one of its shape. */
    static String authorization(String header, String token) {
        return header.replace("<token-prefix>", token.substring(0, token.length() - 1))
                .replace("<well-formed-wrong-token>", wellFormedWrongToken(token))
                .replace("<token>", token);
    }

    @When("template.execute is called with its example and a bearer value of {int} KiB")
    public void calledWithALongAuthorization(int kib) {
        exchanges.direct(
                Requests.EXECUTE_PATH,
                Requests.argoHeaders("Bearer " + "x".repeat(kib * 1024)),
                Requests.executeBody(world.examples().get(0).template()),
                false);
    }

    @When("template.execute is called with its example and each documented example token")
    public void calledWithDocumentedTokens() {
        for (String token : Exchanges.DOCUMENTED_TOKENS) {
            exchanges.direct("Bearer " + token);
        }
    }

    @When("Argo offers the plugin a template of another plugin")
    public void argoOffersAForeignTemplate() {
        exchanges.offerForeignTemplate();
    }

    @When("Argo calls the method {string}")
    public void argoCallsTheMethod(String method) {
        PluginClient client = world.referenceClient();
        exchanges.client(client, method);
        ExampleTemplate example = world.examples().get(0);
        try {
            client.call(
                    method,
                    Requests.executeBody(example.template()),
                    body -> ExecuteTemplateReply.decode(body, ExecuteTemplateReply.EMPTY));
        } catch (PluginCallException e) {
            world.note("The call failed as Argo would see it: " + e.getMessage());
        }
    }

    @When("Argo executes each example template")
    public void argoExecutesEachExample() {
        exchanges.executeExamples();
    }

    @When("Argo executes each example template with template fields the plugin does not know")
    public void argoExecutesEachExampleWithUnknownFields() {
        exchanges.executeExamplesAgain(CallSteps::withUnknownFields);
    }

    @When("Argo executes each example template again")
    public void argoExecutesEachExampleAgain() {
        exchanges.executeExamplesAgain(UnaryOperator.identity());
    }

    /** Stops at the first dispatch that got no HTTP response: the rest would only wait out the same retries. */
    @When("Argo dispatches its first example {int} times")
    public void argoDispatchesTheFirstExample(int times) {
        exchanges.requireExamplesAnswered();
        ExampleTemplate example = world.examples().get(0);
        for (int i = 0; i < times; i++) {
            try (Agent agent = Agent.builder(Requests.workflow())
                    .plugin(new ExecutorPlugin(world.referenceClient()))
                    .workers(1)
                    .build()) {
                world.outcome(agent.execute(example.template()));
            }
            world.blockIfUnanswered(world.lastCall());
        }
    }

    @When("the agent's {int} workers call template.execute with its example at once")
    public void theAgentsWorkersCallAtOnce(int workers) {
        exchanges.callAtOnce(workers);
    }

    @When("Argo repeats each example's last call {int} times")
    public void argoRepeatsEachExample(int times) {
        exchanges.repeatEachExample(times);
    }

    @When("Argo executes each example that declares concurrency {int} times at once, each with its own value")
    public void argoExecutesConcurrently(int copies) {
        List<ExampleTemplate> concurrent = world.examples().stream()
                .filter(e -> e.concurrency().isPresent())
                .toList();
        if (concurrent.isEmpty()) {
            throw NotChecked.notApplicable(
                    "Not applicable: no example declares `concurrency` (the field to vary and the output"
                            + " that echoes it); add one to your examples to have parallel calls checked.");
        }
        for (ExampleTemplate example : concurrent) {
            exchanges.executeConcurrently(example, copies);
        }
    }

    /**
     * Template fields Argo sends along that a plugin did not ask for: ones users set on any template
     * (Argo passes the whole template, argo-behaviour.md §W1.3) and one from a future Argo.
     */
    static ObjectNode withUnknownFields(ObjectNode template) {
        template.put("timeout", "10m");
        template.putObject("retryStrategy").put("limit", "2");
        template.putObject("memoize").put("key", "{{inputs.parameters.x}}").put("maxAge", "1h");
        template.withObjectProperty("metadata").putObject("labels").put("team", "conformance");
        template.putObject("x-argo-future-field")
                .put("since", "v9.9")
                .putArray("values")
                .add(1)
                .add("two");
        return template;
    }

    /** A token of Argo's shape (32 characters of its alphabet) that is not this run's, nor made from it. */
    static String wellFormedWrongToken(String token) {
        String other = Tokens.fresh();
        return other.equals(token) ? wellFormedWrongToken(token) : other;
    }
}
