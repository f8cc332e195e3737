package dev.argoconformance.suite.plugin;

import dev.argoconformance.reference.manifest.PluginManifest;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** A plugin the suite can call: where it listens, the token it was given, and how it was started. */
public interface PluginTarget extends AutoCloseable {

    URI baseUrl();

    String token();

    Optional<PluginManifest> manifest();

    /** Present when the suite started the plugin in a container and can inspect it. */
    Optional<RunningContainer> container();

    /** Time from start to the first HTTP answer; empty for a server someone else started. */
    Optional<Duration> coldStart();

    /** One line for reports: the image or URL. */
    String describe();

    @Override
    void close();
}
