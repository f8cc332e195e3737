package dev.argoconformance.suite.cluster;

import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.NotChecked;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cluster of one certification run: whether this machine can have one (asked once, so a missing image costs one
 * pull attempt per run, not one per scenario), and the one k3s started for the run's {@code @cluster} scenarios.
 * Kept in the {@link CertificationRun}, which closes it, and with it k3s, when the run closes.
 */
public final class ClusterTier implements AutoCloseable {

    private final Supplier<K3sImage.Availability> check;
    private K3sImage.Availability availability;
    private K3sCluster cluster;
    private ClusterException startFailure;

    ClusterTier(Supplier<K3sImage.Availability> check) {
        this.check = check;
    }

    /** The run's tier; the image is looked for on first use. */
    public static ClusterTier of(CertificationRun run) {
        return run.getOrCompute(ClusterTier.class, () -> new ClusterTier(K3sImage::check));
    }

    /** What the availability check found; checks on first call. */
    public synchronized K3sImage.Availability availability() {
        if (availability == null) {
            availability = check.get();
        }
        return availability;
    }

    /**
     * Throws the tier's Disabled sentence when no k3s image can be had here; every {@code @cluster} step calls this
     * before anything else.
     */
    public void requireAvailable() {
        if (availability() instanceof K3sImage.Availability.Absent absent) {
            throw NotChecked.disabled(absent.reason());
        }
    }

    /**
     * The run's k3s, started on first use with {@code pluginImage} (a Docker image, by name and tag) preloaded beside
     * the pause image. A k3s that did not start is a harness error, remembered and rethrown so the run says it once
     * per scenario without trying again.
     */
    public synchronized K3sCluster cluster(String pluginImage) {
        requireAvailable();
        if (startFailure != null) {
            throw startFailure;
        }
        if (cluster == null) {
            K3sImage.Availability.Present present = (K3sImage.Availability.Present) availability();
            K3sCluster starting = null;
            try {
                starting = new K3sCluster(present.image(), K3sImage.PAUSE, List.of(pluginImage));
                starting.start();
            } catch (RuntimeException e) {
                if (starting != null) {
                    starting.close();
                }
                startFailure = e instanceof ClusterException known
                        ? known
                        : new ClusterException("k3s could not be prepared for the plugin: " + e.getMessage(), e);
                throw startFailure;
            }
            cluster = starting;
        }
        return cluster;
    }

    @Override
    public synchronized void close() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Override
    public String toString() {
        return "the cluster tier (" + (cluster == null ? "no k3s started" : cluster) + ")";
    }
}
