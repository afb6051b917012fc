package mhlr.train.model;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * A backbone added to a SameDiff graph: the {@link NetworkBuilder#IMAGES} placeholder in, the embedding out, and the
 * arrays the graph reads.
 */
public final class BackboneGraph {

    private final BackboneSpec spec;
    private final NetworkBuilder network;
    private final SDVariable embedding;

    private BackboneGraph(BackboneSpec spec, NetworkBuilder network, SDVariable embedding) {
        this.spec = spec;
        this.network = network;
        this.embedding = embedding;
    }

    /**
     * Adds the backbone {@code spec} names to {@code sd}.
     *
     * @param existing arrays to reuse by name; the others are created from {@code random}
     * @param random   generator for new arrays, or null when {@code existing} must hold them all
     */
    public static BackboneGraph build(SameDiff sd, BackboneSpec spec, GraphMode mode, DataType dataType,
            Map<String, INDArray> existing, Random random) {
        NetworkBuilder network = new NetworkBuilder(sd, new NetworkBuilder.Form(mode, spec.layout(), dataType),
                existing, random);
        FeatureMap images = network.images(3, spec.inputSize(), spec.inputSize());
        SDVariable embedding = Backbones.create(spec).build(network, images);
        return new BackboneGraph(spec, network, embedding);
    }

    /** The architecture. */
    public BackboneSpec spec() {
        return spec;
    }

    /** The embedding variable, [batch, embedding size]. */
    public SDVariable embedding() {
        return embedding;
    }

    /** Trainable parameters by name (live arrays). */
    public Map<String, INDArray> parameters() {
        return network.parameters();
    }

    /** Batch-norm running statistics by name (live arrays). */
    public Map<String, INDArray> buffers() {
        return network.buffers();
    }

    /** The layers in the order they were added. */
    public List<Layer> layers() {
        return network.layers();
    }

    /** Batch-norm layers (training graphs). */
    public List<BatchNormLayer> batchNorms() {
        return network.batchNorms();
    }

    /** The backward record of a training graph. */
    public GradientTape tape() {
        return network.tape();
    }

    /** Placeholders of ones a training graph needs, by name, with their [height, width]. */
    public Map<String, long[]> onesPlaceholders() {
        return network.onesPlaceholders();
    }

    /** Dropout rate of a training graph, 0 if it has none. */
    public double dropoutRate() {
        return network.dropoutRate();
    }

    /** Forward multiply-accumulates per image of convolutions and matrix products. */
    public long multiplyAccumulatesPerImage() {
        return network.multiplyAccumulatesPerImage();
    }
}
