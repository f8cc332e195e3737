package dev.argoconformance.reference.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * client-go's {@code wait.Backoff} as {@code retry.OnError} uses it: at most {@code steps} attempts;
 * before attempt k+1 a sleep of {@code initial × factor^(k-1) × (1 + U[0, jitter))}; no sleep after
 * the last attempt and no cap.
 */
public record Backoff(Duration initial, double factor, double jitter, int steps) {

    /** Argo's executor plugin backoff: 1 s, factor 2, jitter 0.2, 5 steps (workflow/executor/plugins/rpc/plugin.go). */
    public static final Backoff EXECUTOR = new Backoff(Duration.ofSeconds(1), 2.0, 0.2, 5);

    /** A single attempt, no retries: the proposed controller plugins' client and Argo CD's generator client. */
    public static final Backoff NONE = new Backoff(Duration.ZERO, 1.0, 0.0, 1);

    public Backoff {
        if (steps < 1) {
            throw new IllegalArgumentException("a backoff needs at least one step, got " + steps);
        }
    }

    /** The sleep before attempt {@code nextAttempt} (2-based: there is no sleep before the first). */
    public Duration sleepBefore(int nextAttempt, RandomGenerator random) {
        double base = initial.toNanos() * Math.pow(factor, nextAttempt - 2);
        double jittered = jitter > 0 ? base + random.nextDouble() * jitter * base : base;
        return Duration.ofNanos((long) jittered);
    }
}
