package dev.argoconformance.suite.target;

import dev.argoconformance.reference.manifest.PluginManifest;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** A plugin someone else started (the author's inner loop): no container to inspect, nothing to stop. */
final class UrlTarget implements PluginTarget {

    private final URI url;
    private final String token;
    private final PluginManifest manifest;

    UrlTarget(URI url, String token, PluginManifest manifest) {
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
