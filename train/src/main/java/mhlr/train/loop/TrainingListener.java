package mhlr.train.loop;

/**
 * Told about every optimizer step the {@link TrainingLoop} takes, in the order listeners were given; everything a run
 * does besides stepping (logs, the schedule's decisions, verification, checkpoints, charts) is one of these, as DJL's
 * {@code TrainingListener}. A listener may stop the run by throwing.
 */
public interface TrainingListener {
    /** After step {@code event.step()} (counted from 1). */
    void onStep(StepEvent event);

    /** Once, after the last step (also when a resumed run had no step left). */
    default void onTrainingEnd() {
    }
}
