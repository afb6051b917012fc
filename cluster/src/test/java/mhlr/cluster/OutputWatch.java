package mhlr.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mhlr.core.dataset.ShardSet;

/**
 * Looks at a job's output directory again and again while the job runs, as an impatient reader would: at every look
 * the directory must either not exist or be complete (its manifest verifies, every file whole, SHA-256 checked),
 * and nothing else but hidden staging entries may appear beside it. Counts what it saw, and keeps every violation.
 */
final class OutputWatch implements AutoCloseable {
    private final Path output;
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mhlr-cluster-output-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger absent = new AtomicInteger();
    private final AtomicInteger complete = new AtomicInteger();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private OutputWatch(Path output) {
        this.output = output;
    }

    /** Starts looking at {@code output} every {@code interval}; its parent must exist and hold nothing visible. */
    static OutputWatch start(Path output, Duration interval) {
        OutputWatch watch = new OutputWatch(output);
        List<String> visible = watch.visibleSiblings();
        if (!visible.isEmpty()) {
            throw new IllegalStateException(output.getParent() + " must hold nothing visible before the run: " + visible);
        }
        watch.looker.scheduleWithFixedDelay(watch::look, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Looks in which the output did not exist. */
    int absentLooks() {
        return absent.get();
    }

    /** Looks in which the output existed and verified. */
    int completeLooks() {
        return complete.get();
    }

    /** Waits until a look has found the output complete; fails after {@code timeout}. */
    void awaitCompleteLook(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (complete.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the output " + output + " was not seen complete within " + timeout.toSeconds()
                        + " s; violations: " + violations());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + output, e);
            }
        }
    }

    /** What a reader could have seen that it must not: a partial output or a stray visible entry. */
    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Stops looking (after the look in progress, if any). */
    @Override
    public void close() {
        looker.shutdown();
        try {
            looker.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void look() {
        try {
            for (String sibling : visibleSiblings()) {
                if (!sibling.equals(output.getFileName().toString())) {
                    violations.add("a visible entry beside the output: " + sibling);
                }
            }
            if (!Files.exists(output)) {
                absent.incrementAndGet();
                return;
            }
            ShardSet.open(output.toString()).verify(ShardSet.Check.FULL);
            complete.incrementAndGet();
        } catch (RuntimeException e) {
            violations.add("partial output visible: " + e.getMessage());
        } catch (Throwable e) {
            // recorded, not thrown: a throwing task would silently end the scheduled looks
            violations.add("the watch failed: " + e);
        }
    }

    private List<String> visibleSiblings() {
        try (Stream<Path> entries = Files.list(output.getParent())) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> !name.startsWith(".")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + output.getParent(), e);
        }
    }
}
