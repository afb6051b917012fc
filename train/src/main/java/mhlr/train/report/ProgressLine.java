package mhlr.train.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress line on stderr: a bar, the step, epoch, loss, learning rate, speed and the time left, estimated from
 * the speed since this process started (so a resumed run's estimate is not skewed by the steps it skipped). On a
 * terminal the line is redrawn in place; in a log file each update is its own line.
 */
public final class ProgressLine {
    private static final int BAR = 24;

    private final PrintStream out;
    private final long totalSteps;
    private final long firstStep;
    private final boolean terminal;
    private final long started = System.nanoTime();

    /**
     * @param firstStep the step this process started at (0, or a checkpoint's step)
     * @param terminal whether to redraw in place (true when stderr is a console)
     */
    public ProgressLine(PrintStream out, long totalSteps, long firstStep, boolean terminal) {
        this.out = out;
        this.totalSteps = totalSteps;
        this.firstStep = firstStep;
        this.terminal = terminal;
    }

    /** Shows the state after {@code step} steps. */
    public void update(long step, int epoch, int epochs, double loss, double learningRate, double imagesPerSecond) {
        String text = format(step, epoch, epochs, loss, learningRate, imagesPerSecond,
                eta(step, System.nanoTime() - started));
        if (terminal) {
            out.print("\r" + text);
            if (step == totalSteps) {
                out.println();
            }
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Prints a message on its own line (closing a redrawn progress line first). */
    public void message(String text) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(text);
        out.flush();
    }

    /** The remaining time at the speed since {@code firstStep}, or empty before the first measured step. */
    Duration eta(long step, long elapsedNanos) {
        long done = step - firstStep;
        if (done <= 0) {
            return null;
        }
        return Duration.ofNanos((long) ((double) elapsedNanos / done * (totalSteps - step)));
    }

    String format(long step, int epoch, int epochs, double loss, double learningRate, double imagesPerSecond,
                  Duration eta) {
        double fraction = totalSteps == 0 ? 1 : (double) step / totalSteps;
        int filled = (int) Math.round(fraction * BAR);
        return String.format(Locale.ROOT, "[%s%s] %5.1f%% step %d/%d epoch %d/%d loss %.4f lr %.6g %.1f img/s ETA %s",
                "#".repeat(filled), ".".repeat(BAR - filled), 100 * fraction, step, totalSteps, epoch + 1, epochs,
                loss, learningRate, imagesPerSecond, eta == null ? "--" : duration(eta));
    }

    /** {@code 1d 02:03:04}, {@code 02:03:04}. */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        long days = seconds / 86_400;
        String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60,
                seconds % 60);
        return days > 0 ? days + "d " + clock : clock;
    }
}
