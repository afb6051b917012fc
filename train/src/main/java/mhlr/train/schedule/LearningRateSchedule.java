package mhlr.train.schedule;

import java.util.List;
import java.util.Map;

/**
 * The learning rate of every optimizer step. The trainer asks {@link #learningRate()} before step {@code t}, runs the
 * step, then reports that step's raw loss with {@link #observe(long, double)}; steps are 0-based and reported once
 * each, in order. A schedule that ignores the loss (the fixed shapes) still counts the steps this way.
 *
 * <pre>{@code
 * LearningRateSchedule schedule = Schedules.from(TrainingSettings.read(config), totalSteps);
 * schedule.addListener(decay -> log.info("{}", decay));
 * for (long step = 0; step < totalSteps; step++) {
 *     double loss = optimizer.step(batch, schedule.learningRate());
 *     schedule.observe(step, loss);
 *     metrics.put(schedule.metrics());
 * }
 * checkpoint.put("schedule", schedule.saveState());   // and restoreState(...) on resume
 * }</pre>
 */
public interface LearningRateSchedule {

    /** The short name of the schedule, e.g. {@code mhlr} or {@code polynomial}; also the kind of its state. */
    String name();

    /** The learning rate for the next step, the one after the last observed (step 0 before any observation). */
    double learningRate();

    /**
     * Takes the raw loss of a finished step and moves on to the next one.
     *
     * @param step the 0-based index of the finished step; must be the step after the last one observed
     * @throws IllegalArgumentException if the step is out of order, or if a loss-driven schedule gets a loss that is
     *     not finite (a NaN would silently freeze its smoothed signal)
     */
    void observe(long step, double loss);

    /** Everything needed to continue exactly where this schedule is now; small and JSON-serialisable. */
    ScheduleState saveState();

    /**
     * Continues from a saved state: afterwards this schedule gives the same rates and decisions as the one that saved
     * it. Decays before the save are not replayed to listeners.
     *
     * @throws IllegalArgumentException if the state belongs to another kind of schedule or is incomplete
     */
    void restoreState(ScheduleState state);

    /** The discrete changes of the rate since construction (or restore), oldest first. Continuous shapes have none. */
    List<Decay> decays();

    /** Calls the listener at every discrete change from now on, right after the observation that caused it. */
    void addListener(DecayListener listener);

    /**
     * Per-step values worth logging, by name (e.g. {@code mhlr.signal}, {@code mhlr.count}); empty for schedules that
     * keep none. Read after {@link #observe}; a value not yet defined (the signal before the second step) is absent.
     */
    Map<String, Double> metrics();
}
