package mhlr.train.schedule;

/**
 * An MHLR variant: the rate changes when a smoothed signal of the loss (published in {@link #metrics()} as
 * {@value #SIGNAL}) stays under {@link #threshold()} for more than {@link #patience()} consecutive steps.
 */
public interface MhlrSchedule extends LearningRateSchedule {
    /** The metric holding the signal the decisions are made on (defined from the first decision on). */
    String SIGNAL = "mhlr.signal";
    /** The metric holding the current count of consecutive bad steps. */
    String COUNT = "mhlr.count";
    /** The metric holding the number of decisions that changed (or, past the cap, would have changed) the rate. */
    String DECAYS = "mhlr.decays";

    /** The value under which the signal counts a step as bad. */
    double threshold();

    /** The consecutive bad steps tolerated; one more changes the rate. */
    long patience();
}
