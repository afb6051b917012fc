package mhlr.evaluate.protocol;

/**
 * Scores template pairs: the dot product of two L2-normalised template features, summed as numpy sums
 * {@code np.sum(feat1 * feat2, -1)} (each product rounded, then pairwise summation: eight interleaved
 * accumulators per block of 128), so a score equals insightface's float64 score bit for bit given the same
 * template features.
 *
 * <p>A block of pairs is scored in cache-sized tiles: the pairs are bucketed (counting sort, stable) by the
 * tiles of their two templates, so that each tile's features are read from memory once per tile pair
 * instead of once per pair. IJB-C's 15.66 million pairs read 23,000 features about 680 times each otherwise.
 */
public final class PairScorer {
    /** Templates per tile: 64 x 512 float64 = 256 KB, two tiles fit a core's L2 cache. */
    static final int TILE = 64;
    private static final int BLOCK = 128;
    /** Whether the Vector API module is loaded (the launchers and tests add it; a bare JVM may not). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("mhlr.evaluate.scalar");

    private final double[] features;
    private final int dimension;
    private final int templates;

    public PairScorer(TemplateFeatures templates) {
        this.features = templates.features();
        this.dimension = templates.dimension();
        this.templates = templates.count();
    }

    /** The score of templates (rows) {@code left} and {@code right}. */
    public double score(int left, int right) {
        return dot(features, left * dimension, right * dimension, dimension);
    }

    /**
     * Scores pairs {@code [from, to)} of the row arrays into {@code out[0 .. to - from)}. A score of
     * {@code -0.0} is stored as {@code 0.0}.
     */
    public void score(int[] left, int[] right, int from, int to, double[] out) {
        int count = to - from;
        int tiles = (templates + TILE - 1) / TILE;
        long cells = (long) tiles * tiles;
        if (count < 4096 || cells > (1 << 22)) {
            for (int i = 0; i < count; i++) {
                out[i] = score(left[from + i], right[from + i]) + 0.0;
            }
            return;
        }
        int[] offsets = new int[(int) cells + 1];
        for (int i = from; i < to; i++) {
            offsets[cell(left[i], right[i], tiles) + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            offsets[c + 1] += offsets[c];
        }
        int[] order = new int[count];
        for (int i = from; i < to; i++) {
            order[offsets[cell(left[i], right[i], tiles)]++] = i;
        }
        for (int i : order) {
            out[i - from] = score(left[i], right[i]) + 0.0;
        }
    }

    private static int cell(int left, int right, int tiles) {
        return (left / TILE) * tiles + right / TILE;
    }

    /** numpy's pairwise sum of {@code a[i] * b[i]} over n values starting at the two offsets. */
    static double dot(double[] values, int a, int b, int n) {
        if (n < 8) {
            double result = 0.0;
            for (int i = 0; i < n; i++) {
                result += values[a + i] * values[b + i];
            }
            return result;
        }
        if (n <= BLOCK) {
            return VECTOR ? VectorDot.block(values, a, b, n) : scalarBlock(values, a, b, n);
        }
        int half = n / 2;
        half -= half % 8;
        return dot(values, a, b, half) + dot(values, a + half, b + half, n - half);
    }

    /** The block step with eight scalar accumulators. */
    static double scalarBlock(double[] values, int a, int b, int n) {
        double r0 = values[a] * values[b];
        double r1 = values[a + 1] * values[b + 1];
        double r2 = values[a + 2] * values[b + 2];
        double r3 = values[a + 3] * values[b + 3];
        double r4 = values[a + 4] * values[b + 4];
        double r5 = values[a + 5] * values[b + 5];
        double r6 = values[a + 6] * values[b + 6];
        double r7 = values[a + 7] * values[b + 7];
        int i = 8;
        int end = n - (n % 8);
        for (; i < end; i += 8) {
            r0 += values[a + i] * values[b + i];
            r1 += values[a + i + 1] * values[b + i + 1];
            r2 += values[a + i + 2] * values[b + i + 2];
            r3 += values[a + i + 3] * values[b + i + 3];
            r4 += values[a + i + 4] * values[b + i + 4];
            r5 += values[a + i + 5] * values[b + i + 5];
            r6 += values[a + i + 6] * values[b + i + 6];
            r7 += values[a + i + 7] * values[b + i + 7];
        }
        double result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
        for (; i < n; i++) {
            result += values[a + i] * values[b + i];
        }
        return result;
    }
}
