package dev.argoconformance.suite.steps;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.hooks.ControllerPlugin;
import dev.argoconformance.reference.hooks.HookFailure;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.plugin.PluginTarget;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The controller plugin under the controller's workflow workers (CTRL-TIME-*): every method called at once, then the
 * busiest method under load for a while, with every call's latency.
 */
public final class ControllerTimingSteps {

    record LoadResult(
            String method,
            long calls,
            List<String> failures,
            List<RecordedCall> failedCalls,
            Histogram latency,
            Duration took) {}

    private final World world;
    private final ControllerCalls controller;
    private final List<RecordedCall> concurrent = Collections.synchronizedList(new ArrayList<>());
    private LoadResult load;

    public ControllerTimingSteps(World world, ControllerCalls controller) {
        this.world = world;
        this.controller = controller;
    }

    @When("the controller's {int} workflow workers call each controller method at once")
    public void theWorkersCallAtOnce(int workers) throws InterruptedException {
        PluginTarget target = controller.target();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (int i = 0; i < workers; i++) {
                pool.execute(() -> {
                    ControllerPlugin own = ControllerPlugin.connect(controller.pluginName(), target.baseUrl(), call -> {
                        world.recorder().onCall(call);
                        concurrent.add(call);
                    });
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (String method : ControllerPlugin.METHODS) {
                        try {
                            own.call(method, ControllerSteps.Examples.first(method), body -> null);
                        } catch (HookFailure ignored) {
                            // judged from the recorded call
                        }
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            pool.awaitTermination(2 * ControllerPlugin.METHODS.size() * 2L + 30, TimeUnit.SECONDS);
            pool.shutdownNow();
        }
        world.note(concurrent.size() + " calls from " + workers + " workers at once");
    }

    // CTRL-TIME-01
    @Then("every one of the controller's calls is answered within {int} second(s)")
    public void everyCallWithin(int seconds) {
        Duration limit = Duration.ofSeconds(seconds);
        List<RecordedCall> late = concurrent.stream()
                .filter(c -> !c.hasResponse() || c.duration().compareTo(limit) >= 0)
                .toList();
        if (!late.isEmpty()) {
            Map<String, Long> why = late.stream()
                    .collect(Collectors.groupingBy(
                            c -> ControllerSteps.method(c) + ": "
                                    + (c.hasResponse()
                                            ? "answered after " + c.duration().toMillis() + " ms"
                                            : ControllerSteps.lateOrLost(c)),
                            LinkedHashMap::new,
                            Collectors.counting()));
            world.fail(
                    "every call answered within " + seconds
                            + " s: the controller gives up then and errors the node or the workflow",
                    late.size() + " of " + concurrent.size() + " late: "
                            + why.entrySet().stream()
                                    .limit(5)
                                    .map(e -> e.getValue() + " × " + e.getKey())
                                    .collect(Collectors.joining("; ")),
                    late.get(0));
        }
    }

    @When("the controller's {int} workflow workers call the plugin's busiest method for {int} seconds")
    public void theWorkersLoadThePlugin(int workers, int seconds) throws InterruptedException {
        PluginTarget target = controller.target();
        // The busiest method Argo keeps calling: one the plugin implements, nodes before workflows.
        List<String> busiestFirst = List.of(
                ControllerPlugin.PRE_EXECUTE,
                ControllerPlugin.POST_EXECUTE,
                ControllerPlugin.ADD_PARAMETERS,
                ControllerPlugin.PRE_OPERATE,
                ControllerPlugin.POST_OPERATE);
        String busiest = null;
        for (String method : busiestFirst) {
            ControllerSteps.Exchange probe =
                    controller.call(controller.plugin(), method, ControllerSteps.Examples.first(method));
            controller.exchanges.add(probe);
            Optional<ControllerSteps.Trouble> t = ControllerSteps.trouble(probe);
            if (t.isPresent()) {
                throw NotChecked.blocked(t.get().requirement(), t.get().what());
            }
            if (probe.answered(200)) {
                busiest = method;
                break;
            }
        }
        if (busiest == null) {
            throw NotChecked.notApplicable(
                    "Not applicable: the plugin implements no method (404 to all five), so Argo calls it"
                            + " once per method and never again.");
        }
        String method = busiest;
        List<byte[]> bodies = ControllerSteps.Examples.of(method);
        List<RecordedCall> failedCalls = Collections.synchronizedList(new ArrayList<>());
        ControllerPlugin shared = ControllerPlugin.connect(controller.pluginName(), target.baseUrl(), call -> {
            if (!call.hasResponse()
                    || call.status() != 200
                    || call.duration().compareTo(ControllerPlugin.TIMEOUT) >= 0) {
                if (failedCalls.size() < 5) {
                    failedCalls.add(call);
                    world.record(call);
                }
            }
        });
        ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(10), 3);
        AtomicLong calls = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < workers; i++) {
            int worker = i;
            pool.execute(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        shared.call(
                                method, bodies.get((worker + n++) % bodies.size()), ControllerCalls.decoder(method));
                    } catch (HookFailure e) {
                        failures.add(e.getMessage());
                    }
                    latency.recordValue(Math.min(TimeUnit.SECONDS.toMicros(10), (System.nanoTime() - t0) / 1000));
                    calls.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        pool.shutdownNow();
        load = new LoadResult(
                method,
                calls.get(),
                List.copyOf(failures),
                List.copyOf(failedCalls),
                latency.copy(),
                Duration.ofNanos(System.nanoTime() - began));
        Histogram h = load.latency();
        world.note(String.format(
                "load on %s: %d calls in %.1f s (%.0f/s), %d failed; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                method,
                load.calls(),
                load.took().toNanos() / 1e9,
                load.calls() / Math.max(0.001, load.took().toNanos() / 1e9),
                failures.size(),
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0));
    }

    // CTRL-LOAD-01
    @Then("every call of the load was answered within {int} second(s)")
    public void everyLoadCallAnswered(int seconds) {
        if (!load.failures().isEmpty()) {
            for (RecordedCall call : load.failedCalls()) {
                Optional<ControllerSteps.Trouble> t = ControllerSteps.trouble(load.method(), call, null);
                if (t.isPresent() && !t.get().requirement().equals("CTRL-TIME-01")) {
                    throw NotChecked.blocked(t.get().requirement(), t.get().what());
                }
            }
            Map<String, Long> why = load.failures().stream()
                    .collect(Collectors.groupingBy(m -> m, LinkedHashMap::new, Collectors.counting()));
            world.fail(
                    "every one of " + load.calls() + " calls answered within " + seconds + " s",
                    load.failures().size() + " failed: "
                            + why.entrySet().stream()
                                    .limit(5)
                                    .map(e -> e.getValue() + " × " + e.getKey())
                                    .collect(Collectors.joining("; ")),
                    load.failedCalls().isEmpty() ? null : load.failedCalls().get(0));
        }
    }

    @Then("the 99th percentile of the load is under {int} milliseconds")
    public void p99Under(int millis) {
        double p99 = load.latency().getValueAtPercentile(99) / 1000.0;
        world.require(
                p99 < millis,
                "p99 under " + millis + " ms with " + ControllerSteps.WORKFLOW_WORKERS + " workers calling",
                () -> String.format(
                        "p99 %.1f ms over %d calls of %s: 500k calls per loop (seed 002) would take %.0f s per worker at that pace",
                        p99, load.calls(), load.method(), 500_000 * p99 / 1000.0 / ControllerSteps.WORKFLOW_WORKERS));
    }
}
