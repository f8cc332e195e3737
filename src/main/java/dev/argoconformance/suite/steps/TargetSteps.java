package dev.argoconformance.suite.steps;

import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.target.PluginTarget;
import dev.argoconformance.suite.target.Startup;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

/** Which plugin the scenario talks to, and how it was started. */
public final class TargetSteps {

    private final World world;

    public TargetSteps(World world) {
        this.world = world;
    }

    @Given("an executor plugin started with a fresh token")
    public void anExecutorPluginStartedWithAFreshToken() {
        world.target();
    }

    @Then("the plugin started and answers HTTP on its port")
    public void startedAndAnswers() {
        startedUnderItsManifest();
    }

    @Then("the plugin started under its manifest and answers on the manifest's first port")
    public void startedUnderItsManifest() {
        Startup startup = world.runTarget().startup();
        if (startup instanceof Startup.Failed failed) {
            world.fail("the plugin answers HTTP on its first port within 60 s, started as Argo's agent starts it",
                    failed.reason() + (failed.logs().isBlank() ? "\n(no log output)" : "\nlast log lines:\n" + failed.logs()), null);
            return;
        }
        PluginTarget target = world.target();
        target.container().orElseThrow(() -> NotChecked.disabled(
                "Disabled: the plugin runs outside the suite (-Dplugin.url), so how it starts cannot be checked; use -Dplugin.image."));
        world.note("started " + target.describe() + " in " + target.coldStart().map(d -> d.toMillis() + " ms").orElse("?")
                + "; docker inspect: " + target.container().get().inspect());
    }
}
