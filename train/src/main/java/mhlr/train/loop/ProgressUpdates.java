package mhlr.train.loop;

import mhlr.train.report.ProgressLine;

/** Redraws the progress line on stderr at the end of every logging interval. */
public final class ProgressUpdates implements TrainingListener {
    private final ProgressLine progress;
    private final LossInterval interval;
    private final int epochs;

    public ProgressUpdates(ProgressLine progress, LossInterval interval, int epochs) {
        this.progress = progress;
        this.interval = interval;
        this.epochs = epochs;
    }

    @Override
    public void onStep(StepEvent event) {
        interval.closed().ifPresent(closed -> progress.update(event.step(), event.epoch(), epochs,
                closed.lossAverage(), event.learningRate(), closed.imagesPerSecond()));
    }
}
