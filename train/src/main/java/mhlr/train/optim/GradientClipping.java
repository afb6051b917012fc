package mhlr.train.optim;

import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code clip_grad_norm_(parameters, max_norm)} with the 2-norm: the norm of all gradients taken together;
 * if it exceeds {@code max_norm}, every gradient is multiplied by max_norm / (norm + 1e-6). arcface_torch clips the
 * backbone's gradients at 5 and leaves the class centres' alone.
 */
public final class GradientClipping {

    private static final double EPSILON = 1e-6;

    private GradientClipping() {
    }

    /** The 2-norm of all the arrays taken as one vector. */
    public static double globalNorm(Collection<INDArray> gradients) {
        double sumOfSquares = 0;
        for (INDArray gradient : gradients) {
            double norm = gradient.norm2Number().doubleValue();
            sumOfSquares += norm * norm;
        }
        return Math.sqrt(sumOfSquares);
    }

    /**
     * Scales {@code gradients} in place so that their global norm is at most {@code maxNorm}.
     *
     * @return the global norm before clipping (what {@code clip_grad_norm_} returns)
     */
    public static double clipByGlobalNorm(Collection<INDArray> gradients, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maximum gradient norm must be positive, got " + maxNorm);
        }
        double norm = globalNorm(gradients);
        double factor = maxNorm / (norm + EPSILON);
        if (factor < 1) {
            for (INDArray gradient : gradients) {
                gradient.muli(factor);
            }
        }
        return norm;
    }
}
