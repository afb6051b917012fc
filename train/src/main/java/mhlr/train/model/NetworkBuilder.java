package mhlr.train.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.BatchNorm;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2DDerivative;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2DBp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.reduce.TensorMmul;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds layers to a SameDiff graph and owns their arrays: trainable parameters, and the running statistics of batch
 * norm ("buffers", as PyTorch calls them). Names follow PyTorch's {@code state_dict} ({@code layer1.0.conv1.weight}),
 * so a reader of arcface_torch finds every tensor. Convolution weights are stored as ND4J wants them,
 * [kernel, kernel, in, out]; linear weights as [in, out].
 *
 * <p>In a {@link GraphMode#TRAINING} graph every layer also records its backward pass on the {@link GradientTape};
 * batch norm normalises with the batch statistics (ND4J's fused {@code moments} and {@code batchnorm}, whose
 * {@code batchnorm_bp} gives the full training-mode gradient) and reports them for the running statistics. An
 * {@link GraphMode#INFERENCE} graph normalises with the running statistics and records nothing.
 *
 * <p>An array is taken from the given existing arrays when one of that name is there (loading a model, or an
 * inference graph sharing a training graph's live arrays) and otherwise created and filled from the seeded random
 * generator in the order the layers are added, so that a seed fixes the network.
 *
 * <p>The builder also counts multiply-accumulates per image of convolutions and matrix products, for throughput
 * figures in FLOP/s.
 */
public final class NetworkBuilder {

    /** Name of the image placeholder: [batch, 3, height, width], NCHW whatever the graph's layout. */
    public static final String IMAGES = "images";
    /** Prefix of the placeholders of ones, [batch, height, width], that per-channel sums of NHWC maps use. */
    public static final String ONES_PREFIX = "ones.";
    /** Name of the dropout-mask placeholder of training graphs with dropout: [batch, features], 0 or 1/(1-rate). */
    public static final String DROPOUT_MASK = "dropout_mask";
    /** Batch-norm epsilon, as arcface_torch. */
    public static final double BATCH_NORM_EPSILON = 1e-5;
    /** Initial PReLU slope, as PyTorch. */
    public static final double PRELU_INITIAL_SLOPE = 0.25;

    private final SameDiff sd;
    private final GraphMode mode;
    private final Layout layout;
    private final DataType dataType;
    private final Map<String, INDArray> existing;
    private final Random random;
    private final GradientTape tape;
    private final Map<String, INDArray> parameters = new LinkedHashMap<>();
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();
    private final List<BatchNormLayer> batchNorms = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, long[]> onesPlaceholders = new LinkedHashMap<>();
    private final Map<Long, SDVariable> inverseCounts = new HashMap<>();
    private long multiplyAccumulates;
    private double dropoutRate;

    /**
     * How a graph is built.
     *
     * @param mode     training (batch statistics, backward recorded) or inference (running statistics)
     * @param layout   feature-map layout inside the graph
     * @param dataType type of parameters and activations (FLOAT to train; DOUBLE for gradient checks)
     */
    public record Form(GraphMode mode, Layout layout, DataType dataType) {
    }

    /**
     * @param sd       the graph to add to
     * @param form     its mode, layout and data type
     * @param existing arrays to reuse by name (may be empty)
     * @param random   generator for arrays that are not in {@code existing}; null when every array must be there
     */
    public NetworkBuilder(SameDiff sd, Form form, Map<String, INDArray> existing, Random random) {
        this.sd = sd;
        this.mode = form.mode();
        this.layout = form.layout();
        this.dataType = form.dataType();
        this.existing = existing;
        this.random = random;
        this.tape = mode == GraphMode.TRAINING ? new GradientTape() : null;
    }

    /** The graph under construction. */
    public SameDiff sameDiff() {
        return sd;
    }

    /** The data type of parameters and activations. */
    public DataType dataType() {
        return dataType;
    }

    /** The backward record of a training graph. */
    public GradientTape tape() {
        if (tape == null) {
            throw new IllegalStateException("an inference graph has no gradient tape");
        }
        return tape;
    }

    /** Creates the image placeholder (NCHW) and returns it in the graph's layout. */
    public FeatureMap images(int channels, int height, int width) {
        SDVariable images = sd.placeHolder(IMAGES, dataType, -1, channels, height, width);
        SDVariable inLayout = layout == Layout.NCHW ? images : images.permute(0, 2, 3, 1);
        layers.add(new Layer.Images(inLayout.name(), channels, height, width));
        return new FeatureMap(inLayout, channels, height, width);
    }

    /** A convolution without bias (all convolutions in these backbones are followed by batch norm). */
    public FeatureMap conv(String name, FeatureMap in, int outChannels, int kernel, int stride, int padding,
            Init init) {
        String weightName = name + ".weight";
        SDVariable weight = parameter(weightName, new long[] {kernel, kernel, in.channels(), outChannels}, init);
        int height = outputSize(in.height(), kernel, stride, padding);
        int width = outputSize(in.width(), kernel, stride, padding);
        multiplyAccumulates += (long) height * width * outChannels * in.channels() * kernel * kernel;
        Conv2DConfig config = convolution(kernel, stride, padding);
        SDVariable x = in.value();
        SDVariable out = sd.cnn().conv2d(x, weight, config);
        layers.add(new Layer.Convolution(name, x.name(), out.name(), in.channels(), outChannels, kernel, stride,
                padding, false));
        record(out, (gradient, t) -> {
            SDVariable[] grads = new Conv2DDerivative(sd, new SDVariable[] {x, weight, gradient}, config)
                    .outputVariables();
            t.addGradient(x, grads[0]);
            t.addParameterGradient(weightName, grads[1]);
        });
        return new FeatureMap(out, outChannels, height, width);
    }

    /** A depthwise convolution (one filter per channel, PyTorch's {@code groups = channels}) without bias. */
    public FeatureMap depthwiseConv(String name, FeatureMap in, int kernel, int stride, int padding, Init init) {
        String weightName = name + ".weight";
        SDVariable weight = parameter(weightName, new long[] {kernel, kernel, in.channels(), 1}, init);
        int height = outputSize(in.height(), kernel, stride, padding);
        int width = outputSize(in.width(), kernel, stride, padding);
        multiplyAccumulates += (long) height * width * in.channels() * kernel * kernel;
        Conv2DConfig config = convolution(kernel, stride, padding);
        SDVariable x = in.value();
        SDVariable out = sd.cnn().depthWiseConv2d(x, weight, config);
        layers.add(new Layer.Convolution(name, x.name(), out.name(), in.channels(), in.channels(), kernel, stride,
                padding, true));
        record(out, (gradient, t) -> {
            SDVariable[] grads = new DepthwiseConv2DBp(sd, x, weight, null, gradient, config).outputVariables();
            t.addGradient(x, grads[0]);
            t.addParameterGradient(weightName, grads[1]);
        });
        return new FeatureMap(out, in.channels(), height, width);
    }

    /** {@code nn.BatchNorm2d(channels, eps=1e-5)} with learnt scale (init 1) and shift (init 0). */
    public FeatureMap batchNorm(String name, FeatureMap in) {
        int channelAxis = layout == Layout.NCHW ? 1 : 3;
        SDVariable out = normalise(name, in.value(), in.channels(), in.height(), in.width(), channelAxis,
                layout.channelBroadcastShape(in.channels()), true);
        layers.add(new Layer.BatchNorm(name, in.value().name(), out.name(), in.channels(), true, true));
        return new FeatureMap(out, in.channels(), in.height(), in.width());
    }

    /**
     * {@code nn.BatchNorm1d(features, eps=1e-5)} over [batch, features].
     *
     * @param learnScale false for arcface_torch's {@code features} layer, whose scale is fixed at 1
     */
    public SDVariable batchNorm1d(String name, SDVariable in, int features, boolean learnScale) {
        SDVariable out = normalise(name, in, features, 0, 0, 1, new long[] {1, features}, learnScale);
        layers.add(new Layer.BatchNorm(name, in.name(), out.name(), features, false, learnScale));
        return out;
    }

    /**
     * {@code nn.PReLU(channels)}: max(x, 0) + slope * min(x, 0) with one slope per channel (init 0.25). Backward:
     * dx = dy * (slope + (1 - slope) * step(x)), dslope = per-channel sum of dy * min(x, 0).
     */
    public FeatureMap prelu(String name, FeatureMap in) {
        String slopeName = name + ".weight";
        long[] broadcast = layout.channelBroadcastShape(in.channels());
        SDVariable slope = parameter(slopeName, new long[] {in.channels()}, Init.constant(PRELU_INITIAL_SLOPE));
        SDVariable x = in.value();
        SDVariable negative = sd.scalarMin(x, 0);
        SDVariable out = x.add(negative.mul(slope.sub(1).reshape(broadcast)));
        layers.add(new Layer.PRelu(name, x.name(), out.name(), in.channels()));
        record(out, (gradient, t) -> {
            SDVariable positive = sd.math().step(x, 0);
            SDVariable slopes = positive.mul(slope.rsub(1).reshape(broadcast)).add(slope.reshape(broadcast));
            t.addGradient(x, gradient.mul(slopes));
            t.addParameterGradient(slopeName, channelSum(gradient.mul(negative), in.height(), in.width()));
        });
        return new FeatureMap(out, in.channels(), in.height(), in.width());
    }

    /** Elementwise sum of two feature maps of the same size (residual connection). */
    public FeatureMap add(FeatureMap a, FeatureMap b) {
        if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalArgumentException("cannot add feature maps of different sizes: " + a + " and " + b);
        }
        SDVariable out = a.value().add(b.value());
        layers.add(new Layer.Add(a.value().name(), b.value().name(), out.name()));
        record(out, (gradient, t) -> {
            t.addGradient(a.value(), gradient);
            t.addGradient(b.value(), gradient);
        });
        return new FeatureMap(out, a.channels(), a.height(), a.width());
    }

    /** [batch, features] from a feature map, in the graph's layout order. */
    public SDVariable flatten(FeatureMap in) {
        SDVariable out = in.value().reshape(-1, in.elementsPerImage());
        layers.add(new Layer.Flatten(in.value().name(), out.name(), in.channels(), in.height(), in.width()));
        long[] shape = layout == Layout.NCHW
                ? new long[] {-1, in.channels(), in.height(), in.width()}
                : new long[] {-1, in.height(), in.width(), in.channels()};
        record(out, (gradient, t) -> t.addGradient(in.value(), gradient.reshape(shape)));
        return out;
    }

    /**
     * Inverted dropout ({@code nn.Dropout(p)}): in a training graph with a positive rate, multiplies by the
     * {@link #DROPOUT_MASK} placeholder the trainer fills each step; identity otherwise.
     */
    public SDVariable dropout(SDVariable in, long features, double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        if (mode == GraphMode.INFERENCE || rate == 0) {
            return in;
        }
        if (dropoutRate != 0) {
            throw new IllegalStateException("a graph supports one dropout layer");
        }
        dropoutRate = rate;
        SDVariable mask = sd.placeHolder(DROPOUT_MASK, dataType, -1, features);
        SDVariable out = in.mul(mask);
        record(out, (gradient, t) -> t.addGradient(in, gradient.mul(mask)));
        return out;
    }

    /** {@code nn.Linear}: [batch, in] x [in, out] (+ bias). */
    public SDVariable linear(String name, SDVariable in, long inFeatures, long outFeatures, boolean bias,
            Init weightInit) {
        String weightName = name + ".weight";
        String biasName = name + ".bias";
        SDVariable weight = parameter(weightName, new long[] {inFeatures, outFeatures}, weightInit);
        multiplyAccumulates += inFeatures * outFeatures;
        SDVariable product = in.mmul(weight);
        SDVariable out = bias
                ? product.add(parameter(biasName, new long[] {outFeatures}, Init.linearDefault(inFeatures)))
                : product;
        layers.add(new Layer.Linear(name, in.name(), out.name(), inFeatures, outFeatures, bias));
        record(out, (gradient, t) -> {
            t.addGradient(in, sd.mmul(gradient, weight, false, true, false));
            t.addParameterGradient(weightName, sd.mmul(in, gradient, true, false, false));
            if (bias) {
                t.addParameterGradient(biasName, gradient.sum(0));
            }
        });
        return out;
    }

    /** The layers added so far, in order. */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Trainable parameters by name, in creation order (live arrays: the graph reads them). */
    public Map<String, INDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Running statistics by name (live arrays). */
    public Map<String, INDArray> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** Batch-norm layers of a training graph, whose batch statistics move the running ones. */
    public List<BatchNormLayer> batchNorms() {
        return Collections.unmodifiableList(batchNorms);
    }

    /** Placeholders of ones a training graph needs, by name, with their [height, width]; fill as [batch, h, w]. */
    public Map<String, long[]> onesPlaceholders() {
        return Collections.unmodifiableMap(onesPlaceholders);
    }

    /** Multiply-accumulates per image of the convolutions and matrix products added so far (forward pass). */
    public long multiplyAccumulatesPerImage() {
        return multiplyAccumulates;
    }

    /** The dropout rate of a training graph (0 when it has no dropout mask). */
    public double dropoutRate() {
        return dropoutRate;
    }

    /**
     * Batch norm of a feature map ({@code height} x {@code width}) or, with height 0, of [batch, features]. Training
     * graphs normalise with the batch statistics, from per-channel sums: with n values per channel, centred =
     * x - mean, var = sum(centred^2) / n, y = centred * scale / sqrt(var + eps) + shift. Backward, with
     * inv = 1/sqrt(var + eps) and a = scale inv: dshift = sum(dy), dscale = inv sum(dy centred), dx = a dy
     * - a inv dscale / n * centred - a dshift / n, in a few elementwise passes (libnd4j's fused
     * {@code batchnorm_bp} measured 3-4 times slower, and its {@code moments} over NHWC 4-5 times).
     */
    private SDVariable normalise(String name, SDVariable x, int channels, int height, int width, int channelAxis,
            long[] broadcast, boolean learnScale) {
        String scaleName = name + ".weight";
        String shiftName = name + ".bias";
        SDVariable shift = parameter(shiftName, new long[] {channels}, Init.constant(0));
        SDVariable scale = learnScale
                ? parameter(scaleName, new long[] {channels}, Init.constant(1))
                : sd.constant(name + ".fixed_weight", Nd4j.ones(dataType, channels));
        INDArray runningMean = buffer(name + ".running_mean", channels, 0);
        INDArray runningVariance = buffer(name + ".running_var", channels, 1);
        if (mode == GraphMode.INFERENCE) {
            SDVariable mean = sd.var(name + ".running_mean", runningMean);
            SDVariable variance = sd.var(name + ".running_var", runningVariance);
            return new BatchNorm(sd, x, mean, variance, scale, shift, BATCH_NORM_EPSILON, new int[] {channelAxis})
                    .outputVariable();
        }
        long valuesPerImage = height == 0 ? 1 : (long) height * width;
        SDVariable inverseCount = inverseCount(x, valuesPerImage);
        SDVariable mean = channelSum(x, height, width).mul(name + ".batch_mean", inverseCount);
        SDVariable centred = x.sub(mean.reshape(broadcast));
        SDVariable variance = channelSum(centred.mul(centred), height, width).mul(name + ".batch_var", inverseCount);
        batchNorms.add(new BatchNormLayer(name, mean.name(), variance.name(), channels, valuesPerImage));
        SDVariable inverseDeviation = sd.math().rsqrt(variance.add(BATCH_NORM_EPSILON));
        SDVariable factor = scale.mul(inverseDeviation);
        SDVariable out = centred.mul(factor.reshape(broadcast)).add(shift.reshape(broadcast));
        record(out, (gradient, t) -> {
            SDVariable shiftGradient = channelSum(gradient, height, width);
            SDVariable scaleGradient = inverseDeviation.mul(channelSum(gradient.mul(centred), height, width));
            SDVariable centredFactor = factor.mul(inverseDeviation).mul(scaleGradient).mul(inverseCount).neg();
            SDVariable offset = factor.mul(shiftGradient).mul(inverseCount).neg();
            SDVariable inputGradient = gradient.mul(factor.reshape(broadcast))
                    .add(centred.mul(centredFactor.reshape(broadcast))).add(offset.reshape(broadcast));
            t.addGradient(x, inputGradient);
            if (learnScale) {
                t.addParameterGradient(scaleName, scaleGradient);
            }
            t.addParameterGradient(shiftName, shiftGradient);
        });
        return out;
    }

    /**
     * Per-channel sum over batch and space of a feature map ({@code height} 0: of [batch, features]). Over NHWC maps
     * it is a tensor product with a placeholder of ones (a matrix-vector product, about six times faster than
     * libnd4j's strided {@code reduce_sum}).
     */
    private SDVariable channelSum(SDVariable values, int height, int width) {
        if (height == 0) {
            return values.sum(0);
        }
        if (layout == Layout.NCHW) {
            return values.sum(0, 2, 3);
        }
        String onesName = ONES_PREFIX + height + "x" + width;
        SDVariable ones = sd.hasVariable(onesName)
                ? sd.getVariable(onesName)
                : sd.placeHolder(onesName, dataType, -1, height, width);
        onesPlaceholders.put(onesName, new long[] {height, width});
        int[] batchAndSpace = {0, 1, 2};
        // M2.1's SameDiff.tensorMmul passes only the first axis of each side to the op; this constructor passes all.
        return new TensorMmul(sd, values, ones, new int[][] {batchAndSpace, batchAndSpace}).outputVariable();
    }

    /** 1 / (batch * valuesPerImage), one graph variable per map size. */
    private SDVariable inverseCount(SDVariable x, long valuesPerImage) {
        return inverseCounts.computeIfAbsent(valuesPerImage,
                size -> sd.sizeAt(x, 0).castTo(dataType).mul(size).rdiv(1.0));
    }

    private void record(SDVariable output, GradientTape.Backward backward) {
        if (tape != null) {
            tape.record(output, backward);
        }
    }

    private SDVariable parameter(String name, long[] shape, Init init) {
        if (parameters.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalStateException("two parameters named " + name);
        }
        INDArray array = existingOrNew(name, shape, init);
        parameters.put(name, array);
        return sd.var(name, array);
    }

    private INDArray buffer(String name, int channels, double initialValue) {
        INDArray array = existingOrNew(name, new long[] {channels}, Init.constant(initialValue));
        buffers.put(name, array);
        return array;
    }

    private INDArray existingOrNew(String name, long[] shape, Init init) {
        INDArray given = existing.get(name);
        if (given != null) {
            if (!Arrays.equals(given.shape(), shape)) {
                throw new IllegalArgumentException("array " + name + " has shape " + Arrays.toString(given.shape())
                        + ", the network needs " + Arrays.toString(shape));
            }
            return given.dataType() == dataType ? given : given.castTo(dataType);
        }
        if (random == null) {
            throw new IllegalArgumentException("the model has no array named " + name);
        }
        INDArray created = Nd4j.create(dataType, shape);
        init.fill(created, random);
        return created;
    }

    private Conv2DConfig convolution(int kernel, int stride, int padding) {
        return Conv2DConfig.builder().kH(kernel).kW(kernel).sH(stride).sW(stride).pH(padding).pW(padding)
                .dH(1).dW(1).dataFormat(layout.convolutionFormat()).build();
    }

    private static int outputSize(int in, int kernel, int stride, int padding) {
        int out = (in + 2 * padding - kernel) / stride + 1;
        if (out < 1) {
            throw new IllegalArgumentException("input of " + in + " pixels is too small for a " + kernel
                    + "x" + kernel + " convolution with stride " + stride);
        }
        return out;
    }
}
