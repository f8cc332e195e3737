package dev.argoconformance.reference.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.argoconformance.reference.client.CallListener;
import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.executor.Agent;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.executor.TaskOutcome;
import dev.argoconformance.reference.protocol.ExecuteTemplateArgs;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.NodePhase;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.HdrHistogram.Histogram;

/**
 * The reference agent over N plugin nodes against the benchmark's plugins ({@link BenchPlugin}), as
 * the seed's "100k nodes × 5 plugins = 500k network calls per loop" describes. Not a unit test: a
 * {@code main} that prints figures, started by {@code reference-controller/bench/run-benchmark.sh}.
 *
 * <p>What runs is the production path: the real {@link Agent} with its default 16 workers, one real
 * {@link PluginClient} per plugin (OkHttp, Argo's headers, 30 s timeout, backoff) wrapped in
 * {@link ExecutorPlugin}, real HTTP on loopback. Each node is a distinct template
 * {@code plugin: {hello: {}}} with its own input parameter; only the last plugin accepts it, so each
 * node costs one call per plugin. All N tasks are submitted at once, as a WorkflowTaskSet hands the
 * agent its whole task list; the clock runs from the first submit to the N-th result.
 *
 * <p>Before measuring, a warm-up pass (its own agent and clients, same plugins) lets the JIT settle.
 * Each attempt's duration, as the client itself times it, is recorded through the
 * {@link CallListener} into a per-thread HdrHistogram (no locks, no allocation on the hot path but
 * the RecordedCall the client builds for any listener); {@code --no-latency} uses
 * {@link CallListener#NONE} instead, to show what the listener costs.
 */
public final class AgentBenchmark {

