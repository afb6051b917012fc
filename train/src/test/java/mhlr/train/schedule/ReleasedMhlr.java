package mhlr.train.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * A transcription of the arithmetic of FastFace's fused {@code MHLR} class ({@code lr_scheduler.py}, the scheduler
 * its {@code train.py} runs), kept beside the tests as the reference {@link Mhlr} and {@link MhlrCascaded} must
 * decide like. Deliberately plain: three scalars that all start at 0, the loss of each call, one branch per start-up
 * step, the decision rule, and the list of steps at which the rate was divided.
 */
public final class ReleasedMhlr {
    private final double alpha;
    private final double beta;
    private final double lambda;
    private final long patience;
    private final double delta;
    private final int maxDecays;
    private final List<Long> decaySteps = new ArrayList<>();
    private final List<Double> ratesAfter = new ArrayList<>();
    private double lastLoss;
    private double de1;
    private double de2;
    private long calls;
    private long count;
    private int decays;
    private double rate;

    public ReleasedMhlr(MhlrSettings settings, long totalSteps, double initialRate) {
        this.alpha = settings.alpha();
        this.beta = settings.beta();
        this.lambda = settings.lambda();
        this.patience = (long) Math.floor(settings.tau() * totalSteps);
        this.delta = settings.delta();
        this.maxDecays = settings.maxDecays();
        this.rate = initialRate;
    }

    public void step(double loss) {
        long t = calls++;
        if (t == 0) {
            lastLoss = loss;
            return;
        }
        double de;
        if (t == 1) {
            de = alpha * (lastLoss - loss);
        } else {
            de = (2 - alpha - beta) * de1 - (1 - alpha) * (1 - beta) * de2 + alpha * beta * (lastLoss - loss);
        }
        de2 = de1;
        de1 = de;
        lastLoss = loss;
        if (de < lambda) {
            count += 1;
            if (count > patience) {
                count = 0;
                decays += 1;
                if (decays <= maxDecays) {
                    rate = rate / delta;
                }
                decaySteps.add(t);
                ratesAfter.add(rate);
            }
        } else {
            count = 0;
        }
    }

    /** The steps (0-based call index) at which a decay was decided. */
    public List<Long> decaySteps() {
        return decaySteps;
    }

    /** The rate after each decay. */
    public List<Double> ratesAfter() {
        return ratesAfter;
    }
}
