package dev.argoconformance.suite.cluster;

import static dev.argoconformance.suite.plugin.ContainerTrouble.rootMessage;
import static dev.argoconformance.suite.plugin.ContainerTrouble.tail;

import com.github.dockerjava.api.DockerClient;
import dev.argoconformance.suite.plugin.PluginContainer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * stopped), a startup bound, a fabric8 client on the kubeconfig k3s writes, and a k3s fit for a closed network: the
 * add-ons whose images it could never pull are off, the pod sandbox image is one the suite builds, and that image and
 * the plugin's are in k3s's image folder before it starts, because no registry is reachable from a cluster that runs
 * in an air-gapped Docker.
 */
public final class K3sCluster implements AutoCloseable {

    /** k3s usually logs "Node controller sync successful" within 30 s; a loaded CI host may need longer. */
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    /** How long k3s gets to import the preloaded tars once it is up; they are local, so this is disk speed. */
    static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(2);

    /** k3s imports every {@code *.tar} here into containerd when it starts (its air-gap install). */
    static final String AGENT_IMAGES = "/var/lib/rancher/k3s/agent/images/";

    /**
     * Packaged components that each need an image from a registry and that no scenario uses: they would sit in
     * ImagePullBackOff, and metrics-server's unavailable APIService would keep the namespaces we delete Terminating.
     * Flannel stays: "Node controller sync successful", the line the start waits for, is its.
     */
    static final List<String> DISABLED = List.of("traefik", "servicelb", "coredns", "local-storage", "metrics-server");

    /**
     * Kubelets from 1.35 on refuse to start on a cgroup v1 host unless told; on cgroup v2 the setting does nothing.
     * The Docker host, which may not be this one, decides, so it is always given.
     */
    static final String KUBELET_CGROUP_V1 = "--kubelet-arg=fail-cgroupv1=false";

    /** k3s's embedded containerd; Kubernetes' images live in its {@code k8s.io} namespace. */
    private static final String CONTAINERD = "/run/k3s/containerd/containerd.sock";

