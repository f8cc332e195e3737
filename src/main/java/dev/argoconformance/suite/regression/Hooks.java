package dev.argoconformance.suite.regression;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;
import org.opentest4j.TestAbortedException;

/** Starts the fault plugins once for the run, stops them at its end, and closes each scenario's agent. */
public final class Hooks {

    /** {@code -Dreference.deviations=run}: also run the scenarios that document where the reference differs from Argo. */
    static final String RUN_DEVIATIONS = "reference.deviations";

    private final World world;

    public Hooks(World world) {
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

    /**
     * A scenario tagged {@code @deviation} states Argo's behaviour where the reference controller is known to differ.
     * It is skipped, saying so, unless asked for: the suite stays green and the gap stays visible and runnable.
     */
    @Before("@deviation")
    public void skipKnownDeviations(Scenario scenario) {
        if (!"run".equals(System.getProperty(RUN_DEVIATIONS))) {
            throw new TestAbortedException("a known deviation of the reference controller (see features/reference/README.md);"
                    + " run it with -D" + RUN_DEVIATIONS + "=run");
        }
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
