package mhlr.evaluate.protocol;

import mhlr.core.verification.NumpyMath;

/** Small float64 vector operations in numpy's summation order. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * L2-normalises in place as {@code sklearn.preprocessing.normalize}: divides by the norm, leaves a zero
     * vector unchanged. The norm is the square root of the pairwise sum of squares.
     */
    public static void normalise(double[] vector) {
        double[] squares = new double[vector.length];
        for (int k = 0; k < vector.length; k++) {
            squares[k] = vector[k] * vector[k];
        }
        double norm = Math.sqrt(NumpyMath.sum(squares));
        if (norm == 0.0) {
            return;
        }
        for (int k = 0; k < vector.length; k++) {
            vector[k] /= norm;
        }
    }

    /** {@code np.sum(np.square(a - b))}: the squared Euclidean distance, summed pairwise. */
    public static double squaredDistance(double[] a, double[] b) {
        double[] squares = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            double difference = a[k] - b[k];
            squares[k] = difference * difference;
        }
        return NumpyMath.sum(squares);
    }
}
