package dev.argoconformance.suite.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The reference side: one template through the reference controller's {@link Agent}, the way the
 * suite runs an example ({@code steps.Exchanges#execute}): a fresh agent with one worker and one
 * plugin client, one dispatch, then another after each requeue, until the plugin stops asking or the
 * example's {@code within} bound would be passed. The client's calls and the error of each failed
 * attempt are recorded.
 */
public final class ReferenceSide {

    /** Argo's worst case for one call: 5 attempts of 30 s and 15–18 s of backoff (argo-behaviour.md §W2.1), and slack. */
    static final Duration ONE_CALL_AT_MOST = Duration.ofSeconds(5 * 30 + 18 + 12);

    /**
     * @param outOfTime the next requeue would have passed the bound (the suite's {@code ExampleRun.outOfTime})
     * @param unfinished a call was still running at the hard bound, and the run was left to finish on its own
     */
    public record Run(
            List<TaskOutcome> dispatches,
            List<Attempt> attempts,
            boolean outOfTime,
            boolean unfinished,
            int connectionsOpened) {
        public Run {
            dispatches = List.copyOf(dispatches);
            attempts = List.copyOf(attempts);
        }

        /** The error of each failed attempt, in order, as Argo's retry predicate would see it. */
        public List<String> attemptErrors() {
            return attempts.stream().map(Attempt::error).filter(e -> e != null).toList();
        }
    }

    /** One exchange of the reference client, and the error its attempt ended in (null: none). */
    public record Attempt(RecordedCall call, String error) {}

    /** The plugin as the reference client reaches it, and how its client is made (a test may change its backoff). */
    public record Plugin(String name, URI address, String token, UnaryOperator<PluginClient.Builder> client) {
        public Plugin(String name, URI address, String token) {
            this(name, address, token, UnaryOperator.identity());
        }
    }

    private ReferenceSide() {}

    /**
     * Runs the template as the suite does.
     *
     * @param within the example's bound for requeues
     * @param hardBound when present, the run is cut there even inside a call (a plugin that stalls its
     *     calls would otherwise hold the run for Argo's 168 s of retries); the Argo side gets the same
     *     bound as its --timeout
     */
    public static Run execute(
            Plugin plugin,
            ObjectNode template,
            WorkflowMetadata workflow,
            Duration within,
            Optional<Duration> hardBound) {
        List<TaskOutcome> dispatches = Collections.synchronizedList(new ArrayList<>());
        // The client publishes an exchange, then reports its attempt's error: the error belongs to the last exchange.
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        PluginClient client = plugin.client()
                .apply(PluginClient.builder(plugin.name(), plugin.address(), plugin.token())
                        .listener(call -> attempts.add(new Attempt(call, null)))
                        .attemptErrors((method, attempt, message, retried) -> {
                            synchronized (attempts) {
                                int last = attempts.size() - 1;
                                if (last >= 0 && attempts.get(last).error() == null) {
                                    attempts.set(
                                            last, new Attempt(attempts.get(last).call(), message));
                                } else {
                                    attempts.add(
                                            new Attempt(null, message)); // no exchange at all (a URL refused up front)
                                }
                            }
                        }))
                .build();
        Duration bound = hardBound.filter(b -> b.compareTo(within) < 0).orElse(within);
        AtomicReference<Boolean> outOfTime = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long started = System.nanoTime();
        Thread runner = Thread.ofPlatform()
                .daemon()
                .name("differential-reference")
                .start(() -> {
                    long deadline = started + bound.toNanos();
                    try (Agent agent = Agent.builder(workflow)
                            .plugin(new ExecutorPlugin(client))
                            .workers(1)
                            .build()) {
                        while (true) {
                            TaskOutcome outcome = agent.execute(template);
                            dispatches.add(outcome);
                            if (outcome.finishesTheNode()) {
                                outOfTime.set(false);
                                return;
                            }
                            if (System.nanoTime() + outcome.requeue().toNanos() > deadline) {
                                outOfTime.set(true);
                                return;
                            }
                            Thread.sleep(outcome.requeue());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException | Error e) {
                        failure.set(e);
                    }
                });
        Duration wait = hardBound.isPresent() ? bound : within.plus(ONE_CALL_AT_MOST);
        try {
            runner.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the reference side ran", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the reference agent failed: " + failure.get(), failure.get());
        }
        boolean unfinished = runner.isAlive();
        if (unfinished) {
            runner.interrupt(); // ends a backoff sleep or a requeue wait; a call in flight ends by its own timeout
        }
        synchronized (dispatches) {
            synchronized (attempts) {
                return new Run(
                        dispatches,
                        attempts,
                        Boolean.TRUE.equals(outOfTime.get()),
                        unfinished,
                        client.connectionsOpened());
            }
        }
    }
}
