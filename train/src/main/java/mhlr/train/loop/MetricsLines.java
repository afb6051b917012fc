package mhlr.train.loop;

import mhlr.train.report.MetricsLog;
import mhlr.train.report.StepLine;
import mhlr.train.schedule.LearningRateSchedule;

/** Writes a {@link StepLine} to {@code metrics.jsonl} at the end of every logging interval. */
public final class MetricsLines implements TrainingListener {
    private final MetricsLog metrics;
    private final LossInterval interval;
    private final LearningRateSchedule schedule;

    public MetricsLines(MetricsLog metrics, LossInterval interval, LearningRateSchedule schedule) {
        this.metrics = metrics;
        this.interval = interval;
        this.schedule = schedule;
    }

    @Override
    public void onStep(StepEvent event) {
        interval.closed().ifPresent(closed -> metrics.write(new StepLine(event.step(), event.epoch(), event.loss(),
                closed.lossAverage(), event.learningRate(), event.result().gradientNorm(), closed.imagesPerSecond(),
                closed.dataWaitFraction(), schedule.metrics())));
    }
}
