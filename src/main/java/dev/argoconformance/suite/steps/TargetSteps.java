package dev.argoconformance.suite.steps;

import io.cucumber.java.en.Given;

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
}
