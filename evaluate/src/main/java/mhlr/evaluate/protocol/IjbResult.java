package mhlr.evaluate.protocol;

/**
 * The figures of an IJB-B/C 1:1 evaluation.
 *
 * @param pairs number of template pairs
 * @param genuine number of genuine pairs
 * @param fars the target FARs, in the order of {@code tars}
 * @param tars the TPR insightface reports at each target FAR
 * @param curveFars a log-spaced grid of FARs for the ROC plot
 * @param curveTars the TPR read the same way at each grid FAR
 */
public record IjbResult(long pairs, long genuine, double[] fars, double[] tars, double[] curveFars,
        double[] curveTars) {
}
