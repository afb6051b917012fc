package mhlr.train.verification;

/**
 * The ten-fold verification accuracy of insightface ({@code eval/verification.py}, {@code calculate_roc}):
 * distances are squared Euclidean between L2-normalised embeddings; the pairs are split into 10 contiguous folds as
 * scikit-learn's {@code KFold(n_splits=10, shuffle=False)} does (the first {@code n % 10} folds one pair longer);
 * for each fold the threshold among {@code 0, 0.01, ..., 3.99} with the best accuracy on the other nine folds (the
 * first best, as {@code np.argmax}) is applied to the held-out fold, predicting "same" when distance &lt; threshold.
 * The result is the mean and the population standard deviation ({@code np.std}) of the ten fold accuracies.
 */
public final class TenFoldAccuracy {
    /** Folds, as insightface. */
    public static final int FOLDS = 10;
    /** Thresholds {@code np.arange(0, 4, 0.01)}. */
    static final int THRESHOLDS = 400;
    private static final double THRESHOLD_STEP = 0.01;

    /**
     * Mean and standard deviation of the fold accuracies.
     *
     * @param folds the accuracy of each fold
     */
    public record Result(double mean, double std, double[] folds) {
    }

    private TenFoldAccuracy() {
    }

    /** The accuracy for pair distances and whether each pair is of one identity. */
    public static Result evaluate(double[] distances, boolean[] same) {
        int n = distances.length;
        if (same.length != n || n < FOLDS) {
            throw new IllegalArgumentException("need at least " + FOLDS + " pairs with one label each, got "
                    + n + " distances and " + same.length + " labels");
        }
        int[] foldStart = new int[FOLDS + 1];
        for (int fold = 0; fold < FOLDS; fold++) {
            foldStart[fold + 1] = foldStart[fold] + n / FOLDS + (fold < n % FOLDS ? 1 : 0);
        }
        // correct[fold][t]: pairs of the fold that threshold t classifies right.
        long[][] correct = new long[FOLDS][THRESHOLDS];
        for (int fold = 0; fold < FOLDS; fold++) {
            for (int t = 0; t < THRESHOLDS; t++) {
                double threshold = t * THRESHOLD_STEP;
                long right = 0;
                for (int i = foldStart[fold]; i < foldStart[fold + 1]; i++) {
                    right += (distances[i] < threshold) == same[i] ? 1 : 0;
                }
                correct[fold][t] = right;
            }
        }
        double[] accuracy = new double[FOLDS];
        for (int fold = 0; fold < FOLDS; fold++) {
            int trainSize = n - (foldStart[fold + 1] - foldStart[fold]);
            int best = 0;
            double bestAccuracy = -1;
            for (int t = 0; t < THRESHOLDS; t++) {
                long right = 0;
                for (int other = 0; other < FOLDS; other++) {
                    right += other == fold ? 0 : correct[other][t];
                }
                double trainAccuracy = (double) right / trainSize;
                if (trainAccuracy > bestAccuracy) {
                    bestAccuracy = trainAccuracy;
                    best = t;
                }
            }
            accuracy[fold] = (double) correct[fold][best] / (foldStart[fold + 1] - foldStart[fold]);
        }
        double mean = 0;
        for (double value : accuracy) {
            mean += value;
        }
        mean /= FOLDS;
        double variance = 0;
        for (double value : accuracy) {
            variance += (value - mean) * (value - mean);
        }
        return new Result(mean, Math.sqrt(variance / FOLDS), accuracy);
    }

    /** Squared Euclidean distance of two vectors L2-normalised first (a zero vector stays zero, as sklearn). */
    public static double normalisedSquaredDistance(double[] a, double[] b) {
        double normA = norm(a);
        double normB = norm(b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double difference = (normA == 0 ? a[i] : a[i] / normA) - (normB == 0 ? b[i] : b[i] / normB);
            sum += difference * difference;
        }
        return sum;
    }

    /** The 2-norm. */
    public static double norm(double[] vector) {
        double sum = 0;
        for (double value : vector) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
