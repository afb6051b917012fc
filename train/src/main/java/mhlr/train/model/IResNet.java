package mhlr.train.model;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The "improved" ResNet of insightface arcface_torch ({@code backbones/iresnet.py}): a 3x3 stem (64 channels, stride
 * 1) with BN and PReLU, four stages of {@code IBasicBlock}s at 64/128/256/512 channels, each stage halving the size
 * in its first block, then BN, flatten, dropout, a fully connected layer to the embedding and a 1-d BN whose scale is
 * fixed at 1 ({@code features}). At 112x112 input the last stage is 7x7, so the fully connected layer sees
 * 512 * 7 * 7 values.
 *
 * <p>Block: BN, conv3x3 (stride 1), BN, PReLU, conv3x3 (the stage's stride), BN, plus the shortcut, which is a
 * conv1x1 with the stride followed by BN when the size or the channel count changes ({@code downsample}).
 * Initialisation as arcface_torch: convolutions normal(0, 0.1), BN scale 1 and shift 0, PReLU 0.25, the fully
 * connected layer PyTorch's default.
 */
public final class IResNet implements Backbone {

    private static final int[] STAGE_CHANNELS = {64, 128, 256, 512};
    private static final double CONVOLUTION_STD = 0.1;

    private final int[] blocksPerStage;
    private final double channelScale;
    private final BackboneSpec spec;

    /**
     * @param blocksPerStage blocks in each of the four stages ({@code [2, 2, 2, 2]} for iResNet-18)
     * @param channelScale   extra factor on the stage widths (1 for the published networks)
     * @param spec           input size, embedding size, width multiplier, dropout
     */
    public IResNet(int[] blocksPerStage, double channelScale, BackboneSpec spec) {
        if (blocksPerStage.length != 4 || Arrays.stream(blocksPerStage).anyMatch(blocks -> blocks < 1)) {
            throw new IllegalArgumentException("an iResNet has four stages of at least one block, got "
                    + Arrays.toString(blocksPerStage));
        }
        this.blocksPerStage = blocksPerStage.clone();
        this.channelScale = channelScale;
        this.spec = spec;
    }

    @Override
    public SDVariable build(NetworkBuilder net, FeatureMap images) {
        Init convolution = Init.normal(CONVOLUTION_STD);
        FeatureMap x = net.conv("conv1", images, channels(STAGE_CHANNELS[0]), 3, 1, 1, convolution);
        x = net.batchNorm("bn1", x);
        x = net.prelu("prelu", x);
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 0; block < blocksPerStage[stage]; block++) {
                String name = "layer" + (stage + 1) + "." + block;
                x = block(net, name, x, channels(STAGE_CHANNELS[stage]), block == 0 ? 2 : 1, convolution);
            }
        }
        x = net.batchNorm("bn2", x);
        long flat = x.elementsPerImage();
        SDVariable features = net.dropout(net.flatten(x), flat, spec.dropout());
        SDVariable embedding = net.linear("fc", features, flat, spec.embeddingSize(), true, Init.linearDefault(flat));
        return net.batchNorm1d("features", embedding, spec.embeddingSize(), false);
    }

    private static FeatureMap block(NetworkBuilder net, String name, FeatureMap in, int planes, int stride,
            Init convolution) {
        FeatureMap out = net.batchNorm(name + ".bn1", in);
        out = net.conv(name + ".conv1", out, planes, 3, 1, 1, convolution);
        out = net.batchNorm(name + ".bn2", out);
        out = net.prelu(name + ".prelu", out);
        out = net.conv(name + ".conv2", out, planes, 3, stride, 1, convolution);
        out = net.batchNorm(name + ".bn3", out);
        FeatureMap shortcut = in;
        if (stride != 1 || in.channels() != planes) {
            shortcut = net.conv(name + ".downsample.0", in, planes, 1, stride, 0, convolution);
            shortcut = net.batchNorm(name + ".downsample.1", shortcut);
        }
        return net.add(out, shortcut);
    }

    private int channels(int base) {
        return spec.channels(Math.max(1, (int) Math.round(base * channelScale)));
    }
}
