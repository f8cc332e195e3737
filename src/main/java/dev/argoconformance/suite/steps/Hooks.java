package dev.argoconformance.suite.steps;

import dev.argoconformance.suite.certification.CertificationRun;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;

/** Starts the plugin before the first scenario and brackets every scenario's evidence. */
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
        RunTarget.of(CertificationRun.current());
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
