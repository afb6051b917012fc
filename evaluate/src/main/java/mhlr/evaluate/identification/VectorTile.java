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
        double[] rest = new double[8];
        for (int k = end; k < dimension; k++) {
            for (int j = 0; j < 4; j++) {
                rest[j] += probes[a + k] * gallery[b + j * dimension + k];
                rest[4 + j] += probes[a1 + k] * gallery[b + j * dimension + k];
            }
        }
        out[at] = s00.reduceLanes(VectorOperators.ADD) + rest[0];
        out[at + 1] = s01.reduceLanes(VectorOperators.ADD) + rest[1];
        out[at + 2] = s02.reduceLanes(VectorOperators.ADD) + rest[2];
        out[at + 3] = s03.reduceLanes(VectorOperators.ADD) + rest[3];
        out[at + stride] = s10.reduceLanes(VectorOperators.ADD) + rest[4];
        out[at + stride + 1] = s11.reduceLanes(VectorOperators.ADD) + rest[5];
        out[at + stride + 2] = s12.reduceLanes(VectorOperators.ADD) + rest[6];
        out[at + stride + 3] = s13.reduceLanes(VectorOperators.ADD) + rest[7];
    }
}
