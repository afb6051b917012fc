package mhlr.evaluate.embed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.shard.ShardSchema;
import mhlr.train.data.NetworkInput;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Embeds the images of evaluation shards with a face model ({@link FaceModel}: a {@code model.mhlr} on ND4J or an
 * ONNX model on ONNX Runtime), on the executors: the model's bytes are
 * broadcast, restored once per executor JVM ({@link ModelCache}), and each partition embeds its images in
 * batches, each image and its horizontal flip, prepared exactly as the trainer prepares them
 * ({@link NetworkInput}: decode, resize to the model's input side, RGB planes in [-1, 1]).
 */
public final class Embedder {
    private Embedder() {
    }

    /**
     * Embeds every row of {@code shards} (columns of {@link ShardSchema}'s evaluation shards).
     *
     * @param batchSize images per forward pass (each pass holds the images and their flips)
     * @param embedded counts the images embedded (the driver's progress line follows it)
     */
    public static JavaRDD<EmbeddedImage> embed(JavaSparkContext spark, Dataset<Row> shards, byte[] model,
            OnnxInput onnxDefaults, int batchSize, LongAccumulator embedded) {
        String hash = sha256(model);
        int inputSize = ModelCache.get(hash, model, "--model", onnxDefaults).inputSize();
        Broadcast<byte[]> shared = spark.broadcast(model);
        return shards.select(ShardSchema.KEY, ShardSchema.IMAGE, ShardSchema.TEMPLATE_ID, ShardSchema.MEDIA_ID,
                        ShardSchema.DETECTOR_SCORE)
                .javaRDD()
                .mapPartitions(rows -> embedPartition(rows, ModelCache.get(hash, shared.value(), "the broadcast model",
                        onnxDefaults), inputSize, batchSize, embedded));
    }

    /**
     * Checks on the driver, before any task runs, that {@code model} holds a face model this job can run (a
     * {@code model.mhlr}, or an ONNX model with one [N, 3, S, S] input and an [N, D] output) and describes it.
     *
     * @param source names the file in the error
     * @throws UsageException naming the file and the shape it has when it cannot be used
     */
    public static String check(byte[] model, String source, OnnxInput onnxDefaults) {
        FaceModel restored = ModelCache.get(sha256(model), model, source, onnxDefaults);
        String kind = restored instanceof OnnxFaceModel onnx ? "ONNX model, " + onnx.input() : "model.mhlr";
        return kind + ", input " + restored.inputSize() + "x" + restored.inputSize() + ", "
                + restored.embeddingSize() + "-d embedding";
    }

    private static Iterator<EmbeddedImage> embedPartition(Iterator<Row> rows, FaceModel model, int size,
            int batchSize, LongAccumulator embedded) {
        return new Iterator<>() {
            private final List<EmbeddedImage> ready = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < ready.size()) {
                    return true;
                }
                ready.clear();
                next = 0;
                List<Row> batch = new ArrayList<>(batchSize);
                while (rows.hasNext() && batch.size() < batchSize) {
                    batch.add(rows.next());
                }
                if (!batch.isEmpty()) {
                    embedBatch(batch, model, size, ready);
                    embedded.add(batch.size());
                }
                return !ready.isEmpty();
            }

            @Override
            public EmbeddedImage next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.get(next++);
            }
        };
    }

    private static void embedBatch(List<Row> batch, FaceModel model, int size, List<EmbeddedImage> out) {
        int n = batch.size();
        int perImage = 3 * size * size;
        float[] images = new float[2 * n * perImage];
        float[] flipped = new float[n * perImage];
        for (int i = 0; i < n; i++) {
            Row row = batch.get(i);
            NetworkInput.writeWithFlip(row.getAs(ShardSchema.IMAGE), "shard row " + row.getAs(ShardSchema.KEY), size,
                    images, flipped, i * perImage);
        }
        System.arraycopy(flipped, 0, images, n * perImage, n * perImage);
        float[][] embeddings = model.embed(images, 2 * n);
        int dimension = model.embeddingSize();
        for (int i = 0; i < n; i++) {
            Row row = batch.get(i);
            float[] features = new float[2 * dimension];
            System.arraycopy(embeddings[i], 0, features, 0, dimension);
            System.arraycopy(embeddings[n + i], 0, features, dimension, dimension);
            Integer template = row.getAs(ShardSchema.TEMPLATE_ID);
            Integer media = row.getAs(ShardSchema.MEDIA_ID);
            Float score = row.getAs(ShardSchema.DETECTOR_SCORE);
            out.add(new EmbeddedImage(row.getAs(ShardSchema.KEY), template == null ? 0 : template,
                    media == null ? 0 : media, score == null ? 1f : score, features));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
