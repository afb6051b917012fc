package mhlr.train.schedule;

/** One rate for the whole run, after an optional linear warm-up from 0; the reference for "what did scheduling buy". */
public final class ConstantRate extends FixedShapeSchedule {
    private final double rate;
    private final long warmupSteps;

    public ConstantRate(double rate, long warmupSteps) {
        super("constant");
        requirePositive("rate", rate);
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
        this.rate = rate;
        this.warmupSteps = warmupSteps;
    }

    @Override
    public double rateAt(long step) {
        return warmedUp(rate, step, warmupSteps);
    }
}
