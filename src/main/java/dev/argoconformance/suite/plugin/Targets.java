package dev.argoconformance.suite.plugin;

import com.github.dockerjava.api.DockerClient;
import dev.argoconformance.reference.client.Redaction;
import dev.argoconformance.reference.manifest.ManifestException;
import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.config.RunOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testcontainers.utility.DockerImageName;

/**
 * Turns run options into a running plugin: builds a bundled sample, checks Docker and the image,
 * starts the container the way Argo would, or wraps a URL the author started. Harness problems
 * throw {@link HarnessException}; a plugin that does not start is a {@link Startup.Failed}.
 */
public final class Targets {

    private Targets() {}

    /** The plugin.yaml the run uses: the one given, or the sample's; empty when there is none. */
    public static Optional<Path> manifestPath(RunOptions options) {
        return options.manifest()
                .or(() -> options.sample()
                        .map(s -> options.samplesDir().resolve(s).resolve("plugin.yaml"))
                        .filter(Files::isRegularFile));
    }

    /** The parsed plugin.yaml, with the args `argo executor-plugin build` would give it. */
    public static Optional<PluginManifest> manifest(RunOptions options) {
        if (options.kind() == PluginKind.CONTROLLER) {
            return Optional.empty(); // a controller plugin has a ConfigMap, not a plugin.yaml; its steps read it
        }
        return manifestPath(options).map(Targets::parseManifest);
    }

    public static Startup start(RunOptions options, Optional<PluginManifest> parsedManifest) {
        PluginManifest manifest = parsedManifest.orElse(null);
        if (options.url().isPresent()) {
            return new Startup.Started(
                    UrlTarget.answering(options.url().get(), options.token().orElse(""), manifest));
        }
        DockerClient docker = DockerPreflight.requireDocker();
        String image = options.image()
                .orElseGet(() -> SampleImages.build(
                        options.samplesDir(),
                        options.samplesDir().resolve(options.sample().orElseThrow())));
        DockerPreflight.requireImage(docker, image);
        return startContainer(image, options, manifest, Tokens.fresh());
    }

    private static Startup startContainer(String image, RunOptions options, PluginManifest manifest, String token) {
        PluginContainer container = new PluginContainer(DockerImageName.parse(image));
        if (options.kind() != PluginKind.CONTROLLER) {
            container.withToken(
                    token,
                    options.tokenFile()); // a controller plugin runs beside the controller, which mounts no token
        }
        if (manifest != null) {
            container.withManifest(manifest);
        }
        options.env().forEach(container::withEnv);
        if (manifest == null || manifest.port().isEmpty()) {
            container.withPort(options.port().orElse(RunOptions.DEFAULT_PORT));
        }
        if (manifest == null && options.kind() == PluginKind.EXECUTOR) {
            container.withAgentPodUser();
        }
        long started = System.nanoTime();
        try {
            container.start();
        } catch (RuntimeException e) {
            // Masked here: a plugin may print what it read from its token file.
            String logs =
                    Redaction.redact(ContainerTrouble.tail(container.startupOutput(), Startup.Failed.LOG_LINES), token);
            container.stop();
            if (isRyukProblem(e)) {
                throw new HarnessException(
                        "Testcontainers could not start its Ryuk container (its image cannot be pulled here):"
                                + " in a closed network export TESTCONTAINERS_RYUK_DISABLED=true; the suite stops its own containers.",
                        e);
            }
            return new Startup.Failed(startFailure(image, container.getPort(), options, e), logs);
        }
        Duration coldStart = Duration.ofNanos(System.nanoTime() - started);
        return new Startup.Started(new ContainerTarget(container, token, manifest, image, coldStart));
    }

    private static String startFailure(String image, int port, RunOptions options, RuntimeException e) {
        String cause = ContainerTrouble.rootMessage(e);
        String where = options.manifest().isPresent()
                        || options.kind() == PluginKind.EXECUTOR
                                && options.sample().isPresent()
                ? "the port plugin.yaml declares"
                : "port " + port + " (-D" + RunOptions.PORT + ")";
        String what = cause.startsWith("the container exited")
                ? "stopped as it started: " + cause
                : "did not answer HTTP on port " + port + " within " + PluginContainer.STARTUP_TIMEOUT.toSeconds()
                        + " s (" + cause + ")";
        return "The plugin image " + image + " " + what + ". Does the image listen on " + where
                + ", and can its user read " + options.tokenFile()
                + (options.kind() == PluginKind.GENERATOR && options.tokenPath().isEmpty()
                        ? " (or does it read its token elsewhere? say where with -D" + RunOptions.TOKEN_PATH + "=)"
                        : "")
                + "?";
    }

    private static boolean isRyukProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase().contains("ryuk")) {
                return true;
            }
        }
        return false;
    }

    private static PluginManifest parseManifest(Path path) {
        try {
            PluginManifest manifest = PluginManifest.parse(path);
            List<Path> servers = serverFiles(path.getParent());
            if (servers.size() > 1) {
                throw new HarnessException("plugin " + manifest.name() + " has more than one server.* file in "
                        + path.getParent() + ": argo executor-plugin build refuses that; keep one.");
            }
            if (servers.size() == 1) {
                // `argo executor-plugin build` puts the one server.* file into the container's args.
                manifest = manifest.withArgs(List.of(Files.readString(servers.get(0), StandardCharsets.UTF_8)));
            }
            return manifest;
        } catch (ManifestException e) {
            throw new HarnessException(e.getMessage(), e);
        } catch (IOException e) {
            throw new HarnessException(
                    "Cannot read " + path + " (" + e.getMessage() + "): check -Dplugin.manifest.", e);
        }
    }

    private static List<Path> serverFiles(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (dir == null) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "server.*")) {
            files.forEach(found::add);
        }
        return found;
    }
}
