package mhlr.evaluate.identification;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GalleryScorer}'s inner step with the Vector API: eight dot products (two probes by four gallery rows)
 * accumulated side by side in 256-bit fused multiply-adds, so each loaded vector serves four or two products.
 * Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorTile {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

    private VectorTile() {
    }

    /** Two probes (at {@code a}, {@code a + dimension}) by four gallery rows (from {@code b}). */
    static void tile(double[] probes, int a, double[] gallery, int b, int dimension, double[] out, int at,
            int stride) {
        int lanes = SPECIES.length();
        int end = dimension - dimension % lanes;
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s02 = s00;
        DoubleVector s03 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s12 = s00;
        DoubleVector s13 = s00;
        int b1 = b + dimension;
        int b2 = b1 + dimension;
        int b3 = b2 + dimension;
        int a1 = a + dimension;
        for (int k = 0; k < end; k += lanes) {
            DoubleVector p0 = DoubleVector.fromArray(SPECIES, probes, a + k);
            DoubleVector p1 = DoubleVector.fromArray(SPECIES, probes, a1 + k);
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, gallery, b + k);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, gallery, b1 + k);
            DoubleVector g2 = DoubleVector.fromArray(SPECIES, gallery, b2 + k);
            DoubleVector g3 = DoubleVector.fromArray(SPECIES, gallery, b3 + k);
            s00 = p0.fma(g0, s00);
            s01 = p0.fma(g1, s01);
            s02 = p0.fma(g2, s02);
            s03 = p0.fma(g3, s03);
            s10 = p1.fma(g0, s10);
            s11 = p1.fma(g1, s11);
            s12 = p1.fma(g2, s12);
            s13 = p1.fma(g3, s13);
        }
        DoubleVector[] sums = {s00, s01, s02, s03, s10, s11, s12, s13};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                double sum = sums[4 * i + j].reduceLanes(VectorOperators.ADD);
                for (int k = end; k < dimension; k++) {
                    sum += probes[a + i * dimension + k] * gallery[b + j * dimension + k];
                }
                out[at + i * stride + j] = sum;
            }
        }
    }

}
