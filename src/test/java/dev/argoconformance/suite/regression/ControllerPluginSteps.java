package dev.argoconformance.suite.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.hooks.ControllerHooks;
import dev.argoconformance.reference.hooks.ControllerPluginConfig;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import dev.argoconformance.reference.workflow.Workflow;
import dev.argoconformance.reference.workflow.WorkflowException;
import dev.argoconformance.reference.workflow.WorkflowResult;
import dev.argoconformance.reference.workflow.WorkflowRunner;
import dev.argoconformance.suite.plugin.PluginContainer;
import dev.argoconformance.suite.plugin.SampleImages;
import io.cucumber.docstring.DocString;
import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.testcontainers.utility.DockerImageName;

/**
 * The reference controller's controller plugin side against real plugins: the hello controller sample and the broken
 * controller samples, each a container started once per run (no token, as a controller's sidecar has none). The same
 * {@link ControllerHooks} serve every workflow of a scenario, as one controller serves them all.
 */
public final class ControllerPluginSteps {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Map<String, URI> STARTED = new HashMap<>();
    private static final List<PluginContainer> CONTAINERS = new ArrayList<>();

    private final RegressionWorld world;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final List<ControllerPluginConfig> configs = new ArrayList<>();
    private ControllerHooks hooks;
    private final List<WorkflowResult> results = new ArrayList<>();

    public ControllerPluginSteps(RegressionWorld world) {
        this.world = world;
    }

    /** The sample (a folder of sample-plugins/: hello-controller, broken/controller/…), built and started once per run. */
    private static synchronized URI started(String sample) {
        return STARTED.computeIfAbsent(sample, s -> {
            Path samples = samplesRoot();
            String image = SampleImages.build(samples, samples.resolve(s));
            PluginContainer container = new PluginContainer(DockerImageName.parse(image)).withPort(FaultPlugins.PORT);
            CONTAINERS.add(container);
            container.start();
            return container.getBaseUrl();
        });
    }

    @AfterAll
    public static void stopControllerPlugins() {
        synchronized (ControllerPluginSteps.class) {
            for (PluginContainer c : CONTAINERS) {
                try {
                    c.stop();
                } catch (RuntimeException e) {
                    System.err.println(
                            "could not stop controller plugin " + c.getDockerImageName() + ": " + e.getMessage());
                }
            }
            CONTAINERS.clear();
            STARTED.clear();
        }
    }

    @After
    public void logTheCalls(Scenario scenario) {
        if (!calls.isEmpty()) {
            scenario.log("controller plugin calls:\n"
                    + calls.stream()
                            .map(c -> String.format(
                                    "  %-28s %-22s %5d ms%s",
                                    c.url().substring(c.url().lastIndexOf('/') + 1),
                                    c.hasResponse() ? c.statusLine() : "no response",
                                    c.duration().toMillis(),
                                    c.error() == null ? "" : "  " + c.error()))
                            .collect(Collectors.joining("\n")));
        }
    }

    @Given("the controller plugin {string}")
    public void theControllerPlugin(String sample) {
        String name = sample.substring(sample.lastIndexOf('/') + 1) + "-controller-plugin";
        configs.add(new ControllerPluginConfig(name, "argo", started(sample), "1"));
    }

    @When("Argo runs the workflow with its controller plugins")
    public void argoRunsTheWorkflowWithItsControllerPlugins(DocString yaml)
            throws WorkflowException, InterruptedException {
        if (hooks == null) {
            hooks = ControllerHooks.discovered(calls::add);
            hooks.sync(configs);
        }
        Workflow workflow = Workflow.parse(yaml.getContent(), "the scenario's workflow", "argo");
        WorkflowResult result = WorkflowRunner.builder()
                .plugins(world.executorPlugins())
                .controllerHooks(hooks)
                .deadline(DEADLINE)
                .onNode(world.nodeChanges()::add)
                .build()
                .run(workflow);
        results.add(result);
        world.workflowResult(result);
    }

    @Then("the workflow's message is {string}")
    public void theWorkflowsMessageIs(String message) {
        assertThat(world.workflowResult().message())
                .as("the workflow's message")
                .isEqualTo(message);
    }

    @Then("the workflow's message ends with {string}")
    public void theWorkflowsMessageEndsWith(String end) {
        assertThat(world.workflowResult().message())
                .as("the workflow's message")
                .endsWith(end);
    }

    @Then("the workflow is stuck, Running, with a message naming {string}")
    public void theWorkflowIsStuck(String what) {
        WorkflowResult result = world.workflowResult();
        assertThat(result.end()).as("how the run ended: %s", result.message()).isEqualTo(WorkflowResult.End.STUCK);
        assertThat(result.phase().wire()).isEqualTo("Running");
        assertThat(result.message()).contains(what);
    }

    @Then("the workflow has the annotation {string} with {string}")
    public void theWorkflowHasTheAnnotation(String key, String value) {
        assertThat(world.workflowResult()
                        .metadata()
                        .path("annotations")
                        .path(key)
                        .asText(null))
                .isEqualTo(value);
    }

    @Then("the workflow has no nodes")
    public void theWorkflowHasNoNodes() {
        assertThat(world.workflowResult().nodes()).isEmpty();
    }

    @Then("{word} was called {int} time(s) in all")
    public void theMethodWasCalled(String method, int times) {
        assertThat(calls.stream()
                        .filter(c -> c.url().endsWith("/api/v1/" + method))
                        .count())
                .as("%s calls", method)
                .isEqualTo(times);
    }

    @Then("every controller plugin call went without Authorization or Content-Type")
    public void noHeaders() {
        assertThat(calls)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.requestHeaders())
                        .extracting(RecordedCall.Header::name)
                        .doesNotContain("Authorization", "Content-Type"));
    }

    @Then("the {word} call was given up after 1 second, once")
    public void givenUpAfterOneSecond(String method) {
        List<RecordedCall> mine = calls.stream()
                .filter(c -> c.url().endsWith("/api/v1/" + method))
                .toList();
        assertThat(mine).as("%s calls", method).hasSize(1);
        assertThat(mine.get(0).hasResponse()).isFalse();
        assertThat(mine.get(0).duration()).isBetween(Duration.ofMillis(950), Duration.ofMillis(1500));
    }

    @Then("the run carries the compatibility note {word}")
    public void theRunCarriesTheNote(String id) {
        assertThat(world.workflowResult().notes())
                .extracting(CompatibilityNote::id)
                .contains(id);
    }

    private static Path samplesRoot() {
        String root = System.getProperty("conformance.root");
        return (root != null ? Path.of(root) : Path.of(".."))
                .toAbsolutePath()
                .normalize()
                .resolve("sample-plugins");
    }
}
