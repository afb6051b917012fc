package mhlr.core.verification;

/**
 * insightface's 10-fold verification ({@code eval/verification.py}), to the number: the one implementation the
 * trainer's verification callback and the evaluate module's reports share.
 *
 * <ul>
 *   <li>Folds: scikit-learn's {@code KFold(n_splits=10, shuffle=False)} over the pair order: contiguous, the
 *       first {@code n % 10} folds one pair longer.</li>
 *   <li>Accuracy ({@code calculate_roc}): thresholds {@code np.arange(0, 4, 0.01)}; a pair is predicted
 *       same when its squared distance (of L2-normalised embeddings) is {@code < threshold}; for each fold the
 *       first threshold of best accuracy on the other nine folds ({@code np.argmax}) is applied to the fold;
 *       mean and population std ({@code np.std}) of the ten accuracies, in numpy's summation order.</li>
 *   <li>VAL@FAR ({@code calculate_val}): thresholds {@code np.arange(0, 4, 0.001)}; on the other nine folds
 *       the FAR of every threshold; if the largest reaches the target, the threshold is
 *       {@code interp1d(far_train, thresholds, kind='slinear')(target)}, else 0; VAL on the fold at that
 *       threshold; the mean over folds. scipy sorts {@code far_train} stably (it is already non-decreasing)
 *       and evaluates a degree-1 B-spline: between distinct FAR values the interpolation joins the last
 *       threshold of the lower value with the first of the higher; exactly at a FAR value shared by several
 *       thresholds it gives the last of them; this class does the same arithmetic.</li>
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

    /**
     * The accuracy figures.
     *
     * @param folds the held-out accuracy of each fold, at the threshold chosen on the other folds
     * @param bestThresholds the squared-distance threshold chosen for each fold
     * @param mean {@code np.mean} of the fold accuracies
     * @param std {@code np.std} (population) of the fold accuracies
     */
    public record Accuracy(double[] folds, double[] bestThresholds, double mean, double std) {
    }

    /**
     * The VAL@FAR figures.
     *
     * @param mean the mean VAL at the target FAR over the folds (NaN when a fold has no genuine or no impostor pair)
     * @param std the standard deviation of VAL over the folds
     * @param farMean the mean FAR actually reached on the held-out folds
     */
    public record ValidationRate(double mean, double std, double farMean) {
    }

    private TenFold() {
    }

    /**
     * The accuracy for pair distances and whether each pair is of one identity.
     *
     * @throws IllegalArgumentException with fewer pairs than folds, or labels of another length
     */
    public static Accuracy accuracy(double[] distances, boolean[] same) {
        int n = checked(distances, same);
        int[] foldStart = foldStarts(n);
        double[] thresholds = arange(ACCURACY_THRESHOLDS, ACCURACY_STEP);
        // correct[fold][t]: pairs of the fold that threshold t classifies right.
        long[][] correct = new long[FOLDS][thresholds.length];
        for (int fold = 0; fold < FOLDS; fold++) {
            for (int t = 0; t < thresholds.length; t++) {
                correct[fold][t] = correct(distances, same, thresholds[t], foldStart[fold], foldStart[fold + 1]);
            }
        }
        double[] accuracies = new double[FOLDS];
        double[] best = new double[FOLDS];
        for (int fold = 0; fold < FOLDS; fold++) {
            int bestIndex = 0;
            long bestCorrect = -1;
            for (int t = 0; t < thresholds.length; t++) {
                long right = 0;
                for (int other = 0; other < FOLDS; other++) {
                    right += other == fold ? 0 : correct[other][t];
                }
                if (right > bestCorrect) {
                    bestCorrect = right;
                    bestIndex = t;
                }
            }
            best[fold] = thresholds[bestIndex];
            accuracies[fold] = (double) correct[fold][bestIndex] / (double) (foldStart[fold + 1] - foldStart[fold]);
        }
        return new Accuracy(accuracies, best, NumpyMath.mean(accuracies), NumpyMath.std(accuracies));
    }

    /**
     * insightface's VAL at {@code targetFar}.
     *
     * @throws IllegalArgumentException with fewer pairs than folds, or labels of another length
     */
    public static ValidationRate validationRate(double[] distances, boolean[] same, double targetFar) {
        int n = checked(distances, same);
        int[] foldStart = foldStarts(n);
        double[] thresholds = arange(VAL_THRESHOLDS, VAL_STEP);
        double[] vals = new double[FOLDS];
        double[] fars = new double[FOLDS];
        for (int fold = 0; fold < FOLDS; fold++) {
            int from = foldStart[fold];
            int to = foldStart[fold + 1];
            double threshold = valThreshold(distances, same, thresholds, from, to, targetFar);
            vals[fold] = rate(distances, same, threshold, from, to, true);
            fars[fold] = rate(distances, same, threshold, from, to, false);
        }
        return new ValidationRate(NumpyMath.mean(vals), NumpyMath.std(vals), NumpyMath.mean(fars));
    }

    /** The first index of each fold, and n at the end: {@code KFold(10)} sizes. */
    public static int[] foldStarts(int n) {
        int[] starts = new int[FOLDS + 1];
        for (int fold = 0; fold < FOLDS; fold++) {
            int size = n / FOLDS + (fold < n % FOLDS ? 1 : 0);
            starts[fold + 1] = starts[fold] + size;
        }
        return starts;
    }

    private static int checked(double[] distances, boolean[] same) {
        int n = distances.length;
        if (n < FOLDS || same.length != n) {
            throw new IllegalArgumentException("10-fold needs at least " + FOLDS + " pairs with labels, got "
                    + n + " distances and " + same.length + " labels");
        }
        return n;
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
    private static double valThreshold(double[] distances, boolean[] same, double[] thresholds, int from, int to,
            double targetFar) {
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
        if (!(max >= targetFar)) {
            return 0.0;
        }
        return slinear(farTrain, thresholds, targetFar);
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
}
