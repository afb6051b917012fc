package mhlr.evaluate.roc;

import java.io.Serializable;

/**
 * One point of an ROC curve as counts: the impostor pairs ({@code falsePositives}) and genuine pairs
 * ({@code truePositives}) scoring at or above the point's threshold. Along a curve both counts never decrease
 * and at least one grows from point to point, so {@link #follows} orders the points of one curve.
 *
 * @param falsePositives impostor pairs accepted at this point
 * @param truePositives genuine pairs accepted at this point
 */
public record RocPoint(long falsePositives, long truePositives) implements Serializable {
    /** The point scikit-learn prepends so that every curve starts at (0, 0). */
    public static final RocPoint ORIGIN = new RocPoint(0, 0);

    /** True when this point comes after {@code other} on the same curve. */
    public boolean follows(RocPoint other) {
        return falsePositives != other.falsePositives ? falsePositives > other.falsePositives
                : truePositives > other.truePositives;
    }

    /** The false positive rate as numpy computes it: {@code fps / fps[-1]} in float64. */
    public double falsePositiveRate(long impostors) {
        return falsePositives / (double) impostors;
    }

    /** The true positive rate: {@code tps / tps[-1]} in float64. */
    public double truePositiveRate(long genuine) {
        return truePositives / (double) genuine;
    }
}
