package dev.argoconformance.suite.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.Backoff;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.List;
import org.opentest4j.TestAbortedException;

/** The agent: which plugins it calls, how its clients are set, and what Argo hands it. */
public final class AgentSteps {

    private final RegressionWorld world;

    public AgentSteps(RegressionWorld world) {
        this.world = world;
    }

    @Given("an agent with the plugin(s) {faults}")
    public void anAgentWithThePlugins(List<Fault> faults) {
        world.plugins(faults);
    }

    /** Skipped, saying why, where the container's own address cannot be reached (Docker Desktop). */
    @Given("an agent with the plugin {fault} at its container's own address, not through Docker's port mapping")
    public void anAgentWithThePluginAtItsOwnAddress(Fault fault) {
        if (!world.pluginAtItsOwnAddress(fault)) {
            throw new TestAbortedException("this machine cannot reach the " + fault + " container's own address;"
                    + " through Docker's port mapping a TCP reset arrives as an orderly close");
        }
    }

    @Given("an agent with one plugin, {word}, at an address where nothing listens")
    public void anAgentWithAPluginWhereNothingListens(String name) {
        world.pluginWhereNothingListens(name);
    }

    /** Argo's 30 s, shortened so that no scenario waits half a minute for a timeout. */
    @Given("its client timeout is shortened to {goDuration}")
    public void itsClientTimeoutIsShortenedTo(Duration timeout) {
        world.timeout(timeout);
    }

    /** Argo's backoff with a smaller first step: the same factor (2), jitter (0.2) and attempts (5). */
    @Given("its backoff is shortened to start at {goDuration}")
    public void itsBackoffIsShortenedToStartAt(Duration initial) {
        world.backoff(new Backoff(initial, 2.0, 0.2, 5));
    }

    @When("Argo executes a template whose plugin is {string}")
    @When("Argo executes another template whose plugin is {string}")
    public void argoExecutesATemplate(String plugin) {
        world.submit(plugin);
        world.awaitSettled();
    }

    @When("Argo executes {int} templates at once, each with the plugin {string}")
    public void argoExecutesTemplatesAtOnce(int count, String plugin) {
        for (int i = 0; i < count; i++) {
            world.submit(plugin);
        }
        world.awaitSettled();
    }

    /** For replies that keep the agent calling for ever: the agent is closed once it has called often enough. */
    @When("Argo executes a template whose plugin is {string} until {plugin} has been called {int} times")
    public void argoExecutesATemplateUntil(String plugin, String name, int calls) {
        world.submit(plugin);
        boolean reached = RegressionWorld.within(
                RegressionWorld.SETTLE_BOUND, () -> world.callsTo(name).size() >= calls);
        world.closeAgent();
        assertThat(reached)
                .as(
                        "%s was called %d times within %d s; calls:%n%s",
                        name, calls, RegressionWorld.SETTLE_BOUND.toSeconds(), world.callTable())
                .isTrue();
    }

    @When("Argo starts the agent of the next workflow")
    public void argoStartsTheAgentOfTheNextWorkflow() {
        world.nextWorkflow();
    }
}
