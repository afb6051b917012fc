package mhlr.train.loop;

import java.util.Optional;

/**
 * The logging interval ({@code train.log-every-steps}): adds up the losses since the last step line and, at every
 * interval's last step (and the run's last), closes it into its mean loss, speed and data-wait share, which
 * {@link MetricsLines} and {@link ProgressUpdates} report. Its running sums are part of a checkpoint, so a resumed run
 * logs the same means.
 */
public final class LossInterval implements TrainingListener {
    private final long everySteps;
    private final long totalSteps;
    private final int batchSize;
    private final BatchWait wait;
    private double lossSum;
    private long steps;
    private long started = System.nanoTime();
    private Closed closed;

    /**
     * What the interval that ended at the last step measured.
     *
     * @param lossAverage mean loss over its steps
     * @param imagesPerSecond images trained per second of wall time
     * @param dataWaitFraction share of the time spent waiting for a batch
     */
    public record Closed(double lossAverage, double imagesPerSecond, double dataWaitFraction) {
    }

    public LossInterval(long everySteps, long totalSteps, int batchSize, BatchWait wait) {
        this.everySteps = everySteps;
        this.totalSteps = totalSteps;
        this.batchSize = batchSize;
        this.wait = wait;
    }

    /** Continues an interval a checkpoint saved. */
    public void restore(double savedLossSum, long savedSteps) {
        lossSum = savedLossSum;
        steps = savedSteps;
    }

    @Override
    public void onStep(StepEvent event) {
        lossSum += event.loss();
        steps++;
        closed = null;
        if (event.step() % everySteps == 0 || event.step() == totalSteps) {
            long now = System.nanoTime();
            double seconds = (now - started) / 1e9;
            closed = new Closed(lossSum / steps, steps * batchSize / Math.max(seconds, 1e-9),
                    wait.takeSeconds() / seconds);
            lossSum = 0;
            steps = 0;
            started = now;
        }
    }

    /** The interval the last step closed, or empty when it did not close one. */
    public Optional<Closed> closed() {
        return Optional.ofNullable(closed);
    }

    /** Sum of the losses since the last closed interval. */
    public double lossSum() {
        return lossSum;
    }

    /** Steps since the last closed interval. */
    public long steps() {
        return steps;
    }
}