    static final WorkflowMetadata WORKFLOW =
            new WorkflowMetadata("bench-wf", "argo", "6f1c2d4e-0000-4000-8000-bench0000001");

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.dumpRequest != null) {
            // The exact bytes the agent sends for the last node; the script gives them to wrk.
            Files.write(o.dumpRequest, new ExecuteTemplateArgs(WORKFLOW, template(o.nodes - 1)).toJson());
            return;
        }
        List<String[]> plugins = readPlugins(o.pluginsFile);
        String token = Files.readString(o.tokenFile).strip();
        int calls = o.nodes * plugins.size();

        System.out.printf(
                Locale.ROOT,
                "== reference agent, round %s: %d nodes x %d plugins = %d calls, %d workers ==%n",
                o.round,
                o.nodes,
                plugins.size(),
                calls,
                Agent.DEFAULT_WORKERS);
        System.out.printf(
                Locale.ROOT,
                "   JVM %s, %d CPUs, max heap %s%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                mib(Runtime.getRuntime().maxMemory()));

        if (o.warmup > 0) {
            Pass warm = run("warmup-", templates(o.warmup), plugins, token, o.latency);
            System.out.printf(
                    Locale.ROOT,
                    "   warm-up         %d nodes (%d calls) in %.2f s, %.0f calls/s%n",
                    o.warmup,
                    warm.calls,
                    warm.seconds,
                    warm.calls / warm.seconds);
        }
        System.gc();

        HeapWatch heap = new HeapWatch();
        heap.start();
        // Built before the clocks start and alive throughout, as a WorkflowTaskSet holds every task.
        List<ObjectNode> templates = templates(o.nodes);
        long cpu0 = processCpuNanos();
        long gcCount0 = gcCount();
        long gcMillis0 = gcMillis();
        long busy0 = ProcStat.machineBusyTicks();
        long[] self0 = ProcStat.processTicks("self");
        long server0 = o.serverPid == null ? 0 : ProcStat.total(ProcStat.processTicks(o.serverPid));
        Pass pass = run(WORKFLOW.name() + "-", templates, plugins, token, o.latency);
        long busy = ProcStat.machineBusyTicks() - busy0;
        long[] self1 = ProcStat.processTicks("self");
        long server = o.serverPid == null ? 0 : ProcStat.total(ProcStat.processTicks(o.serverPid)) - server0;
        long cpu = processCpuNanos() - cpu0;
        long gcs = gcCount() - gcCount0;
        long gcMillis = gcMillis() - gcMillis0;
        heap.stop();
        double userShare = share(self1[0] - self0[0], ProcStat.total(self1) - ProcStat.total(self0));
        double others = (busy - (ProcStat.total(self1) - ProcStat.total(self0)) - server)
                / ProcStat.TICKS_PER_SECOND
                / pass.seconds;

        Histogram h = pass.latency;
        double rps = pass.calls / pass.seconds;
        System.out.printf(
                Locale.ROOT,
                "   calls           %d (failed nodes: %d, non-200 attempts: %d)%n",
                pass.calls,
                pass.failedNodes,
                pass.badAttempts);
        if (pass.firstFailure != null) {
            System.out.println("   first failure   " + pass.firstFailure);
        }
        System.out.printf(Locale.ROOT, "   wall time       %.2f s%n", pass.seconds);
        System.out.printf(Locale.ROOT, "   calls/s         %.0f%n", rps);
        if (h.getTotalCount() > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "   call latency    p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (%d attempts, HdrHistogram via CallListener)%n",
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)),
                    ms(h.getMaxValue()),
                    h.getTotalCount());
        } else {
            System.out.println("   call latency    not recorded (--no-latency)");
        }
        System.out.printf(
                Locale.ROOT,
                "   peak heap       %s used (sampled every 10 ms), %s after GC; peak committed %s%n",
                mib(heap.peakUsed.get()),
                mib(heap.peakAfterGc.get()),
                mib(heap.peakCommitted.get()));
        System.out.printf(
                Locale.ROOT,
                "   client CPU      %.2f s = %.1f us/call (%.0f%% user, %.0f%% kernel; %.2f cores busy); GC %d collections, %d ms%n",
                cpu / 1e9,
                cpu / 1e3 / pass.calls,
                100 * userShare,
                100 - 100 * userShare,
                cpu / 1e9 / pass.seconds,
                gcs,
                gcMillis);
        System.out.printf(
                Locale.ROOT,
                "   context switch  %.2f per call in the client (all its threads)%n",
                (double) pass.contextSwitches / pass.calls);
        if (o.serverPid != null) {
            System.out.printf(
                    Locale.ROOT,
                    "   plugin server   %.1f us CPU/call (%.2f cores busy)%n",
                    server / ProcStat.TICKS_PER_SECOND * 1e6 / pass.calls,
                    server / ProcStat.TICKS_PER_SECOND / pass.seconds);
            System.out.printf(
                    Locale.ROOT,
                    "   other processes %.2f cores busy during the round (machine: %.2f of %d cores busy)%n",
                    Math.max(0, others),
                    busy / ProcStat.TICKS_PER_SECOND / pass.seconds,
                    Runtime.getRuntime().availableProcessors());
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT side=reference round=%s calls=%d seconds=%.3f rps=%.1f p50_us=%.0f p99_us=%.0f peak_heap_mib=%.0f live_heap_mib=%.0f cpu_us_per_call=%.1f server_us_per_call=%.1f switches_per_call=%.2f others_cores=%.2f failed=%d%n",
                o.round,
                pass.calls,
                pass.seconds,
                rps,
                h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3,
                heap.peakUsed.get() / 1048576.0,
                heap.peakAfterGc.get() / 1048576.0,
                cpu / 1e3 / pass.calls,
                server / ProcStat.TICKS_PER_SECOND * 1e6 / pass.calls,
                (double) pass.contextSwitches / pass.calls,
                Math.max(0, others),
                pass.failedNodes + pass.badAttempts);
    }

    /** One agent, fresh clients, N nodes submitted at once; returns when every node has a result. */
    private static Pass run(
            String idPrefix, List<ObjectNode> templates, List<String[]> plugins, String token, boolean latency)
            throws InterruptedException {
        int nodes = templates.size();
        LatencyRecorder recorder = new LatencyRecorder();
        List<ExecutorPlugin> executors = new ArrayList<>();
        for (String[] p : plugins) {
            executors.add(new ExecutorPlugin(PluginClient.builder(p[0], URI.create(p[1]), token)
                    .listener(latency ? recorder : CallListener.NONE)
                    .build()));
        }
        String acceptor = plugins.getLast()[0];
        int declines = plugins.size() - 1;
        CountDownLatch done = new CountDownLatch(nodes);
        LongAdder failed = new LongAdder();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        try (Agent agent = Agent.builder(WORKFLOW)
                .plugins(executors)
                .onResult((nodeId, outcome) -> {
                    if (!succeeded(outcome, acceptor, declines)) {
                        failed.increment();
                        firstFailure.compareAndSet(null, nodeId + ": " + outcome);
                    }
                    done.countDown();
                })
                .build()) {
            var switches0 = ProcStat.contextSwitchesByThread(); // the workers exist from build() on
            long start = System.nanoTime();
            for (int i = 0; i < nodes; i++) {
                agent.submit(idPrefix + i, templates.get(i));
            }
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException(
                        "the agent did not finish within 30 minutes: " + done.getCount() + " nodes without a result");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long switches = ProcStat.contextSwitchesSince(switches0); // before close() ends the workers
            return new Pass(
                    (long) nodes * plugins.size(),
                    seconds,
                    recorder.merged(),
                    failed.sum(),
                    recorder.badAttempts.sum(),
                    firstFailure.get(),
                    switches);
        }
    }

    private static boolean succeeded(TaskOutcome outcome, String acceptor, int declines) {
        return outcome.result().hasPhase(NodePhase.SUCCEEDED)
                && acceptor.equals(outcome.acceptedBy())
                && outcome.declinedBy().size() == declines;
    }

    static List<ObjectNode> templates(int nodes) {
        List<ObjectNode> templates = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            templates.add(template(i));
        }
        return templates;
    }

    /** A node's template: the same plugin template, with the node's own input, as a loop over items makes. */
    static ObjectNode template(int i) {
        ObjectNode t = Json.object();
        t.put("name", "hello");
        ObjectNode parameter = t.putObject("inputs").putArray("parameters").addObject();
        parameter.put("name", "item");
        parameter.put("value", String.valueOf(i));
        t.putObject("plugin").putObject(BenchPlugin.HELLO);
        return t;
    }

    private record Pass(
            long calls,
            double seconds,
            Histogram latency,
            long failedNodes,
            long badAttempts,
            String firstFailure,
            long contextSwitches) {}

    /** Attempt durations in nanoseconds, one histogram per worker thread, merged after the pass. */
    private static final class LatencyRecorder implements CallListener {
        private final List<Histogram> all = new CopyOnWriteArrayList<>();
        private final ThreadLocal<Histogram> mine = ThreadLocal.withInitial(() -> {
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            all.add(h);
            return h;
        });
        final LongAdder badAttempts = new LongAdder();

        @Override
        public void onCall(RecordedCall call) {
            mine.get().recordValue(Math.min(call.duration().toNanos(), TimeUnit.SECONDS.toNanos(60)));
            if (call.status() != 200 || call.error() != null) {
                badAttempts.increment();
            }
        }

        Histogram merged() {
            Histogram out = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            all.forEach(out::add);
            return out;
        }
    }

    /**
     * Peak heap two ways: heap used sampled every 10 ms (garbage included, so it follows the young
     * generation's size) and the largest heap left after any collection (the live set, which is what
     * grows with the number of nodes).
     */
    private static final class HeapWatch {
        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakCommitted = new AtomicLong();
        final AtomicLong peakAfterGc = new AtomicLong();
        private volatile boolean running;
        private Thread sampler;
        private final List<Runnable> unsubscribe = new ArrayList<>();

        void start() {
            MEMORY.gc();
            sample();
            peakAfterGc.set(MEMORY.getHeapMemoryUsage().getUsed());
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    javax.management.NotificationListener l = (n, handback) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                            long after = 0;
                            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                                MemoryUsage u =
                                        info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                                if (pool.getType() == MemoryType.HEAP && u != null) {
                                    after += u.getUsed();
                                }
                            }
                            peakAfterGc.accumulateAndGet(after, Math::max);
                        }
                    };
                    emitter.addNotificationListener(l, null, null);
                    unsubscribe.add(() -> {
                        try {
                            emitter.removeNotificationListener(l);
                        } catch (javax.management.ListenerNotFoundException ignored) {
                            // already gone
                        }
                    });
                }
            }
            running = true;
            sampler = new Thread(
                    () -> {
                        while (running) {
                            sample();
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
            sample();
            unsubscribe.forEach(Runnable::run);
        }

        private void sample() {
            MemoryUsage u = MEMORY.getHeapMemoryUsage();
            peakUsed.accumulateAndGet(u.getUsed(), Math::max);
            peakCommitted.accumulateAndGet(u.getCommitted(), Math::max);
        }
    }

    private static List<String[]> readPlugins(Path file) throws java.io.IOException {
        List<String[]> plugins = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].equals("PLUGIN")) {
                plugins.add(new String[] {f[1], f[2]});
            }
        }
        if (plugins.isEmpty()) {
            throw new IllegalArgumentException(file + " lists no plugin (lines 'PLUGIN <name> <url>')");
        }
        return plugins;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    private static final class Options {
        int nodes = 100_000;
        int warmup = -1;
        String round = "1";
        boolean latency = true;
        Path pluginsFile;
        Path tokenFile;
        Path dumpRequest;
        String serverPid;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--nodes" -> o.nodes = Integer.parseInt(args[++i]);
                    case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
                    case "--round" -> o.round = args[++i];
                    case "--plugins-file" -> o.pluginsFile = Path.of(args[++i]);
                    case "--token-file" -> o.tokenFile = Path.of(args[++i]);
                    case "--dump-request" -> o.dumpRequest = Path.of(args[++i]);
                    case "--no-latency" -> o.latency = false;
                    case "--server-pid" -> o.serverPid = args[++i];
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i] + "; usage: AgentBenchmark"
                                + " --nodes N --plugins-file FILE --token-file FILE [--warmup N] [--round LABEL] [--server-pid PID] [--no-latency]"
                                + " | --nodes N --dump-request FILE");
                }
            }
            if (o.nodes < 1) {
                throw new IllegalArgumentException("--nodes must be at least 1");
            }
            if (o.warmup < 0) {
                o.warmup = 60_000; // 300k calls at 5 plugins; 20k nodes left the JIT visibly unsettled
            }
            if (o.dumpRequest == null && (o.pluginsFile == null || o.tokenFile == null)) {
                throw new IllegalArgumentException("--plugins-file and --token-file are required");
            }
            return o;
        }
    }
}
