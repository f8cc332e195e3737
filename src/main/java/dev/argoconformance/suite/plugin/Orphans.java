package dev.argoconformance.suite.plugin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Without Ryuk (closed networks), a suite that is killed leaves its containers behind. Every
 * container and volume the suite makes carries its process id and host; containers of a process
 * that no longer runs on this host are removed before a new run starts, and a shutdown hook stops
 * what the live process started. Nothing without these labels is ever touched.
 */
public final class Orphans {

    static final String PID_LABEL = PluginContainer.LABEL + ".pid";
    static final String HOST_LABEL = PluginContainer.LABEL + ".host";

    /** By identity: a container's own hashCode asks Docker for its state, which can block behind a start. */
    private static final Set<PluginContainer> LIVE =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private static volatile boolean swept;

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            List<PluginContainer> live;
                            synchronized (LIVE) {
                                live = List.copyOf(LIVE);
                            }
                            for (PluginContainer c : live) {
                                try {
                                    c.stop();
                                } catch (RuntimeException ignored) {
                                    // the engine may be going down too; nothing more to do
                                }
                            }
                        },
                        "argo-conformance-cleanup"));
    }

    private Orphans() {}

    /** The labels that tie a container or volume to this process; anything the suite starts carries them. */
    public static Map<String, String> labels() {
        return Map.of(PID_LABEL, String.valueOf(ProcessHandle.current().pid()), HOST_LABEL, host());
    }

    static void started(PluginContainer container) {
        LIVE.add(container);
    }

    static void stopped(PluginContainer container) {
        LIVE.remove(container);
    }

    /** Once per JVM: removes containers and volumes left by suite processes of this host that are gone. */
    static void sweep(DockerClient docker) {
        if (swept) {
            return;
        }
        swept = true;
        String host = host();
        List<Container> containers = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(HOST_LABEL, host))
                .exec();
        for (Container c : containers) {
            if (isGone(c.getLabels().get(PID_LABEL))) {
                docker.removeContainerCmd(c.getId())
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec();
            }
        }
        docker.listVolumesCmd()
                .withFilter("label", List.of(HOST_LABEL + "=" + host))
                .exec()
                .getVolumes()
                .forEach(v -> {
                    if (v.getLabels() != null && isGone(v.getLabels().get(PID_LABEL))) {
                        try {
                            docker.removeVolumeCmd(v.getName()).exec();
                        } catch (RuntimeException inUse) {
                            // a container still holds it; the container's own removal frees it next time
                        }
                    }
                });
    }

    private static boolean isGone(String pid) {
        try {
            return pid != null
                    && ProcessHandle.of(Long.parseLong(pid))
                            .map(p -> !p.isAlive())
                            .orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
