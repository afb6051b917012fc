package mhlr.ingest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this process by kind of thread, from Linux's {@code /proc/self/task/TID/stat}: the JIT compiler
 * threads, the garbage collector, Spark's task threads and the rest, which the JVM's own beans cannot split (its
 * compilation time is the compiler threads' elapsed time, stretched whenever they wait for a core). Threads that
 * started and ended between two snapshots are counted only in the process total.
 */
final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Clock ticks per second of {@code /proc} times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private final Map<String, Long> ticksByThread;

    private ThreadCpu(Map<String, Long> ticksByThread) {
        this.ticksByThread = ticksByThread;
    }

    /** Every live thread's user and system ticks by thread id and name, or an empty snapshot off Linux. */
    static ThreadCpu now() {
        Map<String, Long> ticks = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return new ThreadCpu(ticks);
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    ticks.put(task.getFileName() + " " + stat.substring(open + 1, close), used);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while it was read: it is left to the process total
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(ticks);
        }
        return new ThreadCpu(ticks);
    }

    /** CPU seconds since {@code before}, by kind of thread, in a fixed order. */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> seconds = new TreeMap<>();
        ticksByThread.forEach((thread, ticks) -> seconds.merge(kind(thread.substring(thread.indexOf(' ') + 1)),
                (ticks - before.ticksByThread.getOrDefault(thread, 0L)) / TICKS, Double::sum));
        return seconds;
    }

    /** The kinds, as {@code kind s, kind s, ...}. */
    static String describe(Map<String, Double> seconds) {
        return seconds.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String kind(String name) {
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.startsWith("Executor task")) {
            return "tasks";
        }
        return "other";
    }
}
