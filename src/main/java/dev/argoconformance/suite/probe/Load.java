package dev.argoconformance.suite.probe;

import dev.argoconformance.reference.client.PluginCallException;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.protocol.ExecuteTemplateReply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Concurrent calls as the agent's workers make them, for a fixed time: how many were answered, how
 * many failed and how, and the latency of each. Exchanges are counted, not kept as evidence.
 */
public final class Load {

    /** What a load run saw. */
    public record Result(long calls, long failed, Map<String, Long> failures, Histogram latency, Duration took) {
        public double callsPerSecond() {
            return calls / Math.max(0.001, took.toNanos() / 1e9);
        }
    }

    private Load() {}

    /** {@code workers} threads each call {@code template.execute} with fresh bodies until {@code duration} is over. */
    public static Result run(PluginClient client, Supplier<byte[]> bodies, int workers, Duration duration) {
        ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        AtomicLong calls = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < workers; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        client.call(
                                "template.execute",
                                bodies.get(),
                                body -> ExecuteTemplateReply.decode(body, ExecuteTemplateReply.EMPTY));
                        latency.recordValue(Math.min(TimeUnit.MINUTES.toMicros(1), (System.nanoTime() - t0) / 1000));
                    } catch (PluginCallException e) {
                        failed.incrementAndGet();
                        failures.merge(kind(firstLine(e.getMessage())), 1L, Long::sum);
                    }
                    calls.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        return new Result(
                calls.get(),
                failed.get(),
                Map.copyOf(failures),
                latency.copy(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static String firstLine(String message) {
        String line = String.valueOf(message).lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    /** An error's text without the ephemeral ports that make every connection's message unique, so alike errors count together. */
    static String kind(String message) {
        return message.replaceAll("(127\\.0\\.0\\.1|localhost|\\[::1]):\\d+->", "$1:*->");
    }
}
