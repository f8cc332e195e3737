package dev.argoconformance.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster-API tier's process: the repository's kube-apiserver binary (cluster-api/kube-apiserver/build.sh)
 * started as an ordinary host process, answered through fabric8, stopped by SIGTERM. Without the binary this fails
 * with the sentence saying how to build it.
 */
@Tag("apiserver")
class KubeApiServerTest {

    static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();

    @Test
    void startsAnswersAsAdminAndStopsOnSigterm() {
        KubeApiServer server = KubeApiServer.start(KubeApiServer.locate(ROOT));
        try {
            assertThat(server.version())
                    .as("the version pinned in cluster-api/kube-apiserver/go.mod")
                    .isEqualTo("v1.37.2");
            assertThat(server.client().getKubernetesVersion().getGitVersion()).isEqualTo("v1.37.2");
            assertThat(server.client().namespaces().withName("default").get())
                    .as("a namespace the API server made itself")
                    .isNotNull();
            assertThat(server.toString()).contains("no kubelet").doesNotContain("token");
        } finally {
            server.close();
        }
        assertThat(server.isAlive()).as("stopped by SIGTERM").isFalse();
    }

    @Test
    void stopsWhenTheJvmThatStartedItIsGone() throws Exception {
        KubeApiServer server = KubeApiServer.start(KubeApiServer.locate(ROOT));
        try {
            server.closeStdin(); // what a JVM killed by SIGKILL leaves: no signal, its end of the pipe closed
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (server.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.isAlive())
                    .as("a kube-apiserver whose parent is gone stops instead of serving on as an orphan")
                    .isFalse();
        } finally {
            server.close();
        }
    }

    @Test
    void aMissingBinaryIsOneSentenceSayingHowToBuildIt(@TempDir Path emptyRoot) {
        String previous = System.getProperty(KubeApiServer.PROPERTY);
        System.clearProperty(KubeApiServer.PROPERTY);
        try {
            assertThat(Files.exists(emptyRoot.resolve(KubeApiServer.BINARY))).isFalse();
            if (System.getenv(KubeApiServer.ENV) == null) {
                assertThatThrownBy(() -> KubeApiServer.locate(emptyRoot))
                        .isInstanceOf(KubeApiServer.Missing.class)
                        .hasMessageStartingWith(
                                "There is no kube-apiserver at " + emptyRoot.resolve(KubeApiServer.BINARY))
                        .hasMessageContaining("run " + emptyRoot.resolve(KubeApiServer.BUILD_SCRIPT))
                        .hasMessageEndingWith(".");
            }
            System.setProperty(
                    KubeApiServer.PROPERTY, emptyRoot.resolve("nowhere").toString());
            assertThatThrownBy(() -> KubeApiServer.locate(ROOT))
                    .isInstanceOf(KubeApiServer.Missing.class)
                    .hasMessageContaining(emptyRoot.resolve("nowhere").toString());
        } finally {
            if (previous == null) {
                System.clearProperty(KubeApiServer.PROPERTY);
            } else {
                System.setProperty(KubeApiServer.PROPERTY, previous);
            }
        }
    }
}
