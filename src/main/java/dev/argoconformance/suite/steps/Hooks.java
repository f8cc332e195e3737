package dev.argoconformance.suite.steps;

import dev.argoconformance.suite.certification.CertificationRun;
import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;

/** Starts the plugin before the first scenario, brackets every scenario's evidence, and runs the differential tier when asked. */
public final class Hooks {

    private final World world;

    public Hooks(World world) {
        this.world = world;
    }

    /**
     * Starting the plugin once, up front, turns harness trouble (no Docker, no image) into one
     * failure of the whole run instead of the same error in every scenario.
     */
    @BeforeAll
    public static void startPlugin() {
        DifferentialRun.requireHarness(
                CertificationRun.current().options()); // before a plugin starts: a missing harness is said at once
        RunTarget.of(CertificationRun.current());
    }

    /** {@code -Dplugin.differential=true}: the examples through Argo's own code too, once every scenario has run. */
    @AfterAll
    public static void compareWithArgo() {
        DifferentialRun.run(CertificationRun.current(), System.out);
    }

    @Before(order = 0)
    public void begin(Scenario scenario) {
        world.begin(scenario);
    }

    @After
    public void finish(Scenario scenario) {
        world.finish(scenario);
    }
}
