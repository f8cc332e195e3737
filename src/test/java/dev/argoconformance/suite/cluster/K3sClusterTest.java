package dev.argoconformance.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The k3s container the cluster tier would start, read from its Testcontainers definition: no k3s image can be had
 * here, so what is checked is what k3s would be given: its command line, and the image tars, saved from the real
 * Docker engine, that land in its image folder before it starts.
 */
@Tag("docker")
class K3sClusterTest {

    /** A plugin image every CI machine has: the air-gapped Python base the samples build on. */
    static final String PLUGIN = "argo-conformance/python3:bookworm";

    @Test
    void k3sStartsWithTheAddOnsOffThePauseImageItIsGivenAndAKubeletThatRunsOnCgroupV1() {
        DockerImageName pause = PauseImageTest.built();
        try (K3sCluster cluster = new K3sCluster(K3sImage.PINNED, pause, List.of(PLUGIN))) {
            List<String> command = List.of(cluster.container().getCommandParts());

            assertThat(command)
                    .as("the k3s server command")
                    .containsExactly(
                            "server",
                            "--disable=traefik",
                            "--disable=servicelb",
                            "--disable=coredns",
                            "--disable=local-storage",
                            "--disable=metrics-server",
                            "--disable-helm-controller",
                            "--tls-san=" + cluster.container().getHost(),
                            "--pause-image=docker.io/argo-conformance/pause:catatonit",
                            "--kubelet-arg=fail-cgroupv1=false");
            assertThat(command)
                    .as("flannel stays: the start waits for its \"Node controller sync successful\"")
                    .noneMatch(part -> part.startsWith("--flannel-backend"));
        }
    }

    @Test
    void thePauseAndPluginImagesAreInK3sImageFolderBeforeItStarts() throws Exception {
        DockerImageName pause = PauseImageTest.built();
        Map<String, Path> copied = new HashMap<>();
        try (K3sCluster cluster = new K3sCluster(K3sImage.PINNED, pause, List.of(PLUGIN))) {
            for (Map.Entry<MountableFile, String> copy :
                    cluster.container().getCopyToFileContainerPathMap().entrySet()) {
                copied.put(copy.getValue(), Path.of(copy.getKey().getResolvedPath()));
            }

            assertThat(copied)
                    .as("what Testcontainers copies into the container between create and start")
                    .containsOnlyKeys(
                            "/var/lib/rancher/k3s/agent/images/docker.io_argo-conformance_pause_catatonit.tar",
                            "/var/lib/rancher/k3s/agent/images/docker.io_argo-conformance_python3_bookworm.tar");
            assertThat(repoTags(copied.get(
                            "/var/lib/rancher/k3s/agent/images/docker.io_argo-conformance_pause_catatonit.tar")))
                    .as("a docker save of the pause image, under the name --pause-image gives")
                    .containsExactly("argo-conformance/pause:catatonit");
            assertThat(repoTags(copied.get(
                            "/var/lib/rancher/k3s/agent/images/docker.io_argo-conformance_python3_bookworm.tar")))
                    .containsExactly(PLUGIN);
        }
        assertThat(copied.values())
                .as("the temp tars are gone with the cluster")
                .noneMatch(Files::exists);
    }

    /** The names {@code docker save} wrote into the archive's manifest.json, which is what k3s's import tags. */
    private static List<String> repoTags(Path tar) throws Exception {
        try (InputStream in = Files.newInputStream(tar);
                TarArchiveInputStream archive = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = archive.getNextEntry()) != null) {
                if (entry.getName().equals("manifest.json")) {
                    JsonNode manifest = new ObjectMapper().readTree(archive.readAllBytes());
                    return manifest.findValues("RepoTags").stream()
                            .flatMap(tags -> tags.valueStream())
                            .map(JsonNode::asText)
                            .toList();
                }
            }
        }
        throw new AssertionError(tar + " has no manifest.json: not a docker save archive");
    }
}
