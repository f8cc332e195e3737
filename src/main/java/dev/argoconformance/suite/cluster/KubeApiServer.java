package dev.argoconformance.suite.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cluster-API tier's Kubernetes: {@code cluster-api/kube-apiserver}, a kube-apiserver with embedded etcd built
 * from Kubernetes' Go modules (its README), run as an ordinary host process: no root, no Docker. Admission, defaulting,
 * validation, RBAC and the service-account controllers are real; there is no kubelet, so pods are stored and never run.
 *
 * <p>Started with {@code -dir} in a fresh temp folder, ready when it prints its one JSON line (url, token, caFile);
 * stopped with SIGTERM, which it answers within a few seconds. One server serves a whole JVM ({@link #shared}): every
 * certification that asks for it works in namespaces of its own.
 */
public final class KubeApiServer implements AutoCloseable {

    /** {@code -Dcluster.apiserver=PATH}: another build of the binary than the repository's. */
    public static final String PROPERTY = "cluster.apiserver";

    /** The same as {@link #PROPERTY}, for the Go smoke test and scripts. */
    public static final String ENV = "KUBE_APISERVER_BIN";

    /** Where {@link #BUILD_SCRIPT} puts the binary, relative to the repository root. */
    public static final String BINARY = "cluster-api/kube-apiserver/bin/kube-apiserver";

    public static final String BUILD_SCRIPT = "cluster-api/kube-apiserver/build.sh";

    /** Longer than the binary's own -ready-timeout (it gives up and exits then), so its sentence is what we report. */
    private static final String READY_TIMEOUT = "3m";

    private static final long STOP_SECONDS = 30;

    private static KubeApiServer shared;
    private static RuntimeException sharedFailure;

    private final Process process;
    private final Path dir;
    private final KubernetesClient client;
    private final String version;
    private final String url;

    private KubeApiServer(Process process, Path dir, JsonNode ready) {
        this.process = process;
        this.dir = dir;
        this.url = ready.path("url").asText();
        this.version = ready.path("version").asText();
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withOauthToken(ready.path("token").asText())
                .withCaCertFile(ready.path("caFile").asText())
                .withRequestTimeout(30_000)
                .build();
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The binary: {@code -Dcluster.apiserver}, else {@code $KUBE_APISERVER_BIN}, else {@value #BINARY} under the
     * repository root.
     *
     * @throws Missing with one sentence saying how to build it, when it is not there
     */
    public static Path locate(Path root) {
        String given = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENV, ""));
        Path binary = given.isBlank() ? root.resolve(BINARY) : Path.of(given).toAbsolutePath();
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new Missing("There is no kube-apiserver at " + binary + ": run " + root.resolve(BUILD_SCRIPT)
                    + " (it needs Go and the Go module proxy; about 11 minutes the first time), or point -D" + PROPERTY
                    + " at one.");
        }
        return binary;
    }

    /**
     * The JVM's one API server, started on first use and stopped when the JVM exits. A start that failed is remembered
     * and rethrown, so a run of many certifications tries once.
     */
    public static synchronized KubeApiServer shared(Path root) {
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        if (shared == null) {
            try {
                shared = start(locate(root));
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            KubeApiServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kube-apiserver-stop"));
        }
        return shared;
    }

    /** Starts the binary and waits for its ready line. */
    public static KubeApiServer start(Path binary) {
        Path dir;
        try {
            dir = Files.createTempDirectory("argo-conformance-apiserver-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder for kube-apiserver", e);
        }
        Path log = dir.resolve("kube-apiserver.log");
        Process process;
        try {
            process = new ProcessBuilder(
                            binary.toString(),
                            "-dir",
                            dir.toString(),
                            "-log-file",
                            log.toString(),
                            "-ready-timeout",
                            READY_TIMEOUT,
                            // Its stdin is this JVM's pipe: when the JVM dies, even by SIGKILL, the server stops too.
                            "-stop-on-stdin-eof")
                    .redirectError(log.resolveSibling("stderr.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            deleteTree(dir);
            throw new ClusterException("could not start " + binary + ": " + e.getMessage(), e);
        }
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine(); // the binary prints nothing else on stdout, and exits when not ready in time
            if (line == null) {
                int exit = process.waitFor();
                String why = tail(log.resolveSibling("stderr.log"), 3) + tail(log, 5);
                deleteTree(dir);
                throw new ClusterException(
                        "kube-apiserver exited with status " + exit + " before it was ready: " + why);
            }
            return new KubeApiServer(process, dir, Json.MAPPER.readTree(line));
        } catch (IOException e) {
            stop(process);
            deleteTree(dir);
            throw new ClusterException("could not read kube-apiserver's ready line: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            deleteTree(dir);
            throw new ClusterException("interrupted while kube-apiserver was starting", e);
        }
    }

    /** An admin client (system:masters), by the ready line's token and CA. */
    public KubernetesClient client() {
        return client;
    }

    /** The Kubernetes version it serves, from its ready line: {@code v1.37.2}. */
    public String version() {
        return version;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What this JVM's death does to the server's stdin pipe, for the test that proves no server outlives it. */
    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** SIGTERM, then waits for it (it stops the API server, then etcd); killed if it does not stop in time. */
    @Override
    public synchronized void close() {
        client.close();
        stop(process);
        deleteTree(dir);
    }

    @Override
    public String toString() {
        return "kube-apiserver " + version + " (no kubelet) at " + url;
    }

    private static void stop(Process process) {
        process.destroy(); // SIGTERM
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()))
                            .strip() + " ";
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder; the OS cleans it up
        }
    }

    /** No binary on this machine: the tier cannot run here, which is not the plugin's fault. */
    public static final class Missing extends RuntimeException {
        Missing(String sentence) {
            super(sentence);
        }
    }
}
