package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.Redaction;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.plugin.ContainerFacts;
import dev.argoconformance.suite.plugin.ContainerTrouble;
import dev.argoconformance.suite.plugin.PluginTarget;
import dev.argoconformance.suite.plugin.RunningContainer;
import dev.argoconformance.suite.plugin.Startup;
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

    // EXEC-RUN-04, GEN-RUN-03
    @Then("the plugin's container is still running, and was never killed for memory")
    public void stillRunning() {
        PluginTarget target = world.target();
        RunningContainer container = target.container()
                .orElseThrow(
                        () -> NotChecked.disabled(
                                "Disabled: the plugin runs outside the suite (-Dplugin.url), so whether it kept running cannot be seen; use -Dplugin.image."));
        ContainerFacts facts = container.inspect();
        world.note("docker inspect: " + facts);
        if (!facts.running() || facts.oomKilled() || facts.restartCount() > 0) {
            String logs =
                    Redaction.redact(ContainerTrouble.tail(container.logs(), Startup.Failed.LOG_LINES), target.token());
            world.fail(
                    "the container running for the whole run: never exited, restarted or killed for memory under its limits ("
                            + (facts.memoryLimitBytes() > 0
                                    ? facts.memoryLimitBytes() / (1024 * 1024) + " MiB"
                                    : "no memory limit")
                            + ")",
                    RunTarget.describe(facts) + (logs.isBlank() ? "\n(no log output)" : "\nlast log lines:\n" + logs),
                    null);
        }
    }

    // CTRL-RUN-01, GEN-RUN-01
    @Then("the plugin started and answers HTTP on its port")
    public void startedAndAnswers() {
        startedUnderItsManifest();
    }

    // EXEC-RUN-01
    @Then("the plugin started under its manifest and answers on the manifest's first port")
    public void startedUnderItsManifest() {
        Startup startup = world.runTarget().startup();
        if (startup instanceof Startup.Failed failed) {
            world.fail(
                    "the plugin answers HTTP on its first port within 60 s, started as Argo's agent starts it",
                    failed.reason()
                            + (failed.logs().isBlank() ? "\n(no log output)" : "\nlast log lines:\n" + failed.logs()),
                    null);
            return;
        }
        PluginTarget target = world.target();
        target.container()
                .orElseThrow(
                        () -> NotChecked.disabled(
                                "Disabled: the plugin runs outside the suite (-Dplugin.url), so how it starts cannot be checked; use -Dplugin.image."));
        world.note("started " + target.describe() + " in "
                + target.coldStart().map(d -> d.toMillis() + " ms").orElse("?") + "; docker inspect: "
                + target.container().get().inspect());
    }
}
