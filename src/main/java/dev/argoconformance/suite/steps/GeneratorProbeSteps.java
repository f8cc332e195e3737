package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.plugin.PluginTarget;
import dev.argoconformance.suite.probe.RawHttp;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's requests Argo CD never sends, straight to the plugin: calls without the token or with a wrong
 * one, and a wrong token on a connection read to its end. Argo CD's own calls are {@link GeneratorSteps}.
 */
public final class GeneratorProbeSteps {

    private final World world;
    private final Exchanges exchanges;
    private RawHttp.Exchange raw;

    public GeneratorProbeSteps(World world, Exchanges exchanges) {
        this.world = world;
        this.exchanges = exchanges;
    }

    @Given("a generator plugin started with a fresh token")
    public void aGeneratorPluginStartedWithAFreshToken() {
        world.target();
    }

    @When("getparams.execute is called with its example and no Authorization header")
    public void calledWithoutAuthorization() {
        direct(null);
    }

    @When("getparams.execute is called with its example and the Authorization header {string}")
    public void calledWithAuthorization(String header) {
        direct(CallSteps.authorization(header, world.token()));
    }

    @When("a call with a wrong token is sent on a connection the suite reads to its end")
    public void aWrongTokenOnARawConnection() {
        PluginTarget target = world.target();
        RawHttp http = new RawHttp(target.baseUrl(), target.token(), Duration.ofSeconds(10));
        raw = http.send(
                "POST",
                GeneratorSteps.PATH,
                List.of(
                        new RecordedCall.Header("Content-Type", "application/json"),
                        new RecordedCall.Header(
                                "Authorization", "Bearer " + CallSteps.wellFormedWrongToken(target.token())),
                        new RecordedCall.Header("User-Agent", GeneratorSteps.USER_AGENT)),
                GeneratorSteps.body(world.generatorExamples().get(0).parameters()),
                false);
        world.record(raw.call());
    }

    @Then("the reply carries no parameter sets")
    public void carriesNoParameterSets() {
        for (RecordedCall call : exchanges.directCalls()) {
            if (call.responseBody() != null && call.responseBody().contains("\"output\"")) {
                world.fail(
                        "no output in a refused call's body",
                        "parameter sets: the plugin handled the call anyway",
                        call);
            }
        }
    }

    // GEN-AUTH-03
    @Then("nothing follows the 403 on that connection")
    public void nothingFollowsThe403() {
        RecordedCall call = raw.call();
        world.blockIfUnanswered(call);
        if (call.status() != 403) {
            throw NotChecked.blocked(
                    "GEN-AUTH-02", "the plugin did not refuse the wrong token (" + ReplySteps.received(call) + ")");
        }
        String body = call.responseBody() == null ? "" : call.responseBody();
        if (raw.carriedOn() || body.contains("\"output\"")) {
            world.fail(
                    "the 403 and nothing else: the handler returns after refusing",
                    "the handler went on after the 403 and wrote: " + raw.whatFollowed(),
                    call);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private void direct(String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", GeneratorSteps.USER_AGENT);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        exchanges.direct(
                GeneratorSteps.PATH,
                headers,
                GeneratorSteps.body(world.generatorExamples().get(0).parameters()));
    }
}
