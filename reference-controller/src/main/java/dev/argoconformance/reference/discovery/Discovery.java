package dev.argoconformance.reference.discovery;

import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.util.List;

/** The plugins an agent pod for one workflow gets, the ConfigMaps skipped on the way, and the differences from Argo. */
public record Discovery(List<DiscoveredPlugin> plugins, List<Rejected> rejected, List<CompatibilityNote> notes) {

    public Discovery {
        plugins = List.copyOf(plugins);
        rejected = List.copyOf(rejected);
        notes = List.copyOf(notes);
    }
}
