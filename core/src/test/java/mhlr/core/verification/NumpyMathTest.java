package mhlr.core.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumpyMathTest {
    @Test
    void meanAndStdAreNumpysPopulationFigures() {
        double[] accuracies = {0.9983333333333333, 0.995, 1.0, 0.9966666666666667, 0.9983333333333333,
            0.9966666666666667, 1.0, 0.9983333333333333, 0.995, 1.0};
        // numpy 2.4: np.mean(a), np.std(a)
        assertEquals(0.9978333333333331, NumpyMath.mean(accuracies));
        assertEquals(0.0018333333333333272, NumpyMath.std(accuracies));
    }

    @Test
    void sumsPairwiseAsNumpyNotLeftToRight() {
        double[] values = new double[300];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1.0 / (i + 1) + (i % 3 == 0 ? 1e8 : 0);
        }
        double plain = 0;
        for (double v : values) {
            plain += v;
        }
        // np.sum(values) = 10000000006.282663; a plain loop gives 10000000006.28266
        assertEquals(10000000006.282663, NumpyMath.sum(values));
        assertEquals(10000000006.28266, plain);
    }
}
