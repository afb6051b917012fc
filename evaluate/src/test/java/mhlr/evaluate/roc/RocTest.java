package mhlr.evaluate.roc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocTest {
    static final double[] FARS = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1};

    /** Scores on a coarse grid, so ties within and across classes are common. */
    static double[] tiedScores(Random random, boolean[] same, int levels) {
        double[] scores = new double[same.length];
        for (int i = 0; i < same.length; i++) {
            same[i] = random.nextInt(7) == 0;
            double shift = same[i] ? 0.35 : 0.0;
            scores[i] = Math.floor((random.nextGaussian() * 0.2 + shift) * levels) / levels;
        }
        return scores;
    }

    @Test
    void matchesTheScikitLearnDocumentationExample() {
        RocCurve curve = Roc.curve(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, curve.falsePositiveRates());
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, curve.truePositiveRates());
        assertEquals(Double.POSITIVE_INFINITY, curve.thresholds()[0]);
        assertArrayEquals(new double[] {0.8, 0.4, 0.35, 0.1},
                java.util.Arrays.copyOfRange(curve.thresholds(), 1, 5));
        assertEquals(0.75, curve.areaUnderCurve());
    }

    @Test
    void dropsCollinearPointsExactlyAsTheTranscriptionDoes() {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            int n = 1 + random.nextInt(seed < 10 ? 6 : 3000);
            boolean[] same = new boolean[n];
            double[] scores = tiedScores(random, same, 1 + random.nextInt(60));
            same[random.nextInt(n)] = true;
            same[random.nextInt(n)] = n == 1;
            if (n > 1 && !hasBoth(same)) {
                same[0] = !same[1];
            }
            RocCurve curve = Roc.curve(scores, same);
            ScikitLearnReference reference = ScikitLearnReference.rocCurve(same, scores);
            assertArrayEquals(reference.fpr, curve.falsePositiveRates(), "fpr, seed " + seed);
            assertArrayEquals(reference.tpr, curve.truePositiveRates(), "tpr, seed " + seed);
            if (hasBoth(same)) {
                for (double far : FARS) {
                    assertEquals(reference.tarAtFar(far), curve.tarAtFar(far), "TAR@" + far + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void readsTheHighestTprAmongPointsOfEqualFpr() {
        // Two genuine groups above the first impostor: points (0, 1/3) and (0, 1) both have FPR 0.
        double[] scores = {0.9, 0.8, 0.8, 0.5, 0.4, 0.3};
        boolean[] same = {true, true, true, false, false, false};
        RocCurve curve = Roc.curve(scores, same);
        assertEquals(1.0, curve.tarAtFar(1e-6));
    }

    @Test
    void foldsNegativeZeroOntoZero() {
        RocCurve curve = Roc.curve(new double[] {-0.0, 0.0, 0.5}, new boolean[] {true, false, true});
        assertEquals(3, curve.points().size(), "(0,0), the 0.5 group, the tied zero group");
    }

    @Test
    void refusesNaNScores() {
        assertThrows(IllegalArgumentException.class,
                () -> Roc.curve(new double[] {0.1, Double.NaN}, new boolean[] {true, false}));
    }

    @Test
    void findsTheEqualErrorRateOnTheSegments() {
        // fpr: 0, 0, .5, .5, 1; tpr: 0, .5, .5, 1, 1 -> 1 - tpr - fpr: 1, .5, 0 at the third point.
        RocCurve curve = Roc.curve(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
        assertEquals(0.5, curve.equalErrorRate());
        RocCurve perfect = Roc.curve(new double[] {0.9, 0.1}, new boolean[] {true, false});
        assertEquals(0.0, perfect.equalErrorRate());
    }

    private static boolean hasBoth(boolean[] same) {
        boolean any = false;
        boolean all = true;
        for (boolean s : same) {
            any |= s;
            all &= s;
        }
        return any && !all;
    }
}
