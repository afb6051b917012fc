package mhlr.core.verification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Reference values from insightface's {@code calculate_roc} run in numpy (KFold reproduced: contiguous folds, the first
 * {@code n % 10} one longer; {@code np.argmax}; {@code np.std}) on the same generated distances.
 */
class TenFoldTest {

    @Test
    void matchesInsightfaceOnUnevenFoldsAndTiedThresholds() {
        int n = 137;
        double[] distances = new double[n];
        boolean[] same = new boolean[n];
        for (int i = 0; i < n; i++) {
            distances[i] = ((i * 37) % 101) / 25.0;
            same[i] = (((i * 13) % 7) < 3) ^ (distances[i] > 2.0) ^ (i % 11 == 0);
        }
        TenFold.Accuracy result = TenFold.accuracy(distances, same);
        assertArrayEquals(new double[] {0.42857142857142855, 0.5714285714285714, 0.42857142857142855,
            0.5714285714285714, 0.35714285714285715, 0.42857142857142855, 0.5, 0.38461538461538464,
            0.38461538461538464, 0.5384615384615384}, result.folds(), 0);
        assertEquals(0.4593406593406593, result.mean(), 1e-15);
        assertEquals(0.0758241758241758, result.std(), 1e-15);
    }

    @Test
    void matchesInsightfaceOnANoisyThresholdProblem() {
        int n = 600;
        double[] distances = new double[n];
        boolean[] same = new boolean[n];
        for (int i = 0; i < n; i++) {
            distances[i] = ((i * 7919) % 397) / 100.0;
            same[i] = (distances[i] < 1.37) ^ (i % 9 == 0);
        }
        TenFold.Accuracy result = TenFold.accuracy(distances, same);
        assertEquals(0.885, result.mean(), 1e-15);
        assertEquals(0.011666666666666667, result.std(), 1e-15);
        assertEquals(0.8666666666666667, result.folds()[1], 0);
    }

    @Test
    void separablePairsScorePerfectly() {
        double[] distances = new double[40];
        boolean[] same = new boolean[40];
        for (int i = 0; i < 40; i++) {
            same[i] = i % 2 == 0;
            distances[i] = same[i] ? 0.3 : 1.8;
        }
        TenFold.Accuracy result = TenFold.accuracy(distances, same);
        assertEquals(1.0, result.mean());
        assertEquals(0.0, result.std());
    }

    @Test
    void refusesFewerPairsThanFolds() {
        assertThrows(IllegalArgumentException.class,
                () -> TenFold.accuracy(new double[9], new boolean[9]));
    }
}
