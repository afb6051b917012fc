package mhlr.train.loop;

import mhlr.train.report.LossLog;

/** Appends every step's raw loss to {@code losses.txt}, what {@code bin/mhlr-replay} replays exactly. */
public final class LossRecorder implements TrainingListener {
    private final LossLog losses;

    public LossRecorder(LossLog losses) {
        this.losses = losses;
    }

    @Override
    public void onStep(StepEvent event) {
        losses.append(event.loss());
    }
}
