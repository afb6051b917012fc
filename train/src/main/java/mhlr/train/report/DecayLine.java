package mhlr.train.report;

/**
 * A learning-rate decay event.
 *
 * @param step optimizer steps done when the decay was decided (1-based: the schedule's 0-based step + 1)
 * @param number 1 for the run's first decay, 2 for the second, ...
 * @param learningRateBefore the rate until this step
 * @param learningRateAfter the rate from the next step on
 * @param signal the value the decision was made on (NaN when no signal drives it)
 */
public record DecayLine(long step, int number, double learningRateBefore, double learningRateAfter, double signal)
        implements MetricsLine {
}
