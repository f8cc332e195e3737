package dev.argoconformance.reference.client;

import java.time.Duration;

/** How the client waits between attempts; injectable so tests check backoff gaps without waiting. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
