package mhlr.train.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * MobileFaceNet as in insightface arcface_torch ({@code backbones/mobilefacenet.py}, {@code get_mbf}: blocks
 * (1, 4, 6, 2), scale 2): a stride-2 3x3 stem, depthwise bottlenecks (1x1 expand, 3x3 depthwise, 1x1 linear
 * project, residual when the size stays), a 1x1 to 512 channels and the global depthwise head (GDC: a depthwise
 * convolution over the whole final map, BN, flatten, linear without bias, 1-d BN).
 *
 * <p>One deviation: arcface_torch's second 3x3 convolution is grouped with 64 groups over 128 channels (two channels
 * a group); SameDiff has no grouped convolution, so it is depthwise here (128 groups). Every other layer matches. The
 * GDC kernel equals the final map size (7 at 112x112 input) so smaller inputs work too.
 * Initialisation as arcface_torch: Kaiming normal (fan out) for convolutions and the linear layer.
 */
public final class MobileFaceNet implements Backbone {

    private static final int[] RESIDUAL_BLOCKS = {4, 6, 2};
    private static final int SCALE = 2;

    private final BackboneSpec spec;

    /** @param spec input size, embedding size, width multiplier (on top of arcface_torch's scale 2) */
    public MobileFaceNet(BackboneSpec spec) {
        this.spec = spec;
    }

    @Override
    public SDVariable build(NetworkBuilder net, FeatureMap images) {
        int c64 = spec.channels(64 * SCALE);
        int c128 = spec.channels(128 * SCALE);
        FeatureMap x = convBlock(net, "layers.0", images, c64, 3, 2, 1);
        x = depthwiseBlock(net, "layers.1", x, 3, 1, 1);
        x = bottleneck(net, "layers.2", x, c64, spec.channels(128), 2, false);
        x = residual(net, "layers.3", x, RESIDUAL_BLOCKS[0], spec.channels(128));
        x = bottleneck(net, "layers.4", x, c128, spec.channels(256), 2, false);
        x = residual(net, "layers.5", x, RESIDUAL_BLOCKS[1], spec.channels(256));
        x = bottleneck(net, "layers.6", x, c128, spec.channels(512), 2, false);
        x = residual(net, "layers.7", x, RESIDUAL_BLOCKS[2], spec.channels(256));
        x = convBlock(net, "conv_sep", x, spec.channels(512), 1, 1, 0);
        if (x.height() != x.width()) {
            throw new IllegalArgumentException("MobileFaceNet needs a square final map, got " + x);
        }
        FeatureMap gdc = net.depthwiseConv("features.layers.0.layers.0", x, x.height(), 1, 0,
                Init.kaimingNormalFanOut((long) x.channels() * x.height() * x.width()));
        gdc = net.batchNorm("features.layers.0.layers.1", gdc);
        long flat = gdc.elementsPerImage();
        SDVariable features = net.dropout(net.flatten(gdc), flat, spec.dropout());
        SDVariable embedding = net.linear("features.layers.2", features, flat, spec.embeddingSize(), false,
                Init.kaimingNormalFanOut(spec.embeddingSize()));
        return net.batchNorm1d("features.layers.3", embedding, spec.embeddingSize(), true);
    }

    /** Conv (no bias), BN, PReLU: arcface_torch's {@code ConvBlock}. */
    private static FeatureMap convBlock(NetworkBuilder net, String name, FeatureMap in, int out, int kernel,
            int stride, int padding) {
        FeatureMap x = net.conv(name + ".layers.0", in, out, kernel, stride, padding,
                Init.kaimingNormalFanOut((long) out * kernel * kernel));
        x = net.batchNorm(name + ".layers.1", x);
        return net.prelu(name + ".layers.2", x);
    }

    /** Depthwise conv, BN, PReLU: a {@code ConvBlock} with groups = channels. */
    private static FeatureMap depthwiseBlock(NetworkBuilder net, String name, FeatureMap in, int kernel, int stride,
            int padding) {
        FeatureMap x = net.depthwiseConv(name + ".layers.0", in, kernel, stride, padding,
                Init.kaimingNormalFanOut((long) in.channels() * kernel * kernel));
        x = net.batchNorm(name + ".layers.1", x);
        return net.prelu(name + ".layers.2", x);
    }

    /** arcface_torch's {@code DepthWise}: 1x1 expand to {@code expanded}, 3x3 depthwise, 1x1 linear to {@code out}. */
    private static FeatureMap bottleneck(NetworkBuilder net, String name, FeatureMap in, int out, int expanded,
            int stride, boolean residual) {
        FeatureMap x = convBlock(net, name + ".layers.0", in, expanded, 1, 1, 0);
        x = depthwiseBlock(net, name + ".layers.1", x, 3, stride, 1);
        x = net.conv(name + ".layers.2.layers.0", x, out, 1, 1, 0, Init.kaimingNormalFanOut(out));
        x = net.batchNorm(name + ".layers.2.layers.1", x);
        return residual ? net.add(in, x) : x;
    }

    private static FeatureMap residual(NetworkBuilder net, String name, FeatureMap in, int blocks, int expanded) {
        FeatureMap x = in;
        for (int block = 0; block < blocks; block++) {
            x = bottleneck(net, name + ".layers." + block, x, x.channels(), expanded, 1, true);
        }
        return x;
    }
}
