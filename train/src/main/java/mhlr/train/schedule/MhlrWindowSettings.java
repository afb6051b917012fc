package mhlr.train.schedule;

/**
 * The hyper-parameters of the original windowed MHLR ({@link MhlrWindowed}, docs/MHLR.md section 2).
 *
 * <p>Relative parametrisation ({@link #relativeTo(long, long)}): the window scales with the run,
 * {@code m' = m * totalSteps / referenceSteps} (rounded to an even number, at least 2). The threshold stays: the
 * Haar response is a difference of means {@code m/2} steps apart, so on a curve of the same shape a window that
 * shrinks with the run sees the same difference.
 *
 * @param window {@code m}: losses in the moving average, and moving averages in the Haar window; even, at least 2
 * @param threshold Haar response (loss units) under which a step counts as not falling (0.06 in the paper)
 * @param streak consecutive halvings after which the next change is a bounce (3 in the published code)
 * @param bounce the factor of a bounce (4 in the published code)
 * @param delta the divisor of a halving (2)
 */
public record MhlrWindowSettings(int window, double threshold, int streak, double bounce, double delta) {

    public MhlrWindowSettings {
        if (window < 2 || window % 2 != 0) {
            throw new IllegalArgumentException("mhlr window must be an even number >= 2, got " + window);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("mhlr window-threshold must be a finite number, got " + threshold);
        }
        if (streak < 1) {
            throw new IllegalArgumentException("mhlr window-streak must be >= 1, got " + streak);
        }
        if (!(bounce > 0) || Double.isInfinite(bounce)) {
            throw new IllegalArgumentException("mhlr window-bounce must be a positive number, got " + bounce);
        }
        if (!(delta >= 1) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("mhlr delta must be a finite number >= 1, got " + delta);
        }
    }

    /** The logged MS1MV3 / R100 run: m = 4000, threshold 0.06, bounce x4 after 3 halvings, halving by 2. */
    public static MhlrWindowSettings paper() {
        return new MhlrWindowSettings(4000, 0.06, 3, 4, 2);
    }

    /** These settings read as values at {@code referenceSteps}, scaled to a run of {@code totalSteps}. */
    public MhlrWindowSettings relativeTo(long totalSteps, long referenceSteps) {
        if (totalSteps <= 0 || referenceSteps <= 0) {
            throw new IllegalArgumentException("total and reference steps must be > 0, got " + totalSteps + " and "
                    + referenceSteps);
        }
        double scale = (double) totalSteps / referenceSteps;
        long half = Math.max(1, Math.round(window / 2 * scale));
        return new MhlrWindowSettings(Math.toIntExact(2 * half), threshold, streak, bounce, delta);
    }
}
