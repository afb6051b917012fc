package mhlr.train.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A feature map in a graph under construction together with its static size, so that layers can size their weights
 * and count their multiply-accumulates without running the graph.
 *
 * @param value    the graph variable, [batch, channels, height, width] or [batch, height, width, channels]
 * @param channels number of channels
 * @param height   height in pixels
 * @param width    width in pixels
 */
public record FeatureMap(SDVariable value, int channels, int height, int width) {

    /** Number of values per image. */
    public long elementsPerImage() {
        return (long) channels * height * width;
    }
}
