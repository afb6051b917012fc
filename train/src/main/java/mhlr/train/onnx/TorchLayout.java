package mhlr.train.onnx;

import mhlr.train.model.Layout;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Converts weights between this project's storage (ND4J's convolution order [kernel, kernel, in, out], linear
 * [in, out], flatten in the graph's layout) and PyTorch's, which ONNX graphs use (convolution [out, in, kernel,
 * kernel], depthwise [channels, 1, kernel, kernel], linear [out, in] over a channel-first flatten, PReLU slopes
 * [channels, 1, 1]). Every conversion is a pure reordering, so a round trip gives the same values bit for bit.
 */
final class TorchLayout {

    private TorchLayout() {
    }

    /** [k, k, in, out] to [out, in, k, k]; depthwise [k, k, c, 1] to [c, 1, k, k]. */
    static INDArray convolutionToTorch(INDArray weight, boolean depthwise) {
        return (depthwise ? weight.permute(2, 3, 0, 1) : weight.permute(3, 2, 0, 1)).dup('c');
    }

    /** The inverse of {@link #convolutionToTorch}. */
    static INDArray convolutionFromTorch(INDArray weight, boolean depthwise) {
        return (depthwise ? weight.permute(2, 3, 0, 1) : weight.permute(2, 3, 1, 0)).dup('c');
    }

    /**
     * [in, out] to [out, in] with the inputs in channel-first order.
     *
     * @param flattened the [channels, height, width] of the map flattened in front, or null when the input is a vector
     */
    static INDArray linearToTorch(INDArray weight, Layout layout, int[] flattened) {
        INDArray channelFirst = weight;
        if (layout == Layout.NHWC && flattened != null) {
            long out = weight.size(1);
            channelFirst = weight.reshape(flattened[1], flattened[2], flattened[0], out).permute(2, 0, 1, 3)
                    .dup('c').reshape(weight.size(0), out);
        }
        return channelFirst.transpose().dup('c');
    }

    /** The inverse of {@link #linearToTorch}. */
    static INDArray linearFromTorch(INDArray weight, Layout layout, int[] flattened) {
        INDArray inOut = weight.transpose().dup('c');
        if (layout == Layout.NHWC && flattened != null) {
            long out = inOut.size(1);
            return inOut.reshape(flattened[0], flattened[1], flattened[2], out).permute(1, 2, 0, 3).dup('c')
                    .reshape(inOut.size(0), out);
        }
        return inOut;
    }

    /** PReLU slopes [c] to [c, 1, 1], which broadcast over [batch, c, height, width]. */
    static INDArray slopesToTorch(INDArray slopes) {
        return slopes.dup('c').reshape(slopes.length(), 1, 1);
    }

    /** PReLU slopes of any shape holding one value per channel to [c]. */
    static INDArray slopesFromTorch(INDArray slopes) {
        return slopes.dup('c').reshape(slopes.length());
    }
}
