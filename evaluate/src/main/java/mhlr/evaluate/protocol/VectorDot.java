package mhlr.evaluate.protocol;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The block step of {@link PairScorer#dot} with the Vector API: numpy's eight interleaved accumulators are the
 * eight lanes of two 256-bit vectors, each lane multiplying then adding exactly as the scalar loop does, so the
 * result is bit for bit the scalar one on any CPU. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorDot {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

    private VectorDot() {
    }

    /** The pairwise block sum of products for {@code 8 <= n <= 128}. */
    static double block(double[] values, int a, int b, int n) {
        DoubleVector low = DoubleVector.fromArray(SPECIES, values, a)
                .mul(DoubleVector.fromArray(SPECIES, values, b));
        DoubleVector high = DoubleVector.fromArray(SPECIES, values, a + 4)
                .mul(DoubleVector.fromArray(SPECIES, values, b + 4));
        int i = 8;
        int end = n - (n % 8);
        for (; i < end; i += 8) {
            low = low.add(DoubleVector.fromArray(SPECIES, values, a + i)
                    .mul(DoubleVector.fromArray(SPECIES, values, b + i)));
            high = high.add(DoubleVector.fromArray(SPECIES, values, a + i + 4)
                    .mul(DoubleVector.fromArray(SPECIES, values, b + i + 4)));
        }
        double result = ((low.lane(0) + low.lane(1)) + (low.lane(2) + low.lane(3)))
                + ((high.lane(0) + high.lane(1)) + (high.lane(2) + high.lane(3)));
        for (; i < n; i++) {
            result += values[a + i] * values[b + i];
        }
        return result;
    }
}
