package mhlr.train.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a new parameter is filled, from the model's seeded random generator, so that the same seed gives the same
 * network. The factories mirror the PyTorch initialisers arcface_torch uses.
 */
@FunctionalInterface
public interface Init {

    /** Fills {@code target} in place. */
    void fill(INDArray target, Random random);

    /** Every value equal to {@code value} (batch-norm scale 1 and shift 0, PReLU slope 0.25). */
    static Init constant(double value) {
        return (target, random) -> target.assign(value);
    }

    /** Normal with mean 0 and the given standard deviation ({@code nn.init.normal_}). */
    static Init normal(double standardDeviation) {
        return (target, random) -> {
            Nd4j.randn(target, random);
            target.muli(standardDeviation);
        };
    }

    /** Uniform in [-bound, bound]. */
    static Init uniform(double bound) {
        return (target, random) -> Nd4j.rand(target, -bound, bound, random);
    }

    /** PyTorch's default for {@code nn.Linear} weight and bias: uniform in +-1/sqrt(fan_in). */
    static Init linearDefault(long fanIn) {
        return uniform(1.0 / Math.sqrt(fanIn));
    }

    /** {@code kaiming_normal_(mode='fan_out', nonlinearity='relu')}: normal with std sqrt(2 / fan_out). */
    static Init kaimingNormalFanOut(long fanOut) {
        return normal(Math.sqrt(2.0 / fanOut));
    }
}
