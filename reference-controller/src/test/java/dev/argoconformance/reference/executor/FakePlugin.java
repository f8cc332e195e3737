package dev.argoconformance.reference.executor;

import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.testing.FakeClock;
import dev.argoconformance.reference.testing.RecordingSleeper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An executor plugin sidecar on loopback: replies from a script, then a fixed fallback reply (or a
 * 500 naming the unscripted call). It records every request with its arrival time and measures how
 * many requests it holds at once; {@link #holdEachRequest} keeps each one for a while.
 */
final class FakePlugin implements AutoCloseable {

    /** Something done with a request before its reply is sent; returns the time to hold it. */
    @FunctionalInterface
    interface Hold {
        Duration before(int inFlightNow) throws InterruptedException;
    }

    record Arrival(RecordedRequest request, long nanoTime) {}

    private final String name;
    private final MockWebServer server = new MockWebServer();
    private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile MockResponse otherwise;
    private volatile Hold hold = n -> Duration.ZERO;

    FakePlugin(String name) throws IOException {
        this.name = name;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                arrivals.add(new Arrival(request, System.nanoTime()));
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(hold.before(now));
                    MockResponse next = script.poll();
                    if (next != null) {
                        return next;
                    }
                    MockResponse fallback = otherwise;
                    return fallback != null ? fallback
                            : new MockResponse.Builder().status("HTTP/1.1 500 Internal Server Error")
                                    .body("unscripted call " + arrivals.size() + " to " + name).build();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse status(String statusLine, String body) {
        return new MockResponse.Builder().status(statusLine).body(body).build();
    }

    /** Replies with these bodies (200, JSON) in order. */
    FakePlugin replies(String... bodies) {
        for (String body : bodies) {
            script.add(json(body));
        }
        return this;
    }

    FakePlugin then(MockResponse response) {
        script.add(response);
        return this;
    }

    /** Once the script is used up, every call gets this reply. */
    FakePlugin otherwise(String body) {
        this.otherwise = json(body);
        return this;
    }

    FakePlugin holdEachRequest(Hold hold) {
        this.hold = hold;
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** The plugin as the agent sees it; backoff sleeps return at once. */
    ExecutorPlugin asExecutorPlugin() {
        FakeClock clock = new FakeClock(Instant.EPOCH);
        return new ExecutorPlugin(PluginClient.builder(name, uri(), "token-" + name)
                .timeout(Duration.ofSeconds(5))
                .clock(clock)
                .sleeper(new RecordingSleeper(clock))
                .build());
    }

    int calls() {
        return arrivals.size();
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
