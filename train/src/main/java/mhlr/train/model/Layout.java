package mhlr.train.model;

/**
 * Memory layout of the feature maps inside a graph. Images always arrive as NCHW; an NHWC graph transposes them once
 * at its input. The layout changes the flatten order in front of the embedding layer, so it is part of the
 * architecture ({@link BackboneSpec}) and a model trained in one layout is loaded in the same one.
 */
public enum Layout {
    /** Batch, channels, height, width: PyTorch's layout. */
    NCHW,
    /** Batch, height, width, channels. */
    NHWC;

    /** The {@code dataFormat} string of ND4J's convolution configs. */
    String convolutionFormat() {
        return name();
    }

    /** The axes a per-channel statistic (batch norm) reduces over. */
    int[] spatialAndBatchAxes() {
        return this == NCHW ? new int[] {0, 2, 3} : new int[] {0, 1, 2};
    }

    /** The shape that broadcasts a per-channel vector of {@code channels} values over a feature map. */
    long[] channelBroadcastShape(int channels) {
        return this == NCHW ? new long[] {1, channels, 1, 1} : new long[] {1, 1, 1, channels};
    }
}
