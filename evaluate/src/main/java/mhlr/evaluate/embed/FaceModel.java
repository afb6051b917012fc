package mhlr.evaluate.embed;

/**
 * A face model restored on an executor: images prepared as the trainer prepares them (RGB planes in [-1, 1],
 * {@link mhlr.train.data.NetworkInput}) in, raw embeddings out. A {@code model.mhlr} runs on ND4J
 * ({@link MhlrFaceModel}), an ONNX model on ONNX Runtime ({@link OnnxFaceModel}).
 */
interface FaceModel {

    /** Height and width of the images the model takes. */
    int inputSize();

    /** Length of an embedding. */
    int embeddingSize();

    /**
     * Embeds {@code n} images stored one after another, each 3 x size x size floats (RGB planes in [-1, 1]). The
     * array may be overwritten (an ONNX model rescales it in place to its own preprocessing).
     *
     * @return n embeddings
     */
    float[][] embed(float[] chwBatch, int n);
}
