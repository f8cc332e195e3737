package dev.argoconformance.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The comparison EXEC-CLUSTER-02 makes, on the values the kube-apiserver v1.37.2 stored in
 * {@link PluginInstallOnApiServerTest} (and cluster-api/kube-apiserver's smoke test): what it defaults and
 * canonicalises is no difference; what it changes in value is.
 */
class AdmittedResourcesTest {

    @Test
    void aLimitIsTheMissingRequestAndCanonicalFormsAreEqual() {
        ResourceRequirements declared = resources(Map.of("memory", "64Mi"), Map.of("cpu", "0.5", "memory", "1024Mi"));
        ResourceRequirements admitted =
                resources(Map.of("cpu", "500m", "memory", "64Mi"), Map.of("cpu", "500m", "memory", "1Gi"));

        assertThat(AdmittedResources.differences(declared, admitted)).isEmpty();
        assertThat(AdmittedResources.defaulted(declared).getRequests()).containsEntry("cpu", new Quantity("0.5"));
    }

    @Test
    void aValueTheApiServerChangedOrDroppedIsADifference() {
        ResourceRequirements declared =
                resources(Map.of("cpu", "0.0005", "memory", "64Mi"), Map.of("cpu", "500m", "memory", "128Mi"));

        assertThat(AdmittedResources.differences(
                        declared,
                        resources(Map.of("cpu", "1m", "memory", "64Mi"), Map.of("cpu", "500m", "memory", "128Mi"))))
                .containsExactly("requests.cpu: declared 0.0005, admitted 1m");
        assertThat(AdmittedResources.differences(
                        declared, resources(Map.of("cpu", "0.0005", "memory", "64Mi"), Map.of("cpu", "500m"))))
                .containsExactly("limits.memory: declared 128Mi, admitted nothing");
    }

    @Test
    void describesResourcesInOneSortedLine() {
        assertThat(AdmittedResources.describe(resources(Map.of("memory", "64Mi", "cpu", "250m"), Map.of())))
                .isEqualTo("requests {cpu: 250m, memory: 64Mi}, limits {}");
    }

    private static ResourceRequirements resources(Map<String, String> requests, Map<String, String> limits) {
        ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
        requests.forEach((k, v) -> builder.addToRequests(k, new Quantity(v)));
        limits.forEach((k, v) -> builder.addToLimits(k, new Quantity(v)));
        return builder.build();
    }
}
