package dev.argoconformance.suite.steps;

import dev.argoconformance.suite.cluster.AdmittedResources;
import dev.argoconformance.suite.cluster.AgentPod;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** EXEC-CLUSTER-02: the agent pod Argo's controller creates, as the API server admits it, and its readiness. */
public final class AgentPodSteps {

    private final World world;
    private final ClusterStages stages;

    public AgentPodSteps(World world, ClusterStages stages) {
        this.world = world;
        this.stages = stages;
    }

    @Given("the plugin is installed in the cluster")
    public void thePluginIsInstalled() {
        stages.stage(() -> stages.installed().discovered());
        world.note("checked on " + stages.installed().where());
    }

    @When("Argo's controller creates the agent pod for a workflow that uses the plugin")
    public void theControllerCreatesTheAgentPod() {
        stages.stage(() -> stages.installed().created());
    }

    @Then("the API server admits the agent pod with the plugin's sidecar as its ConfigMap declares it")
    public void theApiServerAdmitsTheAgentPod() {
        ClusterStages.Installed installed = stages.installed();
        AgentPod agentPod = stages.stage(installed::created);
        Pod pod = installed.install().pod();
        Container declared = installed.discovered().container();
        world.require(pod != null, "the agent pod " + agentPod.name() + " in the API server", () -> "no such pod");
        Container sidecar = pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(declared.getName()))
                .findFirst()
                .orElse(null);
        world.require(
                sidecar != null,
                "a sidecar named " + declared.getName(),
                () -> "containers "
                        + pod.getSpec().getContainers().stream()
                                .map(Container::getName)
                                .toList());
        List<String> problems = new ArrayList<>();
        compare(problems, "image", declared.getImage(), sidecar.getImage());
        compare(problems, "command", declared.getCommand(), sidecar.getCommand());
        compare(problems, "args", declared.getArgs(), sidecar.getArgs());
        // The API server defaults protocol: TCP; the ports are the numbers.
        compare(problems, "ports", ports(declared), ports(sidecar));
        // Judged after the API server's own defaulting, by value: a limit is the missing request, "0.5" is 500m.
        List<String> resources = AdmittedResources.differences(declared.getResources(), sidecar.getResources());
        if (!resources.isEmpty()) {
            problems.add("resources " + String.join(", ", resources) + " (declared "
                    + AdmittedResources.describe(declared.getResources()) + ", admitted "
                    + AdmittedResources.describe(sidecar.getResources()) + ")");
        }
        compare(problems, "securityContext", declared.getSecurityContext(), sidecar.getSecurityContext());
        var podContext = pod.getSpec().getSecurityContext();
        if (podContext == null
                || !Boolean.TRUE.equals(podContext.getRunAsNonRoot())
                || !Long.valueOf(AgentPod.AGENT_USER).equals(podContext.getRunAsUser())) {
            problems.add("pod securityContext " + podContext + " (want runAsNonRoot: true, runAsUser: "
                    + AgentPod.AGENT_USER + ")");
        }
        boolean tokenMount = sidecar.getVolumeMounts() != null
                && sidecar.getVolumeMounts().stream().anyMatch(m -> isArgoMount(m, declared.getName()));
        if (!tokenMount) {
            problems.add("no read-only " + AgentPod.VAR_RUN_ARGO + " mount at " + AgentPod.VAR_RUN_ARGO_PATH
                    + " with subPath " + declared.getName());
        }
        world.require(
                problems.isEmpty(),
                "the admitted pod has the ConfigMap's sidecar verbatim, its resources equal by value after"
                        + " the API server's defaulting (each limit the missing request), under the agent pod's securityContext",
                () -> String.join("; ", problems));
        world.note("agent pod " + pod.getMetadata().getNamespace() + "/"
                + pod.getMetadata().getName() + " admitted; sidecar "
                + sidecar.getName() + " image " + sidecar.getImage() + ", resources declared "
                + AdmittedResources.describe(declared.getResources())
                + ", admitted " + AdmittedResources.describe(sidecar.getResources())
                + ", securityContext " + sidecar.getSecurityContext());
    }

    @Then("the agent pod becomes Ready within {int} seconds")
    public void theAgentPodBecomesReady(int seconds) {
        Duration took = stages.stage(() -> stages.installed().ready(Duration.ofSeconds(seconds)));
        world.note("agent pod Ready after " + took.toMillis() + " ms");
    }

    private static boolean isArgoMount(VolumeMount mount, String containerName) {
        return AgentPod.VAR_RUN_ARGO.equals(mount.getName())
                && AgentPod.VAR_RUN_ARGO_PATH.equals(mount.getMountPath())
                && Boolean.TRUE.equals(mount.getReadOnly())
                && containerName.equals(mount.getSubPath());
    }

    private static void compare(List<String> problems, String field, Object declared, Object admitted) {
        boolean same = Objects.equals(declared, admitted)
                || (declared == null && admitted instanceof List<?> l && l.isEmpty())
                || (admitted == null && declared instanceof List<?> l2 && l2.isEmpty());
        if (!same) {
            problems.add(field + ": declared " + declared + ", admitted " + admitted);
        }
    }

    private static List<Integer> ports(Container container) {
        return container.getPorts() == null
                ? List.of()
                : container.getPorts().stream().map(p -> p.getContainerPort()).toList();
    }
}
