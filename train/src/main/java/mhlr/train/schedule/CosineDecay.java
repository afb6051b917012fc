package mhlr.train.schedule;

/**
 * Half a cosine from the initial rate down to 0 at the last step, after an optional linear warm-up from 0:
 * {@code rate(t) = rate0 * (1 + cos(pi * (min(t, T) - w) / (T - w))) / 2} for {@code t >= w}.
 */
public final class CosineDecay extends FixedShapeSchedule {
    private final double initialRate;
    private final long totalSteps;
    private final long warmupSteps;

    public CosineDecay(double initialRate, long totalSteps, long warmupSteps) {
        super("cosine");
        requirePositive("initial rate", initialRate);
        requirePositive("total steps", totalSteps);
        requireWarmup(warmupSteps, totalSteps);
        this.initialRate = initialRate;
        this.totalSteps = totalSteps;
        this.warmupSteps = warmupSteps;
    }

    @Override
    public double rateAt(long step) {
        if (step < warmupSteps) {
            return warmedUp(initialRate, step, warmupSteps);
        }
        double progress = (double) (Math.min(step, totalSteps) - warmupSteps) / (totalSteps - warmupSteps);
        return initialRate * 0.5 * (1.0 + Math.cos(Math.PI * progress));
    }
}
