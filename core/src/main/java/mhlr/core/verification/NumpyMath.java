package mhlr.core.verification;

/**
 * numpy's float64 reductions in numpy's order, so means, standard deviations and areas agree with numpy to
 * the last bit. {@code np.sum} over a contiguous axis uses pairwise summation: below 8 values a plain loop,
 * up to 128 values eight interleaved accumulators, above that the two halves (split at a multiple of 8)
 * summed recursively.
 */
public final class NumpyMath {
    private static final int BLOCK = 128;

    private NumpyMath() {
    }

    /** {@code np.sum(values)}. */
    public static double sum(double[] values) {
        return 0.0 + pairwise(values, 0, values.length);
    }

    /** {@code np.mean(values)}. */
    public static double mean(double[] values) {
        return sum(values) / values.length;
    }

    /** {@code np.std(values)}: the population standard deviation (ddof 0), as numpy computes it. */
    public static double std(double[] values) {
        double mean = mean(values);
        double[] squares = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double deviation = values[i] - mean;
            squares[i] = deviation * deviation;
        }
        return Math.sqrt(sum(squares) / values.length);
    }

    /** numpy's {@code pairwise_sum} over {@code values[from, from + n)}. */
    static double pairwise(double[] values, int from, int n) {
        if (n < 8) {
            double result = 0.0;
            for (int i = 0; i < n; i++) {
                result += values[from + i];
            }
            return result;
        }
        if (n <= BLOCK) {
            double r0 = values[from];
            double r1 = values[from + 1];
            double r2 = values[from + 2];
            double r3 = values[from + 3];
            double r4 = values[from + 4];
            double r5 = values[from + 5];
            double r6 = values[from + 6];
            double r7 = values[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += values[from + i];
                r1 += values[from + i + 1];
                r2 += values[from + i + 2];
                r3 += values[from + i + 3];
                r4 += values[from + i + 4];
                r5 += values[from + i + 5];
                r6 += values[from + i + 6];
                r7 += values[from + i + 7];
            }
            double result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                result += values[from + i];
            }
            return result;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(values, from, half) + pairwise(values, from + half, n - half);
    }
}
