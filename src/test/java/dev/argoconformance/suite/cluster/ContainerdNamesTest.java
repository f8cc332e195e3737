package dev.argoconformance.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The names images get in k3s's containerd: the name the kubelet asks containerd for must be the one the suite
 * imported or tagged, or the pod's {@code imagePullPolicy: Never} fails with ErrImageNeverPull. Pure name handling, no
 * cluster.
 */
class ContainerdNamesTest {

    @ParameterizedTest
    @CsvSource({
        "argo-conformance/hello-executor:latest, docker.io/argo-conformance/hello-executor:latest",
        "argo-conformance/hello-executor, docker.io/argo-conformance/hello-executor:latest",
        "python:3.12-slim, docker.io/library/python:3.12-slim",
        "argo-conformance/pause:catatonit, docker.io/argo-conformance/pause:catatonit",
        "ghcr.io/org/plugin:v1, ghcr.io/org/plugin:v1",
        "localhost:5000/plugin, localhost:5000/plugin:latest",
        "quay.io/org/plugin@sha256:abc, quay.io/org/plugin@sha256:abc",
    })
    void spellsOutRegistryRepositoryAndTagAsTheKubeletDoes(String reference, String stored) {
        assertThat(K3sCluster.containerdName(reference)).isEqualTo(stored);
    }
}
