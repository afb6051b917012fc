package mhlr.evaluate.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import mhlr.core.verification.NumpyMath;
import org.junit.jupiter.api.Test;

class PairScorerTest {
    private static TemplateFeatures random(int templates, int dimension, long seed) {
        Random random = new Random(seed);
        double[] values = new double[templates * dimension];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        int[] ids = new int[templates];
        for (int t = 0; t < templates; t++) {
            ids[t] = 10 + 3 * t;
        }
        return new TemplateFeatures(ids, values, dimension);
    }

    @Test
    void sumsProductsInNumpysPairwiseOrder() {
        for (int dimension : new int[] {3, 8, 100, 128, 200, 512}) {
            TemplateFeatures templates = random(4, dimension, dimension);
            double[] v = templates.features();
            double[] products = new double[dimension];
            for (int k = 0; k < dimension; k++) {
                products[k] = v[k] * v[2 * dimension + k];
            }
            PairScorer scorer = new PairScorer(templates);
            assertEquals(NumpyMath.sum(products), scorer.score(0, 2), "dimension " + dimension);
            assertEquals(PairScorer.scalarBlock(v, 0, dimension, Math.min(dimension, 128)),
                    dimension >= 8 ? PairScorer.dot(v, 0, dimension, Math.min(dimension, 128))
                            : PairScorer.scalarBlock(v, 0, dimension, dimension), "vector = scalar, " + dimension);
        }
    }

    @Test
    void tiledScoringEqualsPairByPairScoring() {
        TemplateFeatures templates = random(300, 64, 5);
        Random random = new Random(9);
        int n = 20000;
        int[] left = new int[n];
        int[] right = new int[n];
        for (int i = 0; i < n; i++) {
            left[i] = random.nextInt(300);
            right[i] = random.nextInt(300);
        }
        PairScorer scorer = new PairScorer(templates);
        double[] scores = new double[n - 7];
        scorer.score(left, right, 7, n, scores);
        for (int i = 7; i < n; i++) {
            assertEquals(scorer.score(left[i], right[i]) + 0.0, scores[i - 7]);
        }
    }
}
