package dev.argoconformance.suite.plugin;

import dev.argoconformance.reference.manifest.PluginManifest;
import dev.argoconformance.suite.config.HarnessException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/** A plugin someone else started (the author's inner loop): no container to inspect, nothing to stop. */
final class UrlTarget implements PluginTarget {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final String token;
    private final PluginManifest manifest;

    /**
     * The plugin at {@code url}, once something accepts a connection there. Nothing listening is a
     * wrong URL or a plugin not yet started, the user's to fix: one sentence, not a failed verdict.
     */
    static UrlTarget answering(URI url, String token, PluginManifest manifest) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            String why = e instanceof UnknownHostException ? "unknown host " + url.getHost() : e.getMessage();
            throw new HarnessException(
                    "Nothing answers at " + url + " (" + why + "): start the plugin there,"
                            + " or point -Dplugin.url at where it listens.",
                    e);
        }
        return new UrlTarget(url, token, manifest);
    }

    private UrlTarget(URI url, String token, PluginManifest manifest) {
        this.url = url;
        this.token = token;
        this.manifest = manifest;
    }

    @Override
    public URI baseUrl() {
        return url;
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
        return Optional.empty();
    }

    @Override
    public Optional<Duration> coldStart() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return url.toString();
    }

    @Override
    public void close() {}
}
