package dev.argoconformance.suite.regression;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;

/** Starts the fault plugins once for the run, stops them at its end, and closes each scenario's agent. */
public final class RegressionHooks {

    private final RegressionWorld world;

    public RegressionHooks(RegressionWorld world) {
        this.world = world;
    }

    /** Up front, so Docker trouble fails the run once, and no scenario's timing includes a container start. */
    @BeforeAll
    public static void startFaultPlugins() {
        FaultPlugins.get(Fault.FLAKY_503);
    }

    @AfterAll
    public static void stopFaultPlugins() {
        FaultPlugins.stopAll();
    }

    /** The calls go to the scenario's log: what the reference controller did, and when, is what these features are about. */
    @After
    public void closeTheAgent(Scenario scenario) {
        world.closeAgent();
        if (!world.calls().isEmpty()) {
            scenario.log("calls the reference controller made (tokens redacted):\n" + world.callTable());
        }
    }
}
