package mhlr.spark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Progress of a Spark job, printed on the driver every few seconds: records done, records per second and the
 * time left, e.g. {@code ingest: 12,345 of 20,000 images (61.7 %), 812 images/s, ETA 0:00:09}. Executors
 * count with {@link #counter()} ({@code counter.add(1)} per record); the driver follows the count through a
 * {@link TaskAccumulatorListener}, so it moves while tasks are still running.
 *
 * <pre>{@code
 * try (DriverProgress progress = DriverProgress.start(spark.sparkContext(), "ingest", "images", Duration.ofSeconds(5), System.err)) {
 *     LongAccumulator counter = progress.counter();
 *     progress.expect(total);
 *     rdd.map(r -> { counter.add(1); return work(r); })...;
 * }
 * }</pre>
 */
public final class DriverProgress implements AutoCloseable {
    private final SparkContext context;
    private final String label;
    private final String unit;
    private final PrintStream out;
    private final LongAccumulator counter;
    private final TaskAccumulatorListener listener;
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private volatile long expected;
    private volatile boolean estimated;

    private DriverProgress(SparkContext context, String label, String unit, PrintStream out) {
        this.context = context;
        this.label = label;
        this.unit = unit;
        this.out = out;
        this.counter = context.longAccumulator(label + "." + unit);
        this.listener = new TaskAccumulatorListener(counter.id());
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mhlr-progress-" + label);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts reporting.
     *
     * @param label the job's name at the start of every line
     * @param unit what is counted, plural (e.g. {@code images})
     * @param interval time between lines
     */
    public static DriverProgress start(SparkContext context, String label, String unit, Duration interval,
            PrintStream out) {
        DriverProgress progress = new DriverProgress(context, label, unit, out);
        context.addSparkListener(progress.listener);
        long millis = Math.max(1, interval.toMillis());
        progress.timer.scheduleAtFixedRate(progress::report, millis, millis, TimeUnit.MILLISECONDS);
        return progress;
    }

    /** The accumulator executors add one to per record (a named accumulator, so task ends carry it). */
    public LongAccumulator counter() {
        return counter;
    }

    /** Sets how many records the job will count, once known, for the percentage and ETA (0 = unknown). */
    public void expect(long total) {
        this.expected = total;
        this.estimated = false;
    }

    /**
     * Sets an estimate of the records to count (from a sample of the input), shown as "of about"; once the count
     * passes it, the line shows the count and the elapsed time only.
     */
    public void expectAbout(long estimate) {
        this.expected = estimate;
        this.estimated = true;
    }

    /** Records counted so far, including running tasks' last heartbeat. */
    public long done() {
        return listener.value();
    }

    /** Prints the current line now. */
    public void report() {
        out.println(line(done(), System.nanoTime() - startNanos));
    }

    /** Stops the timer and the listener and prints a last line. */
    @Override
    public void close() {
        timer.shutdownNow();
        context.removeSparkListener(listener);
        report();
    }

    String line(long done, long elapsedNanos) {
        double seconds = Math.max(1e-9, elapsedNanos / 1e9);
        double rate = done / seconds;
        StringBuilder text = new StringBuilder(label).append(": ").append(String.format(Locale.ROOT, "%,d", done));
        boolean about = estimated;
        long total = about && done >= expected ? 0 : expected;
        if (total > 0) {
            text.append(String.format(Locale.ROOT, " of %s%,d %s (%.1f %%)", about ? "about " : "", total, unit,
                    100.0 * done / total));
        } else {
            text.append(' ').append(unit);
        }
        text.append(String.format(Locale.ROOT, ", %,.0f %s/s", rate, unit));
        if (total > 0 && done > 0 && done < total) {
            text.append(", ETA ").append(clock(Math.round((total - done) / rate)));
        } else {
            text.append(", elapsed ").append(clock(Math.round(seconds)));
        }
        return text.toString();
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
