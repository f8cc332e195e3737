package dev.argoconformance.suite.cluster;

import com.github.dockerjava.api.DockerClient;
import static dev.argoconformance.suite.target.ContainerTrouble.rootMessage;
import static dev.argoconformance.suite.target.ContainerTrouble.tail;

import dev.argoconformance.suite.target.PluginContainer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A throwaway Kubernetes for one certification run: Testcontainers' upstream {@link K3sContainer}, wrapped, not
 * forked. It adds what the cluster tier needs on top: the suite's labels (so only our own containers are ever
 * stopped), a startup bound, a fabric8 client on the kubeconfig k3s writes, and side-loading of images into k3s's
 * containerd, because no registry is reachable from a cluster that runs in an air-gapped Docker.
 */
public final class K3sCluster implements AutoCloseable {

    /** k3s usually logs "Node controller sync successful" within 30 s; a loaded CI host may need longer. */
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    /** One {@code ctr images import} of a plugin image; the tar is local, so this is disk speed. */
    static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(2);

    /** k3s's embedded containerd; Kubernetes' images live in its {@code k8s.io} namespace. */
    private static final String CONTAINERD = "/run/k3s/containerd/containerd.sock";

    private static final Set<K3sCluster> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // A run killed with Ctrl-C does not close its CertificationRun; this hook still stops what it started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(K3sCluster::stopQuietly), "argo-conformance-k3s-cleanup"));
    }

    private final K3sContainer container;
    private KubernetesClient client;

    public K3sCluster(DockerImageName image) {
        this.container = new K3sContainer(image)
                .withLabel(PluginContainer.LABEL, "k3s")
                // The same pid/host labels the suite's other containers carry: the next run's orphan sweep
                // removes a k3s left behind by a process that died.
                .withLabels(dev.argoconformance.suite.target.Orphans.labels())
                .withStartupTimeout(STARTUP_TIMEOUT);
    }

    /** Starts k3s and connects a client to it through the kubeconfig k3s writes (server on the mapped port). */
    public K3sCluster start() {
        LIVE.add(this);
        try {
            container.start();
        } catch (RuntimeException e) {
            String logs = tail(safeLogs(), 20);
            stopQuietly();
            throw new ClusterException("k3s (" + container.getDockerImageName() + ") did not become ready within "
                    + STARTUP_TIMEOUT.toSeconds() + " s (" + rootMessage(e) + "). It runs privileged and needs cgroups"
                    + " from the host; its last log lines:\n" + logs, e);
        }
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(container.getKubeConfigYaml())).build();
        return this;
    }

    public KubernetesClient client() {
        if (client == null) {
            throw new IllegalStateException("k3s is not started");
        }
        return client;
    }

    /**
     * Puts a Docker image into k3s's containerd under the name a pod will ask for: {@code docker save}, copy the tar
     * into the k3s container, {@code ctr -n k8s.io images import}, then tag it {@code podImage} when that is another
     * name (the image under test may be a local build of the image plugin.yaml names).
     */
    public void loadImage(String dockerImage, String podImage) {
        if (dockerImage.contains("@") || dockerImage.startsWith("sha256:")) {
            // docker save keeps no name for a digest or an id, and ctr would import an image nobody can ask for.
            throw new ClusterException("the cluster tier loads images by name and tag; " + dockerImage
                    + " is a digest or an id: tag it (docker tag " + dockerImage + " my-plugin:test) and certify that name.");
        }
        String inContainer = "/tmp/argo-conformance-" + UUID.randomUUID() + ".tar";
        Path tar = null;
        try {
            tar = Files.createTempFile("argo-conformance-image-", ".tar");
            DockerImageName name = DockerImageName.parse(dockerImage);
            DockerClient docker = DockerClientFactory.instance().client();
            try (InputStream saved = docker.saveImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart()).exec()) {
                Files.copy(saved, tar, StandardCopyOption.REPLACE_EXISTING);
            }
            container.copyFileToContainer(MountableFile.forHostPath(tar), inContainer);
            ctr("images", "import", inContainer);
            String imported = containerdName(dockerImage);
            String wanted = containerdName(podImage);
            if (!imported.equals(wanted)) {
                ctr("images", "tag", "--force", imported, wanted);
            }
        } catch (IOException e) {
            throw new ClusterException("could not save " + dockerImage + " from Docker for k3s: " + e.getMessage(), e);
        } finally {
            exec(Duration.ofSeconds(30), "rm", "-f", inContainer);
            if (tar != null) {
                try {
                    Files.deleteIfExists(tar);
                } catch (IOException ignored) {
                    // a temp file; the OS cleans it up
                }
            }
        }
    }

    /**
     * Side-loads an image k3s itself needs (the pod sandbox) when Docker has it; otherwise k3s pulls it, which works
     * wherever a registry is reachable. Returns whether it was loaded.
     */
    public boolean loadIfPresent(DockerImageName image) {
        if (!K3sImage.isPresent(DockerClientFactory.instance().client(), image)) {
            return false;
        }
        loadImage(image.asCanonicalNameString(), image.asCanonicalNameString());
        return true;
    }

    /**
     * The name containerd stores a Docker reference under: registry, repository and tag spelled out
     * ({@code hello:1} is {@code docker.io/library/hello:1}), the same normalisation the kubelet applies to a pod's image.
     */
    static String containerdName(String reference) {
        String name = reference;
        String digest = "";
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at);
            name = name.substring(0, at);
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        String registry = hasRegistry ? first : "docker.io";
        String path = hasRegistry ? name.substring(slash + 1) : name;
        int colon = path.lastIndexOf(':');
        String tag = colon >= 0 ? path.substring(colon) : digest.isEmpty() ? ":latest" : "";
        String repository = colon >= 0 ? path.substring(0, colon) : path;
        if (registry.equals("docker.io") && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        return registry + "/" + repository + tag + digest;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        stopQuietly();
    }

    @Override
    public String toString() {
        return "k3s " + container.getDockerImageName();
    }

    private void ctr(String... args) {
        String[] command = new String[args.length + 5];
        command[0] = "ctr";
        command[1] = "--address";
        command[2] = CONTAINERD;
        command[3] = "-n";
        command[4] = "k8s.io";
        System.arraycopy(args, 0, command, 5, args.length);
        ExecResult result = exec(IMPORT_TIMEOUT, command);
        if (result.getExitCode() != 0) {
            throw new ClusterException(String.join(" ", List.of(command)) + " failed in k3s with exit code " + result.getExitCode()
                    + ": " + (result.getStderr() + result.getStdout()).strip());
        }
    }

    /** {@code execInContainer} has no deadline of its own; the suite's waits all have one. */
    private ExecResult exec(Duration bound, String... command) {
        ExecutorService single = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "argo-conformance-k3s-exec");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<ExecResult> result = single.submit(() -> container.execInContainer(command));
            return result.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ClusterException(String.join(" ", command) + " did not finish in k3s within " + bound.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new ClusterException(String.join(" ", command) + " could not run in k3s: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while running " + String.join(" ", command) + " in k3s", e);
        } finally {
            single.shutdownNow();
        }
    }

    private void stopQuietly() {
        LIVE.remove(this);
        try {
            container.stop();
        } catch (RuntimeException ignored) {
            // the engine may be going down with us; nothing more to do
        }
    }

    private String safeLogs() {
        try {
            return container.getLogs();
        } catch (RuntimeException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

}
