package mhlr.train.model;

import java.util.Collections;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.BatchNormDerivative;

/**
 * libnd4j's {@code batchnorm_bp} with the output types declared (M2.1's class inherits the forward op's check of 3 to
 * 5 inputs and fails on its own 6). Inputs: x, batch mean, batch variance, scale, shift, output gradient; outputs:
 * input gradient, mean gradient, variance gradient, scale gradient, shift gradient. The input gradient is the full
 * training-mode derivative (the batch statistics depend on x), as the tests confirm against finite differences.
 */
final class BatchNormBackward extends BatchNormDerivative {

    private static final int OUTPUTS = 5;

    BatchNormBackward(SameDiff sd, SDVariable input, SDVariable mean, SDVariable variance, SDVariable scale,
            SDVariable shift, SDVariable outputGradient, double epsilon, int axis) {
        super(sd, new SDVariable[] {input, mean, variance, scale, shift, outputGradient}, null, null, false, true, true,
                epsilon, new int[] {axis});
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> inputDataTypes) {
        return Collections.nCopies(OUTPUTS, inputDataTypes.get(0));
    }

    @Override
    public int getNumOutputs() {
        return OUTPUTS;
    }
}
