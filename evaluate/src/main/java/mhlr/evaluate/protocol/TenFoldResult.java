package mhlr.evaluate.protocol;

import mhlr.core.verification.TenFold;
import mhlr.evaluate.roc.Roc;
import mhlr.evaluate.roc.RocCurve;

/**
 * The figures of a 10-fold evaluation: core's {@link TenFold} accuracy and VAL@FAR, and the AUC and EER of the
 * scikit-learn ROC over all pairs with score = -distance (not in insightface's script: AUC by the trapezoidal rule,
 * {@code sklearn.metrics.auc}; EER where the straight-segment curve has FPR = 1 - TPR).
 *
 * @param pairs number of pairs
 * @param foldAccuracies the held-out accuracy of each fold, at the threshold chosen on the other folds
 * @param bestThresholds the squared-distance threshold chosen for each fold
 * @param accuracyMean {@code np.mean} of the fold accuracies
 * @param accuracyStd {@code np.std} (population) of the fold accuracies
 * @param areaUnderCurve AUC of the ROC over all pairs with score = -distance
 * @param equalErrorRate EER on that ROC (see {@link mhlr.evaluate.roc.RocCurve#equalErrorRate()})
 * @param valAtFar insightface's {@code calculate_val} mean VAL at the target FAR (NaN when a fold has no
 *     genuine or no impostor pair)
 * @param valStd the standard deviation of VAL over the folds
 * @param farMean the mean FAR actually reached on the held-out folds
 */
public record TenFoldResult(
        int pairs,
        double[] foldAccuracies,
        double[] bestThresholds,
        double accuracyMean,
        double accuracyStd,
        double areaUnderCurve,
        double equalErrorRate,
        double valAtFar,
        double valStd,
        double farMean) {

    /**
     * Evaluates pairs given their squared distances (of flip-summed, L2-normalised embeddings).
     *
     * @throws IllegalArgumentException with fewer pairs than folds
     */
    public static TenFoldResult of(double[] distances, boolean[] same) {
        TenFold.Accuracy accuracy = TenFold.accuracy(distances, same);
        TenFold.ValidationRate val = TenFold.validationRate(distances, same, TenFold.VAL_FAR);
        double[] scores = new double[distances.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -distances[i];
        }
        RocCurve roc = Roc.curve(scores, same);
        return new TenFoldResult(distances.length, accuracy.folds(), accuracy.bestThresholds(), accuracy.mean(),
                accuracy.std(), roc.areaUnderCurve(), roc.equalErrorRate(), val.mean(), val.std(), val.farMean());
    }
}
