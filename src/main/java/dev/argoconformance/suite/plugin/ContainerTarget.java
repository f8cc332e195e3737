package dev.argoconformance.suite.plugin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import dev.argoconformance.reference.manifest.PluginManifest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** A plugin the suite started in a container; the suite stops it when the run ends. */
final class ContainerTarget implements PluginTarget, RunningContainer {

    private final PluginContainer container;
    private final String token;
    private final PluginManifest manifest;
    private final String image;
    private final Duration coldStart;

    ContainerTarget(
            PluginContainer container, String token, PluginManifest manifest, String image, Duration coldStart) {
        this.container = container;
        this.token = token;
        this.manifest = manifest;
        this.image = image;
        this.coldStart = coldStart;
    }

    @Override
    public URI baseUrl() {
        return container.getBaseUrl();
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public Optional<PluginManifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    @Override
    public Optional<RunningContainer> container() {
        return Optional.of(this);
    }

    @Override
    public Optional<Duration> coldStart() {
        return Optional.of(coldStart);
    }

    @Override
    public String describe() {
        return image;
    }

    @Override
    public String id() {
        return container.getContainerId();
    }

    @Override
    public String logs() {
        return container.getLogs();
    }

    @Override
    public ContainerFacts inspect() {
        InspectContainerResponse r = docker().inspectContainerCmd(id()).exec();
        HostConfig host = r.getHostConfig();
        InspectContainerResponse.ContainerState state = r.getState();
        return new ContainerFacts(
                r.getConfig().getUser(),
                host.getMemory() == null ? 0 : host.getMemory(),
                host.getNanoCPUs() == null ? 0 : host.getNanoCPUs(),
                host.getCpuShares() == null ? 0 : host.getCpuShares(),
                Boolean.TRUE.equals(host.getReadonlyRootfs()),
                Boolean.TRUE.equals(state.getRunning()),
                Boolean.TRUE.equals(state.getOOMKilled()),
                r.getRestartCount() == null ? 0 : r.getRestartCount(),
                state.getRunning()
                        ? null
                        : state.getExitCodeLong() == null
                                ? null
                                : state.getExitCodeLong().intValue());
    }

    @Override
    public List<String> processUsers() {
        TopContainerResponse top =
                docker().topContainerCmd(id()).withPsArgs("-eo pid,uid,comm").exec();
        List<String> titles = Arrays.asList(top.getTitles());
        int uid = titles.indexOf("UID");
        List<String> users = new ArrayList<>();
        for (String[] process : top.getProcesses()) {
            users.add(process[uid < 0 ? 0 : uid]);
        }
        return users;
    }

    @Override
    public String engineVersion() {
        var version = docker().versionCmd().exec();
        return "Docker " + version.getVersion() + " (API " + version.getApiVersion() + ")";
    }

    @Override
    public String imageDigest() {
        return SampleImages.digest(image);
    }

    @Override
    public void close() {
        container.stop();
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
