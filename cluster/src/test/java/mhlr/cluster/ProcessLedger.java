package mhlr.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every process a test started, and every process those started in turn, so that all of them can be stopped by
 * their own PID and checked afterwards. Descendants are looked up every {@value #WATCH_MILLIS} ms while their parent
 * lives: a Spark worker's executor JVM is re-parented once the worker dies, and is no longer its descendant then.
 * Nothing is ever stopped by name; a handle carries its process's start time, so a reused PID is never hit.
 */
final class ProcessLedger implements AutoCloseable {
    private static final long WATCH_MILLIS = 200;

    private final List<ProcessHandle> started = new CopyOnWriteArrayList<>();
    private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mhlr-cluster-process-ledger");
        thread.setDaemon(true);
        return thread;
    });

    ProcessLedger() {
        watcher.scheduleWithFixedDelay(this::recordDescendants, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts a process and records it. */
    Process start(ProcessBuilder builder) {
        try {
            Process process = builder.start();
            record(process.toHandle());
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", builder.command()), e);
        }
    }

    /** Records a process this ledger did not start itself, so it is stopped and checked like the others. */
    void record(ProcessHandle handle) {
        started.add(handle);
        seen.putIfAbsent(handle.pid(), handle);
    }

    /** Looks up the current descendants of every recorded process that still runs. */
    void recordDescendants() {
        for (ProcessHandle handle : List.copyOf(seen.values())) {
            if (handle.isAlive()) {
                handle.descendants().forEach(child -> seen.putIfAbsent(child.pid(), child));
            }
        }
    }

    /** The running descendants of one process, recorded as well. */
    List<ProcessHandle> descendantsOf(ProcessHandle parent) {
        List<ProcessHandle> children = parent.descendants().filter(ProcessLedger::isRunning).toList();
        children.forEach(child -> seen.putIfAbsent(child.pid(), child));
        return children;
    }

    /** Every process recorded so far, started or descended. */
    List<ProcessHandle> all() {
        return List.copyOf(seen.values());
    }

    /**
     * Stops everything: SIGTERM to the processes this ledger started (newest first), then, after at most
     * {@code grace}, SIGKILL to whatever still runs, descendants included.
     */
    void stopAll(Duration grace) {
        recordDescendants();
        List<ProcessHandle> newestFirst = new ArrayList<>(started);
        Collections.reverse(newestFirst);
        newestFirst.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && !survivors().isEmpty()) {
            recordDescendants();
            pause(100);
        }
        recordDescendants();
        for (ProcessHandle handle : survivors()) {
            handle.destroyForcibly();
        }
        long killDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < killDeadline && !survivors().isEmpty()) {
            pause(50);
        }
    }

    /** Recorded processes that still run (a zombie waiting for its parent to reap it has ended and is not one). */
    List<ProcessHandle> survivors() {
        return seen.values().stream().filter(ProcessLedger::isRunning).toList();
    }

    /** Stops everything and the watcher. */
    @Override
    public void close() {
        try {
            stopAll(Duration.ofSeconds(10));
        } finally {
            watcher.shutdownNow();
        }
    }

    /** A short description of a process for messages: PID and command line. */
    static String describe(ProcessHandle handle) {
        return handle.pid() + " " + handle.info().commandLine().orElse("?");
    }

    /** True while the process runs: alive and not a zombie. */
    static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(handle.pid()), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.UTF_8);
            // pid (comm) state ...: comm may hold spaces and parentheses, so the state follows the last ')'.
            String afterName = text.substring(text.lastIndexOf(')') + 1).strip();
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (IOException e) {
            return handle.isAlive();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
