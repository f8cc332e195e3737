package dev.argoconformance.reference.workflow;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's requeue timers, counted. A run is stuck only when no timer is left to re-enqueue a task, and the
 * agent's result listener cannot tell: a reply with an empty phase and a requeue (a silent poll, argo-behaviour.md
 * §W3.3) is never reported, yet it keeps the plugin called. Counting the timers sees every requeue, reported or not. A
 * timer counts as pending until its task has been re-enqueued, so there is no moment when neither the timer nor the
 * queue holds it.
 */
final class RequeueTimers extends ScheduledThreadPoolExecutor {

    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong activity;

    RequeueTimers(AtomicLong activity) {
        super(1, r -> {
            Thread t = new Thread(r, "workflow-requeue");
            t.setDaemon(true);
            return t;
        });
        this.activity = activity;
    }

    int pending() {
        return pending.get();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        pending.incrementAndGet();
        activity.incrementAndGet();
        return super.schedule(
                () -> {
                    try {
                        command.run();
                    } finally {
                        activity.incrementAndGet();
                        pending.decrementAndGet();
                    }
                },
                delay,
                unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        pending.incrementAndGet();
        activity.incrementAndGet();
        return super.schedule(
                () -> {
                    try {
                        return callable.call();
                    } finally {
                        activity.incrementAndGet();
                        pending.decrementAndGet();
                    }
                },
                delay,
                unit);
    }
}
