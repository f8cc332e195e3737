package dev.argoconformance.reference.executor;

import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.testing.FakeClock;
import dev.argoconformance.reference.testing.PluginServer;
import dev.argoconformance.reference.testing.RecordingSleeper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An executor plugin sidecar on loopback (a {@link PluginServer}): replies from a script, then a fixed fallback reply (or a
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
    private final PluginServer server;
    private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
    private volatile MockResponse otherwise;
    private volatile Hold hold = n -> Duration.ZERO;

    FakePlugin(String name) {
        this.name = name;
        this.server = new PluginServer(call -> {
            Thread.sleep(hold.before(call.inFlight()));
            MockResponse next = script.poll();
            if (next != null) {
                return next;
            }
            MockResponse fallback = otherwise;
            return fallback != null
                    ? fallback
                    : new MockResponse.Builder()
                            .status("HTTP/1.1 500 Internal Server Error")
                            .body("unscripted call " + call.number() + " to " + name)
                            .build();
        });
    }

    static MockResponse json(String body) {
        return PluginServer.json(body);
    }

    static MockResponse status(String statusLine, String body) {
        return PluginServer.status(statusLine, body);
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
        return server.uri();
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
        return server.calls().size();
    }

    List<Arrival> arrivals() {
        return server.calls().stream()
                .map(c -> new Arrival(c.request(), c.arrivedNanos()))
                .toList();
    }

    int maxInFlight() {
        return server.maxInFlight();
    }

    @Override
    public void close() {
        server.close();
    }
}
