package mhlr.train.model;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mhlr.train.loss.CombinedMarginLoss;
import mhlr.train.loss.PartialFcSampler;
import mhlr.train.optim.GradientClipping;
import mhlr.train.optim.Sgd;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network the trainer loop drives: a backbone, the margin-softmax head over all class centres (or a Partial FC
 * sample of them) and SGD, as insightface arcface_torch trains. One {@link #step} = one execution of a SameDiff graph
 * that holds the forward pass and its gradient ({@link GradientTape}, {@link CombinedMarginLoss#build}), then the
 * running-statistics update, clipping of the backbone's gradient norm and the SGD update, in Java on the returned
 * arrays. The graph's intermediate arrays are reused from step to step ({@link StepMemory}).
 *
 * <p>State for checkpoints: {@link #parameters()} (backbone parameters, batch-norm running statistics and
 * {@value #CLASS_CENTRES}) and {@link #optimizerState()} (momentum buffers and the step count), both maps of name to
 * INDArray copies, restored by {@link #loadParameters} and {@link #loadOptimizerState}. The same seed gives the same
 * initial network and the same Partial FC and dropout draws.
 *
 * <p>Not thread-safe: call it from one thread.
 */
public final class TrainingModel {

    /** Name of the class-centre matrix [classes, embedding size] (arcface_torch's Partial FC weight). */
    public static final String CLASS_CENTRES = "head.weight";
    /** Name of the step count in {@link #optimizerState()}. */
    public static final String STEP_COUNT = "step";
    /** Suffix of momentum buffers in {@link #optimizerState()} (PyTorch's key). */
    public static final String MOMENTUM_SUFFIX = ".momentum_buffer";

    private static final String ONE_HOT = "labels.one_hot";
    private static final String SAMPLED_CLASSES = "head.sampled_classes";
    private static final double CLASS_CENTRE_STD = 0.01;

    private final BackboneSpec spec;
    private final int classes;
    private final CombinedMarginLoss margin;
    private final PartialFcSampler sampler;
    private final Sgd sgd;
    private final double maxGradientNorm;
    private final long seed;
    private final DataType dataType;

    private final SameDiff sd;
    private final BackboneGraph backbone;
    private final INDArray classCentres;
    private final Map<String, INDArray> trainable;
    private final Map<String, String> gradientOutputs = new LinkedHashMap<>();
    private final List<String> outputs = new ArrayList<>();
    private final String lossName;
    private final Random dropoutRandom;
    private final StepMemory memory = new StepMemory();
    private final Map<String, INDArray> ones = new HashMap<>();
    private INDArray fullCentreGradient;
    private InferenceModel inference;
    private long batchSize;
    private long steps;

    private TrainingModel(Builder builder) {
        this.spec = builder.spec;
        this.classes = builder.classes;
        this.margin = builder.margin;
        this.sampler = builder.sampleRate < 1 ? new PartialFcSampler(classes, builder.sampleRate, builder.seed) : null;
        this.sgd = new Sgd(builder.momentum, builder.weightDecay);
        this.maxGradientNorm = builder.maxGradientNorm;
        this.seed = builder.seed;
        this.dataType = builder.dataType;

        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        this.sd = SameDiff.create();
        this.backbone = BackboneGraph.build(sd, spec, GraphMode.TRAINING, dataType, Map.of(), random);
        this.classCentres = Nd4j.create(dataType, classes, spec.embeddingSize());
        Init.normal(CLASS_CENTRE_STD).fill(classCentres, random);
        SDVariable centres = sd.var(CLASS_CENTRES, classCentres);
        if (sampler != null) {
            centres = sd.gather(centres, sd.placeHolder(SAMPLED_CLASSES, DataType.INT32, -1), 0);
        }
        SDVariable oneHot = sd.placeHolder(ONE_HOT, dataType, -1, -1);
        CombinedMarginLoss.Head head = margin.build(sd, backbone.embedding(), centres, oneHot);
        this.lossName = head.loss().name();
        Map<String, SDVariable> gradients =
                backbone.tape().backpropagate(backbone.embedding(), head.embeddingGradient());

        Map<String, INDArray> all = new LinkedHashMap<>(backbone.parameters());
        all.put(CLASS_CENTRES, classCentres);
        this.trainable = Collections.unmodifiableMap(all);
        for (String name : backbone.parameters().keySet()) {
            SDVariable gradient = gradients.get(name);
            if (gradient == null) {
                throw new IllegalStateException("no gradient reaches parameter " + name);
            }
            gradientOutputs.put(name, gradient.name());
        }
        gradientOutputs.put(CLASS_CENTRES, head.classCentreGradient().name());
        outputs.add(lossName);
        for (BatchNormLayer layer : backbone.batchNorms()) {
            outputs.add(layer.batchMeanOutput());
            outputs.add(layer.batchVarianceOutput());
        }
        outputs.addAll(gradientOutputs.values());
        this.dropoutRandom = Nd4j.getRandomFactory().getNewRandomInstance(seed + 1);
    }

    /** A builder for {@code classes} identities on the backbone {@code spec}. */
    public static Builder builder(BackboneSpec spec, int classes) {
        return new Builder(spec, classes);
    }

    /**
     * One SGD step on a batch.
     *
     * @param images       [n, 3, size, size], n &gt;= 2, pixels in [-1, 1]
     * @param labels       class of each image, in [0, classes)
     * @param learningRate this step's learning rate
     * @return loss (before the update), backbone gradient norm (before clipping) and the step count
     */
    public StepResult step(INDArray images, int[] labels, double learningRate) {
        int n = checkBatch(images, labels);
        Map<String, INDArray> feed = feed(images, labels);
        Map<String, INDArray> values = execute(feed, n);
        double loss = values.get(lossName).getDouble(0);
        for (BatchNormLayer layer : backbone.batchNorms()) {
            layer.updateRunningStatistics(values, n, backbone.buffers());
        }
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradientOutputs.forEach((parameter, output) -> gradients.put(parameter, values.get(output)));
        if (sampler != null) {
            gradients.put(CLASS_CENTRES, scatterCentreGradient(feed.get(SAMPLED_CLASSES), gradients.get(CLASS_CENTRES)));
        }
        List<INDArray> backboneGradients = new ArrayList<>();
        for (String name : backbone.parameters().keySet()) {
            backboneGradients.add(gradients.get(name));
        }
        double gradientNorm = Double.isInfinite(maxGradientNorm)
                ? GradientClipping.globalNorm(backboneGradients)
                : GradientClipping.clipByGlobalNorm(backboneGradients, maxGradientNorm);
        sgd.step(trainable, gradients, learningRate);
        steps++;
        return new StepResult(loss, gradientNorm, steps);
    }

    /**
     * Loss and gradients at the current parameters for a batch, without updating anything (for tests and
     * diagnostics; batch norm uses the batch statistics as in a step).
     *
     * @return copies: {@code "loss"} (scalar) and the gradient of every parameter by name
     */
    Map<String, INDArray> lossAndGradients(INDArray images, int[] labels) {
        int n = checkBatch(images, labels);
        Map<String, INDArray> feed = feed(images, labels);
        Map<String, INDArray> values = execute(feed, n);
        Map<String, INDArray> result = new LinkedHashMap<>();
        result.put("loss", values.get(lossName).dup());
        gradientOutputs.forEach((parameter, output) -> result.put(parameter, values.get(output).dup()));
        if (sampler != null) {
            result.put(CLASS_CENTRES,
                    scatterCentreGradient(feed.get(SAMPLED_CLASSES), values.get(gradientOutputs.get(CLASS_CENTRES)))
                            .dup());
        }
        return result;
    }

    /** The loss at the current parameters for a batch (forward pass only), without updating anything. */
    double loss(INDArray images, int[] labels) {
        int n = checkBatch(images, labels);
        Map<String, INDArray> feed = feed(images, labels);
        if (n != batchSize) {
            memory.clear();
            batchSize = n;
        }
        memory.attach(sd);
        return sd.output(feed, lossName).get(lossName).getDouble(0);
    }

    private Map<String, INDArray> feed(INDArray images, int[] labels) {
        int n = labels.length;
        Map<String, INDArray> feed = new HashMap<>();
        int[] headLabels = labels;
        feed.put(NetworkBuilder.IMAGES, images.dataType() == dataType ? images : images.castTo(dataType));
        int headClasses = classes;
        if (sampler != null) {
            PartialFcSampler.Sample sample = sampler.sample(labels, steps);
            feed.put(SAMPLED_CLASSES, Nd4j.createFromArray(sample.classes()));
            headLabels = sample.labels();
            headClasses = sample.classes().length;
        }
        INDArray oneHot = Nd4j.zeros(dataType, n, headClasses);
        for (int i = 0; i < n; i++) {
            oneHot.putScalar(i, headLabels[i], 1.0);
        }
        feed.put(ONE_HOT, oneHot);
        backbone.onesPlaceholders().forEach((name, size) -> feed.put(name, ones(n, size)));
        if (backbone.dropoutRate() > 0) {
            feed.put(NetworkBuilder.DROPOUT_MASK, dropoutMask(n));
        }
        return feed;
    }

    private Map<String, INDArray> execute(Map<String, INDArray> feed, int n) {
        if (n != batchSize) {
            memory.clear();
            batchSize = n;
        }
        memory.attach(sd);
        return sd.output(feed, outputs);
    }

    /** Embeddings of a batch in inference mode (running statistics), [n, embedding size]. */
    public INDArray embed(INDArray images) {
        if (inference == null) {
            Map<String, INDArray> arrays = new LinkedHashMap<>(backbone.parameters());
            arrays.putAll(backbone.buffers());
            inference = InferenceModel.of(spec, dataType, arrays);
        }
        return inference.embed(images);
    }

    /** Copies of the backbone parameters, running statistics and class centres, by name. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        backbone.parameters().forEach((name, array) -> copy.put(name, array.dup()));
        backbone.buffers().forEach((name, array) -> copy.put(name, array.dup()));
        copy.put(CLASS_CENTRES, classCentres.dup());
        return copy;
    }

    /**
     * Overwrites every parameter, running statistic and the class centres with {@code state} (as
     * {@link #parameters()} exports it); names and shapes must match exactly.
     */
    public void loadParameters(Map<String, INDArray> state) {
        Map<String, INDArray> live = new LinkedHashMap<>(backbone.parameters());
        live.putAll(backbone.buffers());
        live.put(CLASS_CENTRES, classCentres);
        assignAll("parameters", live, state);
    }

    /**
     * Overwrites the backbone's parameters and running statistics with {@code backbone} (as
     * {@link InferenceModel#arrays()} gives them), leaving the class centres as they are: a start from a pretrained
     * backbone. Names and shapes must match exactly.
     */
    public void loadBackbone(Map<String, INDArray> backbone) {
        Map<String, INDArray> live = new LinkedHashMap<>(this.backbone.parameters());
        live.putAll(this.backbone.buffers());
        assignAll("backbone", live, backbone);
    }

    /** Copies of the momentum buffers ({@code <parameter>.momentum_buffer}) and the step count ({@code step}). */
    public Map<String, INDArray> optimizerState() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        sgd.state().forEach((name, buffer) -> state.put(name + MOMENTUM_SUFFIX, buffer));
        state.put(STEP_COUNT, Nd4j.scalar(steps));
        return state;
    }

    /** Restores {@link #optimizerState()}; every buffer must belong to a parameter of the same shape. */
    public void loadOptimizerState(Map<String, INDArray> state) {
        INDArray stepCount = state.get(STEP_COUNT);
        if (stepCount == null) {
            throw new IllegalArgumentException("optimizer state lacks '" + STEP_COUNT + "'");
        }
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> entry : state.entrySet()) {
            String key = entry.getKey();
            if (key.equals(STEP_COUNT)) {
                continue;
            }
            if (!key.endsWith(MOMENTUM_SUFFIX)) {
                throw new IllegalArgumentException("unknown optimizer state entry " + key);
            }
            String parameter = key.substring(0, key.length() - MOMENTUM_SUFFIX.length());
            INDArray live = trainable.get(parameter);
            if (live == null || !Arrays.equals(live.shape(), entry.getValue().shape())) {
                throw new IllegalArgumentException("optimizer state entry " + key + " "
                        + Arrays.toString(entry.getValue().shape()) + " matches no parameter of this model");
            }
            buffers.put(parameter, entry.getValue().castTo(dataType));
        }
        sgd.loadState(buffers);
        steps = stepCount.getLong(0);
    }

    /** Steps taken (restored by {@link #loadOptimizerState}). */
    public long steps() {
        return steps;
    }

    /** The backbone architecture. */
    public BackboneSpec spec() {
        return spec;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /**
     * Forward multiply-accumulates per image of the backbone's convolutions and matrix products plus the head's
     * cosine matrix product at the classes a step uses.
     */
    public long multiplyAccumulatesPerImage() {
        int headClasses = sampler == null ? classes : sampler.sampleSize();
        return backbone.multiplyAccumulatesPerImage() + (long) headClasses * spec.embeddingSize();
    }

    /** Writes the backbone (parameters and running statistics) as an {@link InferenceModel} file, atomically. */
    public void exportInferenceModel(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
            writeInferenceModel(out);
        }
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The bytes {@link #exportInferenceModel} writes. */
    public byte[] inferenceModelBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeInferenceModel(out);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toByteArray();
    }

    private void writeInferenceModel(OutputStream out) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>(backbone.parameters());
        arrays.putAll(backbone.buffers());
        ModelFile.write(out, spec, arrays);
    }

    private int checkBatch(INDArray images, int[] labels) {
        long[] shape = images.shape();
        int size = spec.inputSize();
        if (shape.length != 4 || shape[1] != 3 || shape[2] != size || shape[3] != size) {
            throw new IllegalArgumentException("images must be [n, 3, " + size + ", " + size + "], got "
                    + Arrays.toString(shape));
        }
        if (shape[0] != labels.length) {
            throw new IllegalArgumentException(shape[0] + " images but " + labels.length + " labels");
        }
        if (labels.length < 2) {
            throw new IllegalArgumentException("a training batch needs at least 2 images (batch norm), got "
                    + labels.length);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is outside [0, " + classes + ")");
            }
        }
        return labels.length;
    }

    /** A tensor of ones [n, height, width], kept while the batch size stays. */
    private INDArray ones(int n, long[] size) {
        return ones.compute(n + "x" + size[0] + "x" + size[1], (key, cached) -> cached != null
                ? cached
                : Nd4j.ones(dataType, n, size[0], size[1]));
    }

    /** The gradient of all class centres: the sampled rows' gradients, zero elsewhere (as Partial FC v2). */
    private INDArray scatterCentreGradient(INDArray sampledClasses, INDArray sampledGradient) {
        if (fullCentreGradient == null) {
            fullCentreGradient = Nd4j.create(dataType, classes, spec.embeddingSize());
        }
        fullCentreGradient.assign(0);
        Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(fullCentreGradient, sampledClasses, sampledGradient)
                .addOutputs(fullCentreGradient).build());
        return fullCentreGradient;
    }

    private INDArray dropoutMask(int n) {
        double rate = backbone.dropoutRate();
        long features = sd.getVariable(NetworkBuilder.DROPOUT_MASK).getShape()[1];
        dropoutRandom.setSeed(seed + 1 + steps * 0x9E3779B97F4A7C15L);
        INDArray uniform = Nd4j.rand(Nd4j.create(dataType, n, features), dropoutRandom);
        return uniform.gte(rate).castTo(dataType).divi(1 - rate);
    }

    private static void assignAll(String what, Map<String, INDArray> live, Map<String, INDArray> state) {
        for (String name : state.keySet()) {
            if (!live.containsKey(name)) {
                throw new IllegalArgumentException(what + " entry " + name + " is not part of this model");
            }
        }
        for (Map.Entry<String, INDArray> entry : live.entrySet()) {
            INDArray value = state.get(entry.getKey());
            if (value == null) {
                throw new IllegalArgumentException(what + " lack " + entry.getKey());
            }
            if (!Arrays.equals(value.shape(), entry.getValue().shape())) {
                throw new IllegalArgumentException(what + " entry " + entry.getKey() + " has shape "
                        + Arrays.toString(value.shape()) + ", the model needs "
                        + Arrays.toString(entry.getValue().shape()));
            }
        }
        live.forEach((name, array) -> array.assign(state.get(name)));
    }

    /** Builder of {@link TrainingModel}; defaults as arcface_torch. */
    public static final class Builder {
        private final BackboneSpec spec;
        private final int classes;
        private CombinedMarginLoss margin = CombinedMarginLoss.arcFace();
        private double sampleRate = 1.0;
        private double momentum = 0.9;
        private double weightDecay = 5e-4;
        private double maxGradientNorm = 5;
        private long seed = 0;
        private DataType dataType = DataType.FLOAT;

        private Builder(BackboneSpec spec, int classes) {
            if (classes < 2) {
                throw new IllegalArgumentException("training needs at least 2 classes, got " + classes);
            }
            this.spec = spec;
            this.classes = classes;
        }

        /** The margin head (default ArcFace, s = 64, m = 0.5). */
        public Builder margin(CombinedMarginLoss value) {
            this.margin = value;
            return this;
        }

        /** Partial FC sample rate in (0, 1]; 1 (default) uses every class centre each step. */
        public Builder sampleRate(double rate) {
            if (!(rate > 0) || rate > 1) {
                throw new IllegalArgumentException("Partial FC sample rate must be in (0, 1], got " + rate);
            }
            this.sampleRate = rate;
            return this;
        }

        /** SGD momentum (default 0.9). */
        public Builder momentum(double value) {
            this.momentum = value;
            return this;
        }

        /** SGD weight decay (default 5e-4). */
        public Builder weightDecay(double value) {
            this.weightDecay = value;
            return this;
        }

        /** Clip the backbone's gradient norm at this value (default 5; infinity for no clipping). */
        public Builder maxGradientNorm(double value) {
            if (!(value > 0)) {
                throw new IllegalArgumentException("maximum gradient norm must be positive, got " + value);
            }
            this.maxGradientNorm = value;
            return this;
        }

        /** Seed of initialisation, Partial FC and dropout (default 0). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Type of parameters and activations (default FLOAT; DOUBLE for gradient checks). */
        public Builder dataType(DataType value) {
            this.dataType = value;
            return this;
        }

        /** Builds the graphs and initialises the network. */
        public TrainingModel build() {
            return new TrainingModel(this);
        }
    }
}
