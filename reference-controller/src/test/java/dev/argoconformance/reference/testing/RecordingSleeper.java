package dev.argoconformance.reference.testing;

import dev.argoconformance.reference.client.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A {@link Sleeper} that returns at once: it records each requested sleep and advances a
 * {@link FakeClock} by it. An optional hook runs before each sleep returns, given the sleep's
 * 1-based number, e.g. to bring a plugin up before the next attempt.
 */
public final class RecordingSleeper implements Sleeper {

    private final FakeClock clock;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private volatile IntConsumer beforeWaking = n -> {};

    public RecordingSleeper(FakeClock clock) {
        this.clock = clock;
    }

    public RecordingSleeper beforeWaking(IntConsumer hook) {
        this.beforeWaking = hook;
        return this;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
        beforeWaking.accept(sleeps.size());
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
