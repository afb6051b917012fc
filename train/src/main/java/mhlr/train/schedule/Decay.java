package mhlr.train.schedule;

/**
 * One discrete change of the learning rate, caused by the observation of {@code step}: the rate changes from the
 * step after it on. MHLR's decays past {@code max-decays} are reported too, with {@code rateAfter == rateBefore};
 * the windowed variant's bounce is a change whose rate goes up.
 *
 * @param step the 0-based step whose observed loss triggered the change
 * @param number 1 for the schedule's first change, 2 for the second, ...
 * @param rateBefore the rate until and including {@code step}
 * @param rateAfter the rate from {@code step + 1} on
 * @param signal the value the decision was made on (MHLR's smoothed decrease or Haar response); NaN when the change
 *     is not driven by a signal (multi-step milestones)
 */
public record Decay(long step, int number, double rateBefore, double rateAfter, double signal) {

    /** {@code rateAfter / rateBefore}: 0.5 for a halving, 1 for a decay past the cap, 4 for a v1 bounce. */
    public double factor() {
        return rateAfter / rateBefore;
    }

    /** One line for a log, e.g. {@code decay 1 at step 94290: lr 0.02 -> 0.01 (signal 4.9E-5)}. */
    public String describe() {
        String change = rateAfter == rateBefore ? "lr stays " + rateAfter + " (past the cap)"
                : "lr " + rateBefore + " -> " + rateAfter;
        return "decay " + number + " at step " + step + ": " + change
                + (Double.isNaN(signal) ? "" : " (signal " + signal + ")");
    }
}
