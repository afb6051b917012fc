package mhlr.evaluate.roc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongRadixSortTest {
    @Test
    void sortsScoreKeysInNumericOrderOfTheScores() {
        Random random = new Random(7);
        double[] scores = new double[20000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i % 5 == 0 ? Math.floor(random.nextGaussian() * 8) / 8 : random.nextGaussian();
        }
        scores[0] = -0.0;
        scores[1] = 0.0;
        scores[2] = Double.NEGATIVE_INFINITY;
        long[] keys = Arrays.stream(scores).mapToLong(ScoreKeys::key).toArray();
        LongRadixSort.sort(keys);
        double[] expected = Arrays.stream(scores).map(s -> s + 0.0).sorted().toArray();
        assertArrayEquals(expected, Arrays.stream(keys).mapToDouble(ScoreKeys::score).toArray());
    }

    @Test
    void keysRoundTripAndOrderSigns() {
        for (double s : new double[] {-1.5, -1e-300, 0.0, 1e-300, 0.75, 1.0}) {
            assertEquals(s, ScoreKeys.score(ScoreKeys.key(s)));
        }
        assertEquals(-1, Long.compareUnsigned(ScoreKeys.key(-0.25), ScoreKeys.key(0.125)));
        assertEquals(ScoreKeys.key(0.0), ScoreKeys.key(-0.0));
    }
}
