package mhlr.evaluate.roc;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-machine ROC: all scores in memory, sorted, grouped, thinned by scikit-learn's
 * {@code drop_intermediate} rule. The reference the distributed computation must equal.
 */
public final class Roc {
    private Roc() {
    }

    /**
     * The curve of {@code scores} with {@code same[i]} telling whether pair i is genuine.
     *
     * @throws IllegalArgumentException for a NaN score (scikit-learn refuses non-finite scores too) or
     *     arrays of different lengths
     */
    public static RocCurve curve(double[] scores, boolean[] same) {
        if (scores.length != same.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + same.length + " labels");
        }
        int genuineCount = 0;
        for (boolean s : same) {
            genuineCount += s ? 1 : 0;
        }
        long[] genuine = new long[genuineCount];
        long[] impostors = new long[scores.length - genuineCount];
        int g = 0;
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score of pair " + i + " is NaN");
            }
            if (same[i]) {
                genuine[g++] = ScoreKeys.key(scores[i]);
            } else {
                impostors[n++] = ScoreKeys.key(scores[i]);
            }
        }
        return curveOfKeys(impostors, genuine);
    }

    /** The curve from impostor and genuine score keys (sorted here, in place). */
    public static RocCurve curveOfKeys(long[] impostorKeys, long[] genuineKeys) {
        LongRadixSort.sort(impostorKeys);
        LongRadixSort.sort(genuineKeys);
        List<RocPoint> points = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        points.add(RocPoint.ORIGIN);
        thresholds.add(Double.POSITIVE_INFINITY);
        KeptPoints kept = new KeptPoints(0, 0, true, (point, key) -> {
            points.add(point);
            thresholds.add(ScoreKeys.score(key));
        });
        ScoreGroups groups = new ScoreGroups(impostorKeys, genuineKeys);
        while (groups.next()) {
            kept.accept(groups.negatives(), groups.positives(), groups.key());
        }
        kept.finish(true);
        return new RocCurve(points.toArray(RocPoint[]::new),
                thresholds.stream().mapToDouble(Double::doubleValue).toArray(),
                impostorKeys.length, genuineKeys.length);
    }
}
