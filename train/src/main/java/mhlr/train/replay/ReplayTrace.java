package mhlr.train.replay;

import java.util.Map;
import mhlr.train.schedule.MhlrSchedule;

/**
 * What a replay saw at every step: the loss, the schedule's signal after observing it (NaN while undefined) and the
 * rate the step ran with.
 */
final class ReplayTrace {
    private final double[] losses;
    private final double[] signals;
    private final double[] rates;

    ReplayTrace(double[] losses) {
        this.losses = losses;
        this.signals = new double[losses.length];
        this.rates = new double[losses.length];
    }

    void record(int step, double rate, Map<String, Double> metrics) {
        rates[step] = rate;
        signals[step] = metrics.getOrDefault(MhlrSchedule.SIGNAL, Double.NaN);
    }

    int steps() {
        return losses.length;
    }

    double loss(int step) {
        return losses[step];
    }

    double signal(int step) {
        return signals[step];
    }

    double rate(int step) {
        return rates[step];
    }
}
