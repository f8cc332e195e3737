package dev.argoconformance.suite.certification;

import dev.argoconformance.suite.config.RunOptions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One certification: its options, identity and the run-scoped things it owns (the plugin target,
 * the bundle directory). The launcher begins one explicitly; under Maven's {@code @Suite} runner the
 * first use begins one from system properties. Closing it closes what it owns, last first.
 */
public final class CertificationRun implements AutoCloseable {

    /** Per thread, so the regression tests can certify two samples side by side. */
    private static final ThreadLocal<Deque<CertificationRun>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);

    private final RunOptions options;
    private final String id = UUID.randomUUID().toString();
    private final Instant startedAt = Instant.now();
    private final Map<Class<?>, Object> store = new LinkedHashMap<>();
    private final RunFacts facts = new RunFacts();
    private final boolean ownsTheBuild;
    private volatile RunResult result;
    private boolean closed;

    private CertificationRun(RunOptions options, boolean ownsTheBuild) {
        this.options = options;
        this.ownsTheBuild = ownsTheBuild;
    }

    public static CertificationRun begin(RunOptions options) {
        return push(new CertificationRun(options, false));
    }

    private static CertificationRun push(CertificationRun run) {
        ACTIVE.get().push(run);
        return run;
    }

    /** The run in progress; under the Maven runner, one begun from system properties on first use. */
    public static CertificationRun current() {
        if (ACTIVE.get().isEmpty()) {
            push(new CertificationRun(RunOptions.fromSystemProperties(), true));
        }
        return ACTIVE.get().peek();
    }

    /**
     * Whether the build's outcome is this run's verdict: under {@code ./mvnw verify -Dplugin.…} a
     * failed verdict must fail the build even when no scenario failed outright (a blocked
     * {@code @must} in a narrowed run). A caller that began the run reads the verdict itself.
     */
    boolean ownsTheBuild() {
        return ownsTheBuild;
    }

    /** The options a run would use now, without beginning one (discovery filters need only these). */
    public static RunOptions currentOptions() {
        return ACTIVE.get().isEmpty()
                ? RunOptions.fromSystemProperties()
                : ACTIVE.get().peek().options;
    }

    public RunOptions options() {
        return options;
    }

    public String id() {
        return id;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public RunFacts facts() {
        return facts;
    }

    /** A run-scoped value, computed once; AutoCloseable values are closed with the run. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T getOrCompute(Class<T> key, Supplier<T> compute) {
        Object value = store.get(key);
        if (value == null) {
            value = compute.get();
            store.put(key, value);
        }
        return (T) value;
    }

    void complete(RunResult result) {
        this.result = result;
    }

    public Optional<RunResult> result() {
        return Optional.ofNullable(result);
    }

    @Override
    public void close() {
        List<Object> owned;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            owned = new ArrayList<>(store.values());
        }
        for (int i = owned.size() - 1; i >= 0; i--) {
            if (owned.get(i) instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("argo-plugin-conformance: could not close " + closeable + ": " + e.getMessage());
                }
            }
        }
        ACTIVE.get().remove(this);
    }
}
