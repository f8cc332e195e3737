package dev.argoconformance.suite.regression;

import dev.argoconformance.suite.plugin.PluginContainer;
import dev.argoconformance.suite.plugin.SampleImages;
import dev.argoconformance.suite.plugin.Tokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testcontainers.utility.DockerImageName;

/**
 * The fault plugins of one run: each built and started once, the first time any is needed, and stopped at the end
 * ({@link RegressionHooks#stopFaultPlugins()}). Scenarios never share state through them: every fault counts calls per
 * workflow uid, and every scenario is a fresh workflow.
 */
final class FaultPlugins {

    /** Every fault listens on the hello plugin's port; each is its own container, so they never collide. */
    static final int PORT = 4355;

    /** How long the container's own address gets to accept a connection before it counts as unreachable. */
    private static final int DIRECT_CONNECT_MILLIS = 500;

    /**
     * A started fault: where it listens through Docker's port mapping, where it listens on its own network address
     * if this machine can reach that, and the token it read from /var/run/argo/token.
     */
    record Running(Fault fault, URI baseUrl, Optional<URI> directUrl, String token) {}

    private static Map<Fault, Running> running;
    private static final List<PluginContainer> containers = new ArrayList<>();

    private FaultPlugins() {}

    static synchronized Running get(Fault fault) {
        if (running == null) {
            running = startAll();
        }
        return running.get(fault);
    }

    /** Builds and starts every fault in parallel: seven sequential starts would cost the run several seconds. */
    private static Map<Fault, Running> startAll() {
        Path samples = samplesRoot();
        ExecutorService pool = Executors.newFixedThreadPool(Fault.values().length);
        try {
            Map<Fault, Future<Running>> starting = new EnumMap<>(Fault.class);
            for (Fault fault : Fault.values()) {
                starting.put(fault, pool.submit(() -> start(samples, fault)));
            }
            Map<Fault, Running> started = new EnumMap<>(Fault.class);
            for (Map.Entry<Fault, Future<Running>> e : starting.entrySet()) {
                started.put(e.getKey(), e.getValue().get());
            }
            return started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll();
            throw new IllegalStateException("interrupted while starting the fault plugins", e);
        } catch (ExecutionException e) {
            stopAll(); // the ones that did start
            throw new IllegalStateException(
                    "a fault plugin did not start: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static Running start(Path samples, Fault fault) {
        String image = SampleImages.build(samples, samples.resolve("faults").resolve(fault.folder()));
        String token = Tokens.fresh();
        PluginContainer container = new PluginContainer(DockerImageName.parse(image))
                .withToken(token)
                .withPort(PORT);
        synchronized (containers) {
            containers.add(container);
        }
        container.start();
        return new Running(fault, container.getBaseUrl(), directUrl(container), token);
    }

    /**
     * The container's address on its Docker network, when this machine can connect to it (a Linux host can; Docker
     * Desktop cannot). Docker's userland proxy turns a plugin's TCP reset into an orderly close; only a direct
     * connection sees the reset itself.
     */
    private static Optional<URI> directUrl(PluginContainer container) {
        var networks = container.getContainerInfo().getNetworkSettings().getNetworks();
        for (var network : networks.values()) {
            String ip = network.getIpAddress();
            if (ip == null || ip.isEmpty()) {
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(ip, PORT), DIRECT_CONNECT_MILLIS);
                return Optional.of(URI.create("http://" + ip + ":" + PORT));
            } catch (IOException unreachable) {
                // try the next network, if any
            }
        }
        return Optional.empty();
    }

    /** Stops what this run started, and nothing else. */
    static synchronized void stopAll() {
        synchronized (containers) {
            for (PluginContainer c : containers) {
                try {
                    c.stop();
                } catch (RuntimeException e) {
                    System.err.println("could not stop fault plugin " + c.getDockerImageName() + ": " + e.getMessage());
                }
            }
            containers.clear();
        }
        running = null;
    }

    private static Path samplesRoot() {
        String root = System.getProperty("conformance.root");
        Path repo = root != null ? Path.of(root) : Path.of("..");
        Path samples = repo.toAbsolutePath().normalize().resolve("sample-plugins");
        if (!Files.isDirectory(samples.resolve("faults"))) {
            throw new IllegalStateException(
                    "no sample-plugins/faults under " + repo.toAbsolutePath().normalize()
                            + ": set the system property conformance.root to the repository root (Maven does)");
        }
        return samples;
    }
}
