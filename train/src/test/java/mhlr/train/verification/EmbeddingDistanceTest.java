package mhlr.train.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmbeddingDistanceTest {

    @Test
    void normalisesBeforeMeasuring() {
        assertEquals(2.0, EmbeddingDistance.normalisedSquaredDistance(new double[] {3, 0}, new double[] {0, 0.5}),
                1e-12);
        assertEquals(0.0, EmbeddingDistance.normalisedSquaredDistance(new double[] {1, 1}, new double[] {4, 4}),
                1e-12);
    }
}
