package mhlr.evaluate.roc;

import java.util.Collection;

/**
 * How insightface's {@code eval_ijbc.py} reads a TPR off the ROC curve for a target FAR: it reverses
 * scikit-learn's {@code fpr} and {@code tpr} ({@code np.flipud}, "select largest tpr at same fpr") and takes
 * {@code min(zip(abs(fpr - far), range(len(fpr))))}: the point whose FPR is nearest the target, and among
 * equally near points the first in the reversed order, i.e. the LAST point of the curve (the one with the
 * highest TPR). No interpolation.
 *
 * <p>The rule is a lexicographic minimum of (distance, reversed position), so it decomposes: the best point of
 * a set is the best of the best points of its parts. {@link DistributedRoc} relies on that.
 */
public final class TarAtFar {
    private TarAtFar() {
    }

    /** The distance numpy computes: {@code abs(fps / fps[-1] - far)} in float64. */
    public static double distance(RocPoint point, long impostors, double far) {
        return Math.abs(point.falsePositiveRate(impostors) - far);
    }

    /** True when {@code candidate} beats {@code best} (which may be null) for the target {@code far}. */
    public static boolean better(RocPoint candidate, RocPoint best, long impostors, double far) {
        if (best == null) {
            return true;
        }
        double mine = distance(candidate, impostors, far);
        double theirs = distance(best, impostors, far);
        if (mine != theirs) {
            return mine < theirs;
        }
        return candidate.follows(best);
    }

    /** The chosen point among {@code points} (any order), or null when there are none. */
    public static RocPoint select(Collection<RocPoint> points, long impostors, double far) {
        RocPoint best = null;
        for (RocPoint point : points) {
            if (better(point, best, impostors, far)) {
                best = point;
            }
        }
        return best;
    }
}
