package dev.argoconformance.suite.certification;

import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the run learns about the plugin while it checks it: which image (and digest) it ran, the
 * manifest's hash, the cold start, every call's latency, and notes on where Argo and the seeds differ.
 */
public final class RunFacts {

    private volatile String target = "";
    private volatile String imageDigest = "";
    private volatile String manifestHash = "";
    private volatile Duration coldStart;
    private volatile String secret = "";
    private volatile String docker = "none (no container started)";
    private final long inputSeed = new java.security.SecureRandom().nextLong();
    private final ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final List<CompatibilityNote> notes = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Map<Reliance, String> reliances = new ConcurrentHashMap<>();
    private volatile ArgoCompatibility compatibility;

    public void target(String description, String digest) {
        this.target = description;
        this.imageDigest = digest;
    }

    public void manifestHash(String hash) {
        this.manifestHash = hash;
    }

    public void coldStart(Duration duration) {
        this.coldStart = duration;
    }

    /** The run's token: kept in memory only, so writers can prove it never reaches a file. */
    public void secret(String token) {
        this.secret = token;
    }

    public void docker(String version) {
        this.docker = version;
    }

    public String docker() {
        return docker;
    }

    /** The seed of every generated input of this run (hostile bodies, load payloads), so a run can be replayed. */
    public long inputSeed() {
        return inputSeed;
    }

    public void recordLatency(Duration duration) {
        latency.recordValue(Math.max(0, duration.toNanos() / 1000));
    }

    public synchronized void note(CompatibilityNote note) {
        if (notes.stream().noneMatch(n -> n.id().equals(note.id()))) {
            notes.add(note);
        }
    }

    /** Something the run could not give the plugin, and how the user can: shown with the run's facts. */
    public void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    /** A behaviour of Argo's the plugin was seen to rely on outside any requirement's calls (a warm-up's 503s), and how. */
    public void reliedOn(Reliance reliance, String evidence) {
        reliances.putIfAbsent(reliance, evidence);
    }

    public Map<Reliance, String> reliances() {
        return Map.copyOf(reliances);
    }

    /** The Argo releases the plugin works with, worked out once the run's results are in. */
    void compatibility(ArgoCompatibility compatibility) {
        this.compatibility = compatibility;
    }

    public Optional<ArgoCompatibility> compatibility() {
        return Optional.ofNullable(compatibility);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public String target() {
        return target;
    }

    public String imageDigest() {
        return imageDigest;
    }

    public String manifestHash() {
        return manifestHash;
    }

    public Optional<Duration> coldStart() {
        return Optional.ofNullable(coldStart);
    }

    public String secret() {
        return secret;
    }

    public Histogram latency() {
        return latency.copy();
    }

    public List<CompatibilityNote> notes() {
        return new ArrayList<>(notes);
    }
}
