package mhlr.train.schedule;

/**
 * arcface_torch's default schedule: an optional linear warm-up from 0, then polynomial decay to 0 at the last step.
 * The formula is arcface_torch's ({@code recognition/arcface_torch/lr_scheduler.py}: {@code PolyScheduler}, and its
 * successor {@code PolynomialLRWarmup} in closed form), with {@code w} warm-up steps and {@code T} total steps:
 *
 * <pre>
 *   rate(t) = rate0 * t / w                              for t &lt; w
 *   rate(t) = rate0 * (1 - (min(t, T) - w) / (T - w))^p  otherwise
 * </pre>
 *
 * The two Python classes agree on this formula and differ in the exponent: {@code PolynomialLRWarmup} defaults to
 * {@code p = 1} (linear, what docs/MHLR.md compares against), the older {@code PolyScheduler} hard-codes {@code p = 2}.
 * Their stepping quirks (PyTorch's scheduler bookkeeping shifts the curve by a step) are not copied: step {@code t}
 * here gets {@code rate(t)}. The rate is exactly 0 from step {@code T} on.
 */
public final class PolynomialDecay extends FixedShapeSchedule {
    private final double initialRate;
    private final long totalSteps;
    private final long warmupSteps;
    private final double power;

    public PolynomialDecay(double initialRate, long totalSteps, long warmupSteps, double power) {
        super("polynomial");
        requirePositive("initial rate", initialRate);
        requirePositive("total steps", totalSteps);
        requireWarmup(warmupSteps, totalSteps);
        requirePositive("polynomial power", power);
        this.initialRate = initialRate;
        this.totalSteps = totalSteps;
        this.warmupSteps = warmupSteps;
        this.power = power;
    }

    @Override
    public double rateAt(long step) {
        if (step < warmupSteps) {
            return warmedUp(initialRate, step, warmupSteps);
        }
        double progress = (double) (Math.min(step, totalSteps) - warmupSteps) / (totalSteps - warmupSteps);
        return initialRate * Math.pow(1.0 - progress, power);
    }
}
