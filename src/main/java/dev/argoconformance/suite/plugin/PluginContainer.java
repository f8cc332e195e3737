package dev.argoconformance.suite.plugin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.argoconformance.reference.manifest.PluginManifest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A plugin image started the way Argo's agent pod starts a plugin sidecar: the manifest's command,
 * args, port, resources and security context, and a token at {@code /var/run/argo/token} with no
 * trailing newline. Readiness is checked from outside (any HTTP answer on the port), because plugin
 * images are often distroless and have no shell to check from inside.
 */
public final class PluginContainer extends GenericContainer<PluginContainer> {

    public static final String TOKEN_PATH = "/var/run/argo/token";

    /** Every container the suite starts carries this label, so it can be found and stopped by it. */
    public static final String LABEL = "dev.argoconformance.suite";

    /**
     * The agent pod's own securityContext (runAsNonRoot, runAsUser 8737) applies to sidecars that do
     * not set their own (workflow/controller/agent.go; argo-behaviour.md §W6.1).
     */
    static final String AGENT_POD_USER = "8737";

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private int port = 4355;
    private String token;
    private String tokenPath = TOKEN_PATH;
    private final String tokenVolume = "argo-conformance-token-" + UUID.randomUUID();
    private boolean tokenVolumeCreated;
    private final List<Consumer<CreateContainerCmd>> modifiers = new ArrayList<>();
    // Testcontainers forgets a container that fails to start, logs and all: what it printed until then is kept here.
    private final StringBuffer startupOutput = new StringBuffer();
    private volatile boolean started;

    public PluginContainer(DockerImageName image) {
        super(image);
        withLabel(LABEL, "plugin");
        withLabels(Orphans.labels());
        withCreateContainerCmdModifier(cmd -> modifiers.forEach(m -> m.accept(cmd)));
        withLogConsumer(frame -> {
            if (!started && frame.getBytes() != null) {
                startupOutput.append(frame.getUtf8String());
            }
        });
    }

    /** Everything the container wrote until it answered HTTP, or until it failed to. */
    public String startupOutput() {
        return startupOutput.toString();
    }

    @Override
    protected void containerIsStarted(InspectContainerResponse containerInfo) {
        started = true; // from here on the logs are Docker's to keep (RunningContainer.logs)
        super.containerIsStarted(containerInfo);
    }

    /**
     * Mounts the token as Argo does: a file with no trailing newline, in a volume mounted read-only at
     * /var/run/argo (Argo's var-run-argo emptyDir), readable by whatever user the plugin runs as.
     */
    public PluginContainer withToken(String token) {
        return withToken(token, TOKEN_PATH);
    }

    /** The token at another path: where a generator's own Deployment mounts it (Argo CD mounts nothing). */
    public PluginContainer withToken(String token, String path) {
        this.token = token;
        this.tokenPath = path;
        modifiers.add(
                cmd -> cmd.getHostConfig().withBinds(new Bind(tokenVolume, new Volume(tokenDir()), AccessMode.ro)));
        return self();
    }

    private String tokenDir() {
        String dir = tokenPath.substring(0, tokenPath.lastIndexOf('/'));
        return dir.isEmpty() ? "/" : dir;
    }

    private String tokenFileName() {
        return tokenPath.substring(tokenPath.lastIndexOf('/') + 1);
    }

    public PluginContainer withPort(int port) {
        this.port = port;
        return self();
    }

    /** Applies the sidecar container of plugin.yaml: port, command, args, env, resources, security context. */
    public PluginContainer withManifest(PluginManifest manifest) {
        Container c = manifest.container();
        manifest.port().ifPresent(this::withPort);
        if (c.getCommand() != null && !c.getCommand().isEmpty()) {
            List<String> command = List.copyOf(c.getCommand());
            modifiers.add(cmd -> cmd.withEntrypoint(command));
        }
        if (c.getArgs() != null && !c.getArgs().isEmpty()) {
            withCommand(c.getArgs().toArray(String[]::new));
        }
        if (c.getEnv() != null) {
            for (EnvVar env : c.getEnv()) {
                if (env.getValue() != null) { // valueFrom (secrets) has no value outside a cluster: see unsetEnv
                    withEnv(env.getName(), env.getValue());
                }
            }
        }
        applyResources(c.getResources());
        applySecurityContext(c.getSecurityContext());
        return self();
    }

    /** The agent pod's user, for images started without a manifest that says otherwise. */
    public PluginContainer withAgentPodUser() {
        modifiers.add(cmd -> cmd.withUser(AGENT_POD_USER));
        return self();
    }

