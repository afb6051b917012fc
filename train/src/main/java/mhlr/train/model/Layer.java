package mhlr.train.model;

/**
 * One layer of a backbone as {@link NetworkBuilder} added it, in the order it was added: the structure an exporter
 * translates into another graph format and an importer matches a foreign graph against. Inputs and outputs are
 * SameDiff variable names; a layer's arrays are named from {@code name} as in {@link NetworkBuilder}.
 */
public sealed interface Layer {

    /** The graph variable this layer writes. */
    String output();

    /**
     * The image input, [batch, 3, height, width] (NCHW whatever the graph's layout).
     *
     * @param output the variable that holds the images in the graph's layout
     */
    record Images(String output, int channels, int height, int width) implements Layer {
    }

    /** A convolution without bias; {@code depthwise} for one filter per channel. */
    record Convolution(String name, String input, String output, int inChannels, int outChannels, int kernel,
            int stride, int padding, boolean depthwise) implements Layer {
    }

    /**
     * Batch norm in inference form over [batch, channels, ...] ({@code spatial}) or [batch, features].
     *
     * @param learnScale false when the scale is fixed at 1 (no {@code .weight} array)
     */
    record BatchNorm(String name, String input, String output, int channels, boolean spatial, boolean learnScale)
            implements Layer {
    }

    /** PReLU with one slope per channel. */
    record PRelu(String name, String input, String output, int channels) implements Layer {
    }

    /** Elementwise sum of two feature maps. */
    record Add(String first, String second, String output) implements Layer {
    }

    /** A feature map to [batch, channels * height * width], in the graph's layout order. */
    record Flatten(String input, String output, int channels, int height, int width) implements Layer {
    }

    /** A fully connected layer, weight [in, out] in the graph. */
    record Linear(String name, String input, String output, long inFeatures, long outFeatures, boolean bias)
            implements Layer {
    }
}