    private static final Set<K3sCluster> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // A run killed with Ctrl-C does not close its CertificationRun; this hook still stops what it started.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> LIVE.forEach(K3sCluster::stopQuietly), "argo-conformance-k3s-cleanup"));
    }

    private final K3sContainer container;
    private final List<String> preloaded = new ArrayList<>();
    private final List<Path> tars = new ArrayList<>();
    private KubernetesClient client;

    /**
     * A k3s, not started, that runs its pods with {@code pause} as the sandbox image and finds {@code pause} and each
     * of {@code images} (Docker images, by name and tag) already imported when it starts.
     */
    public K3sCluster(DockerImageName image, DockerImageName pause, List<String> images) {
        this.container = new K3sContainer(image)
                .withLabel(PluginContainer.LABEL, "k3s")
                // The same pid/host labels the suite's other containers carry: the next run's orphan sweep
                // removes a k3s left behind by a process that died.
                .withLabels(dev.argoconformance.suite.plugin.Orphans.labels())
                .withStartupTimeout(STARTUP_TIMEOUT);
        List<String> command = new ArrayList<>(List.of("server"));
        DISABLED.forEach(component -> command.add("--disable=" + component));
        command.add("--disable-helm-controller");
        command.add("--tls-san=" + container.getHost());
        command.add("--pause-image=" + containerdName(pause.asCanonicalNameString()));
        command.add(KUBELET_CGROUP_V1);
        container.withCommand(command.toArray(String[]::new));
        List<String> all = new ArrayList<>();
        all.add(pause.asCanonicalNameString());
        all.addAll(images);
        try {
            for (String dockerImage : all) {
                preload(dockerImage);
            }
        } catch (RuntimeException e) {
            deleteTars();
            throw e;
        }
    }

    /** Starts k3s, waits until it has imported the preloaded images, and connects a client through its kubeconfig. */
    public K3sCluster start() {
        LIVE.add(this);
        try {
            container.start();
        } catch (RuntimeException e) {
            String logs = tail(safeLogs(), 20);
            stopQuietly();
            throw new ClusterException(
                    "k3s (" + container.getDockerImageName() + ") did not become ready within "
                            + STARTUP_TIMEOUT.toSeconds() + " s (" + rootMessage(e)
                            + "). It runs privileged and needs cgroups"
                            + " from the host; its last log lines:\n" + logs,
                    e);
        }
        deleteTars(); // in the container now
        awaitImported();
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(container.getKubeConfigYaml()))
                .build();
        return this;
    }

    public KubernetesClient client() {
        if (client == null) {
            throw new IllegalStateException("k3s is not started");
        }
        return client;
    }

    /**
     * Makes a preloaded Docker image available to pods under the name a pod will ask for: the image under test may be
     * a local build of the image plugin.yaml names, so containerd tags it {@code podImage} when that is another name.
     */
    public void tagImage(String dockerImage, String podImage) {
        if (!preloaded.contains(containerdName(dockerImage))) {
            throw new IllegalArgumentException(
                    dockerImage + " was not preloaded into this k3s; preloaded: " + preloaded);
        }
        String imported = containerdName(dockerImage);
        String wanted = containerdName(podImage);
        if (!imported.equals(wanted)) {
            ctr("images", "tag", "--force", imported, wanted);
        }
    }

    /** The container as it will be (or was) created: for tests of its command and files, which need no k3s image. */
    K3sContainer container() {
        return container;
    }

    /** {@code docker save} into a temp tar that Testcontainers copies into k3s's image folder before k3s starts. */
    private void preload(String dockerImage) {
        if (dockerImage.contains("@") || dockerImage.startsWith("sha256:")) {
            // docker save keeps no name for a digest or an id, and k3s would import an image nobody can ask for.
            throw new ClusterException("the cluster tier loads images by name and tag; " + dockerImage
                    + " is a digest or an id: tag it (docker tag " + dockerImage
                    + " my-plugin:test) and certify that name.");
        }
        DockerImageName name = DockerImageName.parse(dockerImage);
        try {
            Path tar = Files.createTempFile("argo-conformance-image-", ".tar");
            tars.add(tar);
            DockerClient docker = DockerClientFactory.instance().client();
            try (InputStream saved = docker.saveImageCmd(name.getUnversionedPart())
                    .withTag(name.getVersionPart())
                    .exec()) {
                Files.copy(saved, tar, StandardCopyOption.REPLACE_EXISTING);
            }
            container.withCopyFileToContainer(MountableFile.forHostPath(tar), AGENT_IMAGES + fileName(dockerImage));
            preloaded.add(containerdName(dockerImage));
        } catch (IOException | RuntimeException e) {
            throw new ClusterException("could not save " + dockerImage + " from Docker for k3s: " + rootMessage(e), e);
        }
    }

    /** k3s imports the folder while it starts, and may still be at it when the node is ready; pods need every image. */
    private void awaitImported() {
        long deadline = System.nanoTime() + IMPORT_TIMEOUT.toNanos();
        while (true) {
            Set<String> present = Set.copyOf(
                    ctr("images", "list", "--quiet").lines().map(String::strip).toList());
            List<String> missing =
                    preloaded.stream().filter(name -> !present.contains(name)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("k3s did not import " + missing + " from " + AGENT_IMAGES + " within "
                        + IMPORT_TIMEOUT.toSeconds() + " s; its last log lines:\n" + tail(safeLogs(), 20));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for k3s to import its images", e);
            }
        }
    }

    /** A file name for the image's tar: k3s imports {@code *.tar}, whatever the name. */
    static String fileName(String dockerImage) {
        return containerdName(dockerImage).replaceAll("[^A-Za-z0-9._-]", "_") + ".tar";
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
        deleteTars();
    }

    private void deleteTars() {
        for (Path tar : tars) {
            try {
                Files.deleteIfExists(tar);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it up
            }
        }
        tars.clear();
    }

    @Override
    public String toString() {
        return "k3s " + container.getDockerImageName();
    }

    private String ctr(String... args) {
        String[] command = new String[args.length + 5];
        command[0] = "ctr";
        command[1] = "--address";
        command[2] = CONTAINERD;
        command[3] = "-n";
        command[4] = "k8s.io";
        System.arraycopy(args, 0, command, 5, args.length);
        ExecResult result = exec(IMPORT_TIMEOUT, command);
        if (result.getExitCode() != 0) {
            throw new ClusterException(String.join(" ", List.of(command)) + " failed in k3s with exit code "
                    + result.getExitCode() + ": " + (result.getStderr() + result.getStdout()).strip());
        }
        return result.getStdout();
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
            throw new ClusterException(
                    String.join(" ", command) + " did not finish in k3s within " + bound.toSeconds() + " s", e);
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
