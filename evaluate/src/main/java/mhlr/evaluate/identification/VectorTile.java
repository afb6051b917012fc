package mhlr.evaluate.identification;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GalleryScorer}'s inner step with the Vector API: eight dot products (two probes by four gallery rows)
 * accumulated side by side in 256-bit fused multiply-adds, so each loaded vector serves four or two products.
 * Each product is bit for bit {@link GalleryScorer#dot}'s: lane l accumulates the elements l, l + 4, ... by fused
 * multiply-adds, the lanes are summed in a fixed order, and the tail past a multiple of four is added last.
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
        out[at] = sum(s00) + rest[0];
        out[at + 1] = sum(s01) + rest[1];
        out[at + 2] = sum(s02) + rest[2];
        out[at + 3] = sum(s03) + rest[3];
        out[at + stride] = sum(s10) + rest[4];
        out[at + stride + 1] = sum(s11) + rest[5];
        out[at + stride + 2] = sum(s12) + rest[6];
        out[at + stride + 3] = sum(s13) + rest[7];
    }

    /** The lanes summed as {@link GalleryScorer#dot} sums its four accumulators. */
    private static double sum(DoubleVector lanes) {
        return (lanes.lane(0) + lanes.lane(1)) + (lanes.lane(2) + lanes.lane(3));
    }
}