    public int getPort() {
        return port;
    }

    public URI getBaseUrl() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(port));
    }

    @Override
    protected void configure() {
        if (token != null && !tokenVolumeCreated) {
            writeTokenVolume();
        }
        withExposedPorts(port);
        waitingFor(new AnswersHttp(port).withStartupTimeout(STARTUP_TIMEOUT));
        super.configure();
    }

    /**
     * Fills the token volume before the plugin's container exists. Docker refuses to copy into a
     * container with a read-only root file system, so the copy goes through a helper container of the
     * same image that is created, used for the copy and removed, never started.
     */
    private void writeTokenVolume() {
        DockerClient docker = getDockerClient();
        Map<String, String> labels = new java.util.HashMap<>(Orphans.labels());
        labels.put(LABEL, "token");
        docker.createVolumeCmd().withName(tokenVolume).withLabels(labels).exec();
        tokenVolumeCreated = true;
        String helper = docker.createContainerCmd(getDockerImageName())
                .withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(tokenVolume, new Volume(tokenDir()))))
                .exec()
                .getId();
        try {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
                Transferable.of(token.getBytes(StandardCharsets.UTF_8), 0444).transferTo(out, tokenFileName());
                out.finish();
            }
            docker.copyArchiveToContainerCmd(helper)
                    .withRemotePath(tokenDir())
                    .withTarInputStream(new ByteArrayInputStream(tar.toByteArray()))
                    .exec();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            docker.removeContainerCmd(helper).withForce(true).exec();
        }
    }

    @Override
    public void start() {
        Orphans.started(this);
        super.start();
    }

    @Override
    public void stop() {
        Orphans.stopped(this);
        super.stop();
        if (tokenVolumeCreated) {
            try {
                getDockerClient().removeVolumeCmd(tokenVolume).exec();
            } catch (RuntimeException e) {
                // already gone; nothing else of ours holds it
            }
            tokenVolumeCreated = false;
        }
    }

    private void applyResources(ResourceRequirements resources) {
        if (resources == null) {
            return;
        }
        Map<String, Quantity> limits = resources.getLimits() == null ? Map.of() : resources.getLimits();
        Map<String, Quantity> requests = resources.getRequests() == null ? Map.of() : resources.getRequests();
        modifiers.add(cmd -> {
            HostConfig host = cmd.getHostConfig();
            // A quantity Kubernetes would reject is left off here; the manifest checks report it.
            amount(limits.get("memory"))
                    .ifPresent(bytes -> host.withMemory(bytes.longValue()).withMemorySwap(bytes.longValue()));
            amount(limits.get("cpu"))
                    .ifPresent(cpus -> host.withNanoCPUs(
                            cpus.multiply(BigDecimal.valueOf(1_000_000_000L)).longValue()));
            amount(requests.get("cpu"))
                    .ifPresent(cpus -> host.withCpuShares(
                            Math.max(2, cpus.multiply(BigDecimal.valueOf(1024)).intValue())));
            amount(requests.get("memory")).ifPresent(bytes -> host.withMemoryReservation(bytes.longValue()));
        });
    }

    private void applySecurityContext(SecurityContext sc) {
        String user = sc != null && sc.getRunAsUser() != null ? String.valueOf(sc.getRunAsUser()) : AGENT_POD_USER;
        String group = sc != null && sc.getRunAsGroup() != null ? ":" + sc.getRunAsGroup() : "";
        modifiers.add(cmd -> cmd.withUser(user + group));
        if (sc == null) {
            return;
        }
        modifiers.add(cmd -> {
            HostConfig host = cmd.getHostConfig();
            if (Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                host.withReadonlyRootfs(true);
            }
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                host.withPrivileged(true);
            }
            if (Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                host.withSecurityOpts(List.of("no-new-privileges"));
            }
            if (sc.getCapabilities() != null) {
                if (sc.getCapabilities().getDrop() != null) {
                    host.withCapDrop(capabilities(sc.getCapabilities().getDrop()));
                }
                if (sc.getCapabilities().getAdd() != null) {
                    host.withCapAdd(capabilities(sc.getCapabilities().getAdd()));
                }
            }
        });
    }

    private static Capability[] capabilities(List<String> names) {
        return names.stream()
                .map(n -> n.startsWith("CAP_") ? n.substring(4) : n)
                .map(Capability::valueOf)
                .toArray(Capability[]::new);
    }

    static Optional<BigDecimal> amount(Quantity quantity) {
        if (quantity == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Quantity.getAmountInBytes(quantity));
        } catch (RuntimeException unparseable) {
            return Optional.empty();
        }
    }
}
