package mhlr.evaluate.protocol;

import mhlr.evaluate.roc.Roc;
import mhlr.evaluate.roc.RocCurve;

/**
 * insightface's 10-fold verification ({@code eval/verification.py}, {@code evaluate}), to the number.
 *
 * <ul>
 *   <li>Folds: scikit-learn's {@code KFold(n_splits=10, shuffle=False)} over the pair order: contiguous, the
 *       first {@code n % 10} folds one pair longer.</li>
 *   <li>Accuracy ({@code calculate_roc}): thresholds {@code np.arange(0, 4, 0.01)}; a pair is predicted
 *       same when its squared distance is {@code < threshold}; for each fold the first threshold of best
 *       accuracy on the other nine folds ({@code np.argmax}) is applied to the fold; mean and population
 *       std of the ten accuracies.</li>
 *   <li>VAL@FAR ({@code calculate_val}): thresholds {@code np.arange(0, 4, 0.001)}; on the other nine folds
 *       the FAR of every threshold; if the largest reaches the target, the threshold is
 *       {@code interp1d(far_train, thresholds, kind='slinear')(target)}, else 0; VAL on the fold at that
 *       threshold; the mean over folds. scipy sorts {@code far_train} stably (it is already non-decreasing)
 *       and evaluates a degree-1 B-spline: between distinct FAR values the interpolation joins the last
 *       threshold of the lower value with the first of the higher; exactly at a FAR value shared by several
 *       thresholds it gives the last of them; this class does the same arithmetic.</li>
 *   <li>AUC and EER are not in insightface's script; here they come from the scikit-learn ROC over all pairs
 *       with score = -distance: AUC by the trapezoidal rule ({@code sklearn.metrics.auc}), EER where the
 *       straight-segment curve has FPR = 1 - TPR.</li>
 * </ul>
 */
public final class TenFold {
    /** Number of folds. */
    public static final int FOLDS = 10;
    /** The FAR of the reported VAL. */
    public static final double VAL_FAR = 1e-3;

    private static final int ACCURACY_THRESHOLDS = 400;
    private static final double ACCURACY_STEP = 0.01;
    private static final int VAL_THRESHOLDS = 4000;
    private static final double VAL_STEP = 0.001;

    private TenFold() {
    }

    /**
     * Evaluates pairs given their squared distances (of flip-summed, L2-normalised embeddings).
     *
     * @throws IllegalArgumentException with fewer pairs than folds
     */
    public static TenFoldResult evaluate(double[] distances, boolean[] same) {
        int n = distances.length;
        if (n < FOLDS || same.length != n) {
            throw new IllegalArgumentException("10-fold needs at least " + FOLDS + " pairs with labels, got "
                    + n + " distances and " + same.length + " labels");
        }
        int[] foldStart = foldStarts(n);
        double[] accuracyThresholds = arange(ACCURACY_THRESHOLDS, ACCURACY_STEP);
        double[] valThresholds = arange(VAL_THRESHOLDS, VAL_STEP);
        double[] accuracies = new double[FOLDS];
        double[] best = new double[FOLDS];
        double[] vals = new double[FOLDS];
        double[] fars = new double[FOLDS];
        for (int fold = 0; fold < FOLDS; fold++) {
            int from = foldStart[fold];
            int to = foldStart[fold + 1];
            int bestIndex = 0;
            long bestCorrect = -1;
            for (int t = 0; t < accuracyThresholds.length; t++) {
                long correct = correct(distances, same, accuracyThresholds[t], 0, from)
                        + correct(distances, same, accuracyThresholds[t], to, n);
                if (correct > bestCorrect) {
                    bestCorrect = correct;
                    bestIndex = t;
                }
            }
            best[fold] = accuracyThresholds[bestIndex];
            accuracies[fold] = (double) correct(distances, same, best[fold], from, to) / (double) (to - from);

            double threshold = valThreshold(distances, same, valThresholds, from, to);
            vals[fold] = rate(distances, same, threshold, from, to, true);
            fars[fold] = rate(distances, same, threshold, from, to, false);
        }
        RocCurve roc = Roc.curve(negate(distances), same);
        return new TenFoldResult(n, accuracies, best, NumpyMath.mean(accuracies), NumpyMath.std(accuracies),
                roc.areaUnderCurve(), roc.equalErrorRate(), NumpyMath.mean(vals), NumpyMath.std(vals),
                NumpyMath.mean(fars));
    }

    /** The first index of each fold, and n at the end: {@code KFold(10)} sizes. */
    static int[] foldStarts(int n) {
        int[] starts = new int[FOLDS + 1];
        for (int fold = 0; fold < FOLDS; fold++) {
            int size = n / FOLDS + (fold < n % FOLDS ? 1 : 0);
            starts[fold + 1] = starts[fold] + size;
        }
        return starts;
    }

    /** {@code np.arange(0, count * step, step)}: numpy fills {@code start + i * delta}. */
    static double[] arange(int count, double step) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = 0.0 + i * step;
        }
        return values;
    }

    private static long correct(double[] distances, boolean[] same, double threshold, int from, int to) {
        long correct = 0;
        for (int i = from; i < to; i++) {
            if ((distances[i] < threshold) == same[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** The threshold {@code calculate_val} picks on the training folds (all but [from, to)). */
    private static double valThreshold(double[] distances, boolean[] same, double[] thresholds, int from, int to) {
        double[] farTrain = new double[thresholds.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < thresholds.length; t++) {
            long falseAccepts = 0;
            long impostors = 0;
            for (int i = 0; i < distances.length; i++) {
                if (i >= from && i < to) {
                    continue;
                }
                if (!same[i]) {
                    impostors++;
                    if (distances[i] < thresholds[t]) {
                        falseAccepts++;
                    }
                }
            }
            farTrain[t] = (double) falseAccepts / (double) impostors;
            max = Math.max(max, farTrain[t]);
        }
        if (!(max >= VAL_FAR)) {
            return 0.0;
        }
        return slinear(farTrain, thresholds, VAL_FAR);
    }

    /**
     * {@code scipy.interpolate.interp1d(x, y, kind='slinear')(at)} for non-decreasing x with
     * {@code x[0] <= at <= x[-1]}: the interval is the last i (at most n - 2) with {@code x[i] <= at}, and the
     * degree-1 de Boor step of scipy's {@code _bspl} gives {@code y[i] * h0 + y[i + 1] * h1}.
     */
    static double slinear(double[] x, double[] y, double at) {
        int i = 0;
        for (int j = 0; j < x.length - 1; j++) {
            if (x[j] <= at) {
                i = j;
            }
        }
        double left = x[i];
        double right = x[i + 1];
        if (right == left) {
            return 0.0;
        }
        double w = 1.0 / (right - left);
        double h0 = w * (right - at);
        double h1 = w * (at - left);
        return 0.0 + y[i] * h0 + y[i + 1] * h1;
    }

    /** VAL (genuine accepted / genuine) or FAR (impostors accepted / impostors) on [from, to). */
    private static double rate(double[] distances, boolean[] same, double threshold, int from, int to,
            boolean genuine) {
        long accepted = 0;
        long total = 0;
        for (int i = from; i < to; i++) {
            if (same[i] == genuine) {
                total++;
                if (distances[i] < threshold) {
                    accepted++;
                }
            }
        }
        return (double) accepted / (double) total;
    }

    private static double[] negate(double[] values) {
        double[] negated = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            negated[i] = -values[i];
        }
        return negated;
    }
}
