package dev.argoconformance.reference.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux's {@code /proc}, in clock ticks (USER_HZ, 100 a second), so the benchmark
 * can say how busy the whole machine was while it measured, and how much of that was someone
 * else. Everything reads 0 where {@code /proc} is missing.
 */
final class ProcStat {

    static final double TICKS_PER_SECOND = 100;

    private ProcStat() {}

    /** Ticks every CPU spent busy (user, nice, system, irq, softirq, steal) since boot. */
    static long machineBusyTicks() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long busy = 0;
                    for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system [idle iowait] irq softirq steal
                        busy += Long.parseLong(f[i]);
                    }
                    return busy;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    /** {user, system} ticks of a process, "self" for this one. */
    static long[] processTicks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 14 and 15 of stat
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Context switches (voluntary + involuntary) of each thread of this process, by thread id. */
    static java.util.Map<String, Long> contextSwitchesByThread() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    long n = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")
                                || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            n += Long.parseLong(
                                    line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    out.put(task.getFileName().toString(), n);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return out;
    }

    /** Switches since {@code before}, over the threads alive now (threads that ended in between are not counted). */
    static long contextSwitchesSince(java.util.Map<String, Long> before) {
        long n = 0;
        for (var e : contextSwitchesByThread().entrySet()) {
            n += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return n;
    }

    static long total(long[] ticks) {
        return ticks[0] + ticks[1];
    }
}
