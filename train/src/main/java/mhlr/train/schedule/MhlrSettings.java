package mhlr.train.schedule;

/**
 * The hyper-parameters of the EMA-Haar MHLR ({@link Mhlr}, {@link MhlrCascaded}), as in docs/MHLR.md section 1.
 *
 * <h2>Absolute and relative parametrisation</h2>
 * The paper's values are absolute: EMA rates per step and a threshold in loss units per step, tuned on runs of about
 * {@value #PAPER_TOTAL_STEPS} steps (MS1MV3: floor(5,179,510 / 128) * 5 epochs). A run {@code k} times shorter whose
 * loss curve has the same shape falls {@code k} times faster per step and needs EMA horizons {@code k} times shorter,
 * so {@link #relativeTo(long, long)} scales {@code alpha}, {@code beta} and {@code lambda} by
 * {@code referenceSteps / totalSteps}: horizons stay the same fraction of the run ({@code 1/alpha = totalSteps /
 * (alpha0 * referenceSteps)}) and the threshold stays the same fraction of the run's total decrease per run length.
 * At {@code totalSteps == referenceSteps} the factor is exactly 1.0 and the paper's values come out unchanged.
 * The patience is relative in both forms ({@code tau} is a fraction of all steps).
 *
 * @param alpha EMA rate of the loss, in (0, 1]
 * @param beta EMA rate of the Haar response, in (0, 1]
 * @param lambda threshold on the smoothed decrease {@code DE_t}, loss units per step
 * @param tau patience as a fraction of all training steps, in [0, 1]
 * @param delta divisor applied to the rate at each decay, at least 1
 * @param maxDecays decays past this many leave the rate unchanged
 */
public record MhlrSettings(double alpha, double beta, double lambda, double tau, double delta, int maxDecays) {

    /** T of the logged MS1MV3 / R100 run the paper's defaults come from. */
    public static final long PAPER_TOTAL_STEPS = 202_320;

    public MhlrSettings {
        requireRate("alpha", alpha);
        requireRate("beta", beta);
        if (!Double.isFinite(lambda)) {
            throw new IllegalArgumentException("mhlr lambda must be a finite number, got " + lambda);
        }
        if (!(tau >= 0 && tau <= 1)) {
            throw new IllegalArgumentException("mhlr tau must be in [0, 1], got " + tau);
        }
        if (!(delta >= 1) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("mhlr delta must be a finite number >= 1, got " + delta);
        }
        if (maxDecays < 0) {
            throw new IllegalArgumentException("mhlr max-decays must be >= 0, got " + maxDecays);
        }
    }

    /** The defaults of docs/MHLR.md (FastFace's released code). */
    public static MhlrSettings paper() {
        return new MhlrSettings(0.001, 0.001, 5e-5, 0.05, 2, 8);
    }

    /** {@code floor(tau * totalSteps)}: the consecutive bad steps tolerated; one more decays. */
    public long patience(long totalSteps) {
        return (long) Math.floor(tau * totalSteps);
    }

    /**
     * These settings read as values at {@code referenceSteps}, scaled to a run of {@code totalSteps} (see the class
     * comment).
     *
     * @throws IllegalArgumentException if the run is so short that a scaled EMA rate exceeds 1
     */
    public MhlrSettings relativeTo(long totalSteps, long referenceSteps) {
        if (totalSteps <= 0 || referenceSteps <= 0) {
            throw new IllegalArgumentException("total and reference steps must be > 0, got " + totalSteps + " and "
                    + referenceSteps);
        }
        double scale = (double) referenceSteps / totalSteps;
        double scaledAlpha = alpha * scale;
        double scaledBeta = beta * scale;
        if (scaledAlpha > 1 || scaledBeta > 1) {
            throw new IllegalArgumentException("relative mhlr parametrisation: a run of " + totalSteps
                    + " steps gives alpha = " + scaledAlpha + ", beta = " + scaledBeta
                    + " (must be <= 1); the run is too short for EMA horizons of 1/alpha = " + Math.round(1 / alpha)
                    + " steps at " + referenceSteps);
        }
        return new MhlrSettings(scaledAlpha, scaledBeta, lambda * scale, tau, delta, maxDecays);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("mhlr " + name + " must be in (0, 1], got " + rate);
        }
    }
}
