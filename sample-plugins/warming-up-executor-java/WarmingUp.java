package hello;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hello executor plugin behind a warm-up, as a plugin that loads a cache or opens connections at
 * start would be: for its first {@link #WARM_UP} it answers every authorized call with 503 and
 * Retry-After, then serves as hello-executor-java does. Seed 001: "503 error - considered transient";
 * Argo's agent retries it (1 s, 2 s, 4 s, 8 s). A call without the right token is refused with 403
 * throughout: warming up is no reason to say more to a stranger.
 */
final class WarmingUp extends HelloExecutor {

    static final Duration WARM_UP = Duration.ofSeconds(5);

    private final long readyAt = System.nanoTime() + WARM_UP.toNanos();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicBoolean told = new AtomicBoolean();

    private WarmingUp(String token) {
        super(token);
    }

    public static void main(String[] args) throws IOException {
        serve(new WarmingUp(readToken()), "warming-up executor plugin (ready in " + WARM_UP.toSeconds() + " s)");
    }

    @Override
    void respond(HttpExchange ex) throws IOException {
        long left = readyAt - System.nanoTime();
        if (left > 0 && authorized(ex.getRequestHeaders())) {
            long seconds = (left + 999_999_999L) / 1_000_000_000L; // the whole seconds left, rounded up
            ex.getResponseHeaders().set("Retry-After", String.valueOf(seconds));
            unavailable.incrementAndGet();
            json(ex, 503, message("warming up"));
            return;
        }
        if (left <= 0 && told.compareAndSet(false, true)) {
            System.out.println("warmed up; " + unavailable.get() + " calls were answered 503 meanwhile");
        }
        super.respond(ex);
    }
}
