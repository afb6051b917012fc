package mhlr.evaluate.identification;

/**
 * Dot products of probe rows with every gallery row ({@code np.dot(probes, gallery.T)} in float64), in cache
 * blocks: a block of gallery rows stays in the core's cache while a block of probes passes over it, two probes by
 * four gallery rows at a time ({@link VectorTile}'s 256-bit fused multiply-adds, or a plain loop without the
 * Vector API). numpy hands this product to BLAS, whose summation
 * order is its own; scores agree with it to rounding, and exactly where the products are exact.
 */
final class GalleryScorer {
    /** Whether the Vector API module is loaded (the launchers and tests add it; a bare JVM may not). */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final int GALLERY_BLOCK = 48;

    private GalleryScorer() {
    }

    /**
     * Scores probes {@code [from, from + count)} of {@code probes} against all of {@code gallery} into
     * {@code out} ({@code [count, galleryRows]}, row-major).
     */
    static void score(double[] probes, int from, int count, double[] gallery, int galleryRows, int dimension,
            double[] out) {
        for (int g0 = 0; g0 < galleryRows; g0 += GALLERY_BLOCK) {
            int g1 = Math.min(galleryRows, g0 + GALLERY_BLOCK);
            int p = 0;
            for (; p + 1 < count; p += 2) {
                int g = g0;
                for (; g + 3 < g1; g += 4) {
                    if (VECTOR) {
                        VectorTile.tile(probes, (from + p) * dimension, gallery, g * dimension, dimension, out,
                                p * galleryRows + g, galleryRows);
                    } else {
                        for (int i = 0; i < 2; i++) {
                            for (int j = 0; j < 4; j++) {
                                out[(p + i) * galleryRows + g + j] = dot(probes, (from + p + i) * dimension, gallery,
                                        (g + j) * dimension, dimension);
                            }
                        }
                    }
                }
                for (; g < g1; g++) {
                    out[p * galleryRows + g] = dot(probes, (from + p) * dimension, gallery, g * dimension, dimension);
                    out[(p + 1) * galleryRows + g] = dot(probes, (from + p + 1) * dimension, gallery, g * dimension,
                            dimension);
                }
            }
            for (; p < count; p++) {
                for (int g = g0; g < g1; g++) {
                    out[p * galleryRows + g] = dot(probes, (from + p) * dimension, gallery, g * dimension, dimension);
                }
            }
        }
    }

    /**
     * One dot product in the arithmetic of {@link VectorTile}: four accumulators, accumulator l taking elements
     * l, l + 4, ... by fused multiply-adds, summed as {@code (l0 + l1) + (l2 + l3)}, then the tail past a multiple of
     * four summed in order and added. Every score has this arithmetic, with or without the Vector API and wherever
     * its row falls in a tile, so equal rows score equal and runs agree bit for bit.
     */
    static double dot(double[] left, int a, double[] right, int b, int dimension) {
        int end = dimension - dimension % 4;
        double l0 = 0;
        double l1 = 0;
        double l2 = 0;
        double l3 = 0;
        for (int k = 0; k < end; k += 4) {
            l0 = Math.fma(left[a + k], right[b + k], l0);
            l1 = Math.fma(left[a + k + 1], right[b + k + 1], l1);
            l2 = Math.fma(left[a + k + 2], right[b + k + 2], l2);
            l3 = Math.fma(left[a + k + 3], right[b + k + 3], l3);
        }
        double rest = 0;
        for (int k = end; k < dimension; k++) {
            rest += left[a + k] * right[b + k];
        }
        return ((l0 + l1) + (l2 + l3)) + rest;
    }
}
