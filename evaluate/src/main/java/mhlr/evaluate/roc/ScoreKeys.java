package mhlr.evaluate.roc;

/**
 * Scores as 64-bit keys whose unsigned order is the numeric order of the scores, so that they can be radix
 * sorted and bucketed by their top bits. {@code -0.0} is folded onto {@code 0.0} first, since numpy treats them
 * as one threshold; NaN has no place in an ROC and is refused where scores are made.
 */
public final class ScoreKeys {
    private ScoreKeys() {
    }

    /** The key of a score: unsigned comparison of keys equals numeric comparison of scores. */
    public static long key(double score) {
        long bits = Double.doubleToRawLongBits(score + 0.0);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** The score of a key. */
    public static double score(long key) {
        long bits = key < 0 ? key ^ Long.MIN_VALUE : ~key;
        return Double.longBitsToDouble(bits);
    }
}
