package mhlr.train.model;

import java.io.ByteArrayInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A backbone ready to embed images: batch norm with running statistics, no dropout. Loaded from the file
 * {@link TrainingModel#exportInferenceModel} writes, or from its bytes (the evaluate job broadcasts the bytes and
 * loads once per executor JVM). Embeddings are raw (not normalised), as arcface_torch's evaluation expects.
 *
 * <p>One instance serves one call at a time ({@code embed} is synchronized); ND4J parallelises inside each call.
 */
public final class InferenceModel {

    private final BackboneSpec spec;
    private final DataType dataType;
    private final SameDiff sd;
    private final String embeddingName;
    private final List<Layer> layers;
    private final Map<String, INDArray> arrays;
    private final StepMemory memory = new StepMemory();
    private long batchSize;

    private InferenceModel(BackboneSpec spec, DataType dataType, Map<String, INDArray> arrays) {
        this.spec = spec;
        this.dataType = dataType;
        this.sd = SameDiff.create();
        BackboneGraph graph = BackboneGraph.build(sd, spec, GraphMode.INFERENCE, dataType, arrays, null);
        this.embeddingName = graph.embedding().name();
        this.layers = graph.layers();
        Map<String, INDArray> expected = new LinkedHashMap<>(graph.parameters());
        expected.putAll(graph.buffers());
        this.arrays = Collections.unmodifiableMap(expected);
        for (String name : arrays.keySet()) {
            if (!expected.containsKey(name)) {
                throw new IllegalArgumentException("the model has an array " + name + " that " + spec.name()
                        + " does not use");
            }
        }
    }

    /**
     * A model over the given arrays without copying them (a training model's live arrays stay shared).
     *
     * @param arrays backbone parameters and running statistics by {@link NetworkBuilder} name
     */
    static InferenceModel of(BackboneSpec spec, DataType dataType, Map<String, INDArray> arrays) {
        return new InferenceModel(spec, dataType, arrays);
    }

    /** Loads an exported model file. */
    public static InferenceModel load(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return load(in, file.toString());
        }
    }

    /** Loads an exported model from its bytes (e.g. a Spark broadcast). */
    public static InferenceModel load(byte[] bytes) throws IOException {
        return load(new ByteArrayInputStream(bytes), "model bytes (" + bytes.length + " bytes)");
    }

    private static InferenceModel load(InputStream in, String source) throws IOException {
        ModelFile.Contents contents = ModelFile.read(in, source);
        try {
            return new InferenceModel(contents.spec(), DataType.FLOAT, contents.arrays());
        } catch (IllegalArgumentException mismatch) {
            throw new IOException(source + ": " + mismatch.getMessage(), mismatch);
        }
    }

    /** The architecture. */
    public BackboneSpec spec() {
        return spec;
    }

    /** The backbone's layers in graph order (the structure an exporter translates). */
    public List<Layer> layers() {
        return layers;
    }

    /** The backbone's parameters and running statistics by name, parameters first (live arrays: do not modify). */
    public Map<String, INDArray> arrays() {
        return arrays;
    }

    /** Length of an embedding. */
    public int embeddingSize() {
        return spec.embeddingSize();
    }

    /**
     * Embeds a batch.
     *
     * @param images [n, 3, size, size], pixels in [-1, 1], RGB
     * @return [n, embedding size]
     */
    public synchronized INDArray embed(INDArray images) {
        long[] shape = images.shape();
        int size = spec.inputSize();
        if (shape.length != 4 || shape[1] != 3 || shape[2] != size || shape[3] != size) {
            throw new IllegalArgumentException("images must be [n, 3, " + size + ", " + size + "], got "
                    + Arrays.toString(shape));
        }
        INDArray input = images.dataType() == dataType ? images : images.castTo(dataType);
        if (shape[0] != batchSize) {
            memory.clear();
            batchSize = shape[0];
        }
        memory.attach(sd);
        return sd.outputSingle(Map.of(NetworkBuilder.IMAGES, input), embeddingName).dup();
    }

    /**
     * Embeds {@code n} images stored one after another, each as 3 x size x size floats (channel, row, column).
     *
     * @return n embeddings
     */
    public float[][] embed(float[] chwBatch, int n) {
        long perImage = 3L * spec.inputSize() * spec.inputSize();
        if (n < 1 || chwBatch.length != n * perImage) {
            throw new IllegalArgumentException("expected " + n + " images of " + perImage + " floats, got "
                    + chwBatch.length + " floats");
        }
        INDArray images = Nd4j.create(chwBatch, new long[] {n, 3, spec.inputSize(), spec.inputSize()}, 'c');
        return embed(images).castTo(DataType.FLOAT).toFloatMatrix();
    }
}
