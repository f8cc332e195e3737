package dev.argoconformance.suite.target;

import java.util.Optional;

/** How starting the plugin went: a target to call, or the plugin's failure to start, with its logs as evidence. */
public sealed interface Startup {

    record Started(PluginTarget plugin) implements Startup {}

    record Failed(String reason, String logs) implements Startup {}

    default Optional<PluginTarget> target() {
        return this instanceof Started started ? Optional.of(started.plugin()) : Optional.empty();
    }
}
