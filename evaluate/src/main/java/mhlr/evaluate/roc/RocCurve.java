package mhlr.evaluate.roc;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import mhlr.core.verification.NumpyMath;

/**
 * An ROC curve exactly as scikit-learn's {@code roc_curve(y_true, y_score)} returns it with its default
 * {@code drop_intermediate=True}: the surviving points in order, starting with the prepended (0, 0) whose
 * threshold is {@code +inf}.
 */
public final class RocCurve {
    private final RocPoint[] points;
    private final double[] thresholds;
    private final long impostors;
    private final long genuine;

    RocCurve(RocPoint[] points, double[] thresholds, long impostors, long genuine) {
        this.points = points;
        this.thresholds = thresholds;
        this.impostors = impostors;
        this.genuine = genuine;
    }

    public List<RocPoint> points() {
        return List.of(points);
    }

    /** The thresholds, decreasing; the first is {@code +inf}. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    public long impostors() {
        return impostors;
    }

    public long genuine() {
        return genuine;
    }

    /** {@code fps / fps[-1]}; NaN when there are no impostor pairs (scikit-learn warns and does the same). */
    public double[] falsePositiveRates() {
        return Arrays.stream(points).mapToDouble(p -> impostors == 0 ? Double.NaN : p.falsePositiveRate(impostors))
                .toArray();
    }

    /** {@code tps / tps[-1]}; NaN when there are no genuine pairs. */
    public double[] truePositiveRates() {
        return Arrays.stream(points).mapToDouble(p -> genuine == 0 ? Double.NaN : p.truePositiveRate(genuine))
                .toArray();
    }

    /** The TPR insightface reports for {@code far} (see {@link TarAtFar}). */
    public double tarAtFar(double far) {
        return TarAtFar.select(points(), impostors, far).truePositiveRate(genuine);
    }

    /**
     * The area under the curve as {@code sklearn.metrics.auc(fpr, tpr)} computes it: the trapezoidal rule,
     * {@code np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0)}, summed pairwise as numpy sums.
     */
    public double areaUnderCurve() {
        double[] x = falsePositiveRates();
        double[] y = truePositiveRates();
        double[] terms = IntStream.range(0, x.length - 1)
                .mapToDouble(i -> (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0).toArray();
        return NumpyMath.sum(terms);
    }

    /**
     * The equal error rate: where the false positive rate equals the false negative rate ({@code 1 - tpr}) on
     * the curve drawn as straight segments between its points. Found exactly: the first point where
     * {@code (1 - tpr) - fpr} is no longer positive, linearly interpolated with the point before it.
     */
    public double equalErrorRate() {
        double[] x = falsePositiveRates();
        double[] y = truePositiveRates();
        double previous = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            double gap = (1.0 - y[i]) - x[i];
            if (gap <= 0) {
                if (gap == 0 || i == 0) {
                    return x[i];
                }
                double t = previous / (previous - gap);
                return x[i - 1] + t * (x[i] - x[i - 1]);
            }
            previous = gap;
        }
        return Double.NaN;
    }
}
