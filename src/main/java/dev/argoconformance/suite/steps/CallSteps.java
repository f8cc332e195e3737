package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.PluginCallException;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.protocol.ExecuteTemplateReply;
import dev.argoconformance.suite.config.ExampleTemplate;
import io.cucumber.java.en.When;

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
        String token = world.token();
        String value = header
                .replace("<token-prefix>", token.substring(0, token.length() - 1))
                .replace("<token>", token);
        exchanges.direct(value);
    }

    @When("template.execute is called with its example and an Authorization header of {int} KiB")
    public void calledWithALongAuthorization(int kib) {
        exchanges.direct("Bearer " + "x".repeat(kib * 1024));
    }

    @When("template.execute is called with its example and each documented example token")
    public void calledWithDocumentedTokens() {
        for (String token : Exchanges.DOCUMENTED_TOKENS) {
            exchanges.direct("Bearer " + token);
        }
    }

    @When("Argo offers the plugin a template of another plugin")
    public void argoOffersAForeignTemplate() {
        try (Agent agent = Agent.builder(Requests.workflow()).plugin(new ExecutorPlugin(world.referenceClient())).workers(1).build()) {
            world.outcome(agent.execute(Requests.foreignTemplate()));
        }
    }

    @When("Argo calls the method {string}")
    public void argoCallsTheMethod(String method) {
        PluginClient client = world.referenceClient();
        exchanges.client(client, method);
        ExampleTemplate example = world.examples().get(0);
        try {
            client.call(method, Requests.executeBody(example.template()), body -> ExecuteTemplateReply.decode(body, ExecuteTemplateReply.EMPTY));
        } catch (PluginCallException e) {
            world.note("The call failed as Argo would see it: " + e.getMessage());
        }
    }

    @When("Argo executes each example template")
    public void argoExecutesEachExample() {
        exchanges.executeExamples();
    }
}
