package mhlr.evaluate.protocol;

/**
 * The figures of a 10-fold evaluation.
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
}
