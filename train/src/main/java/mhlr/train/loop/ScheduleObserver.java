package mhlr.train.loop;

import mhlr.train.schedule.LearningRateSchedule;

/** Reports each step's loss to the learning-rate schedule, which decides the next rate (and MHLR its decays). */
public final class ScheduleObserver implements TrainingListener {
    private final LearningRateSchedule schedule;

    public ScheduleObserver(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onStep(StepEvent event) {
        schedule.observe(event.step() - 1, event.loss());
    }
}
