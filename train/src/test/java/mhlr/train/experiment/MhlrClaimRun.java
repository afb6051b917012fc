package mhlr.train.experiment;

import java.util.List;
import mhlr.train.schedule.Decay;

/**
 * What one training run of the experiment produced.
 *
 * @param name the run's label in the table and the charts
 * @param schedule the schedule as the table describes it
 * @param epochs passes over the training set
 * @param steps optimizer steps (T)
 * @param batchSize images per step
 * @param trainSeconds wall time of the training itself (model build to exported model)
 * @param scoreSeconds wall time of scoring the pairs
 * @param losses the raw loss of every step
 * @param rates the learning rate every step used
 * @param decays the schedule's decays that changed the rate (step 0-based: the loss whose observation caused it)
 * @param accuracy mean ten-fold accuracy on the scored pairs
 * @param accuracyStd population standard deviation of the ten fold accuracies
 */
record MhlrClaimRun(String name, String schedule, int epochs, long steps, int batchSize, double trainSeconds,
                    double scoreSeconds, double[] losses, double[] rates, List<Decay> decays, double accuracy,
                    double accuracyStd) {

    /** Share of the last steps whose mean loss the table reports. */
    static final double FINAL_SHARE = 0.05;

    /** Mean raw loss over the last {@value #FINAL_SHARE} of the steps (at least one step). */
    double finalLoss() {
        int count = (int) Math.max(1, Math.ceil(FINAL_SHARE * losses.length));
        double sum = 0;
        for (int i = losses.length - count; i < losses.length; i++) {
            sum += losses[i];
        }
        return sum / count;
    }

    /** Training images per second of wall time. */
    double imagesPerSecond() {
        return steps * (double) batchSize / trainSeconds;
    }
}
