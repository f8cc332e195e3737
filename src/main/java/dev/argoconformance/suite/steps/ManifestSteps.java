package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.manifest.ManifestException;
import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.suite.certification.NotChecked;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The plugin.yaml checks: what `argo executor-plugin build` validates, and what the seeds ask beyond it. */
public final class ManifestSteps {

    private static final Set<Integer> COMMON_PORTS = Set.of(80, 443, 8080, 8081, 8443);

    private final World world;
    private PluginManifest manifest;

    public ManifestSteps(World world) {
        this.world = world;
    }

    @Given("the plugin's manifest")
    public void thePluginsManifest() {
        manifest = world.runTarget()
                .manifest()
                .orElseThrow(
                        () -> NotChecked.disabled(
                                "Disabled: no plugin.yaml was given; pass -Dplugin.manifest=path/to/plugin.yaml to check the manifest."));
        world.note("manifest " + manifest.name() + ": " + manifest.container().getPorts() + ", resources "
                + manifest.container().getResources() + ", securityContext "
                + manifest.container().getSecurityContext());
    }

    // EXEC-MANIFEST-01
    @Then("the manifest passes Argo's sidecar validation")
    public void passesArgosValidation() {
        try {
            manifest.validate();
        } catch (ManifestException e) {
            world.fail(
                    "a sidecar with ports, resources requests and limits, and a security context",
                    e.getMessage(),
                    null);
        }
    }

    // EXEC-MANIFEST-02
    @Then("the manifest requests and limits both cpu and memory, with requests no larger than limits")
    public void requestsAndLimitsCpuAndMemory() {
        ResourceRequirements resources = manifest.container().getResources();
        Map<String, Quantity> requests =
                resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits =
                resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
        List<String> problems = new ArrayList<>();
        for (String resource : List.of("cpu", "memory")) {
            if (!requests.containsKey(resource)) {
                problems.add("no " + resource + " request");
            }
            if (!limits.containsKey(resource)) {
                problems.add("no " + resource + " limit: the container may use all of the node's " + resource);
            }
            if (requests.containsKey(resource) && limits.containsKey(resource)) {
                BigDecimal request = Quantity.getAmountInBytes(requests.get(resource));
                BigDecimal limit = Quantity.getAmountInBytes(limits.get(resource));
                if (request.compareTo(limit) > 0) {
                    problems.add(resource + " request " + requests.get(resource) + " above its limit "
                            + limits.get(resource) + ": Kubernetes rejects the pod");
                }
            }
        }
        if (!problems.isEmpty()) {
            world.fail("requests and limits for cpu and memory, requests ≤ limits", String.join("; ", problems), null);
        }
    }

    // EXEC-MANIFEST-03
    @Then("the manifest's security context sets runAsNonRoot to true")
    public void runAsNonRoot() {
        SecurityContext sc = manifest.container().getSecurityContext();
        world.require(
                sc != null && Boolean.TRUE.equals(sc.getRunAsNonRoot()),
                "securityContext.runAsNonRoot: true",
                () -> sc == null ? "no securityContext" : "runAsNonRoot: " + sc.getRunAsNonRoot());
    }

    // EXEC-MANIFEST-04
    @Then("the manifest's first port is not one of 80, 443, 8080, 8081, 8443")
    public void notACommonPort() {
        int port = manifest.port()
                .orElseThrow(() -> NotChecked.blocked("EXEC-MANIFEST-01", "the manifest declares no port"));
        world.require(
                !COMMON_PORTS.contains(port),
                "a port other than 80, 443, 8080, 8081 and 8443",
                () -> "containerPort " + port + ": it conflicts with other sidecars and with what agents expect there");
    }
}
