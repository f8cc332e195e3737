package dev.argoconformance.suite.plugin;

import java.util.Optional;

/** How starting the plugin went: a target to call, or the plugin's failure to start, with its logs as evidence. */
public sealed interface Startup {

    record Started(PluginTarget plugin) implements Startup {}

    /** The reason in one sentence, and the plugin's last {@value #LOG_LINES} log lines, its token masked. */
    record Failed(String reason, String logs) implements Startup {
        public static final int LOG_LINES = 30;
    }

    default Optional<PluginTarget> target() {
        return this instanceof Started started ? Optional.of(started.plugin()) : Optional.empty();
    }
}
