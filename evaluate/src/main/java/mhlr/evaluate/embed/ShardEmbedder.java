package mhlr.evaluate.embed;

import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.dataset.ShardSchema;
import mhlr.train.data.NetworkInput;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;

/**
 * Embeds the images of evaluation shards with a face model ({@link FaceModel}: a {@code model.mhlr} on ND4J or an
 * ONNX model on ONNX Runtime), on the executors: the model's bytes are
 * broadcast, restored once per executor JVM ({@link ModelCache}), and each partition embeds its images in
 * batches, each image and its horizontal flip, prepared exactly as the trainer prepares them
 * ({@link NetworkInput}: decode, resize to the model's input side, RGB planes in [-1, 1]).
 */
public final class ShardEmbedder {
    private ShardEmbedder() {
    }

    /**
     * Embeds every row of {@code shards} (columns of {@link ShardSchema}'s evaluation shards).
     *
     * @param batchSize images per forward pass (each pass holds the images and their flips)
     * @param embedded counts the images embedded (the driver's progress line follows it)
     */
    public static JavaRDD<EmbeddedImage> embed(JavaSparkContext spark, Dataset<Row> shards, byte[] model,
            OnnxInput onnxDefaults, int batchSize, LongAccumulator embedded) {
        return embed(spark, shards.select(functions.col(ShardSchema.IMAGE_BYTES).as(ShardSchema.IMAGE),
                functions.col(ShardSchema.KEY), functions.col(ShardSchema.TEMPLATE_ID),
                functions.col(ShardSchema.MEDIA_ID), functions.col(ShardSchema.DETECTOR_SCORE)), model, onnxDefaults,
                batchSize, embedded, ShardEmbedder::evaluationImage);
    }

    /**
     * Embeds the {@link ShardSchema#IMAGE} column of every row and hands each row with its features
     * ({@code [embedding, flip's embedding]}) to {@code result}, on the executors. The engine (a restored
     * {@code model.mhlr} or an ONNX Runtime session, {@link FaceModel}) stays behind this method.
     */
    public static <T> JavaRDD<T> embed(JavaSparkContext spark, Dataset<Row> rows, byte[] model, OnnxInput onnxDefaults,
            int batchSize, LongAccumulator embedded, RowResult<T> result) {
        String hash = sha256(model);
        int inputSize = ModelCache.get(hash, model, "--model", onnxDefaults).inputSize();
        Broadcast<byte[]> shared = spark.broadcast(model);
        return rows.javaRDD().mapPartitions(partition -> embedPartition(partition, ModelCache.get(hash,
                shared.value(), "the broadcast model", onnxDefaults), inputSize, batchSize, embedded, result));
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

    /** What becomes of an embedded row. */
    @FunctionalInterface
    public interface RowResult<T> extends Serializable {
        /** @param features the row's embedding, then its horizontal flip's ({@code [2D]}) */
        T of(Row row, float[] features);
    }

    private static EmbeddedImage evaluationImage(Row row, float[] features) {
        Integer template = row.getAs(ShardSchema.TEMPLATE_ID);
        Integer media = row.getAs(ShardSchema.MEDIA_ID);
        Float score = row.getAs(ShardSchema.DETECTOR_SCORE);
        return new EmbeddedImage(row.getAs(ShardSchema.KEY), template == null ? 0 : template,
                media == null ? 0 : media, score == null ? 1f : score, features);
    }

    private static <T> Iterator<T> embedPartition(Iterator<Row> rows, FaceModel model, int size,
            int batchSize, LongAccumulator embedded, RowResult<T> result) {
        return new Iterator<>() {
            private final List<T> ready = new ArrayList<>();
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
                    embedBatch(batch, model, size, result, ready);
                    embedded.add(batch.size());
                }
                return !ready.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.get(next++);
            }
        };
    }

    private static <T> void embedBatch(List<Row> batch, FaceModel model, int size, RowResult<T> result,
            List<T> out) {
        int n = batch.size();
        int perImage = 3 * size * size;
        float[] images = new float[2 * n * perImage];
        float[] flipped = new float[n * perImage];
        for (int i = 0; i < n; i++) {
            Row row = batch.get(i);
            NetworkInput.writeWithFlip(row.getAs(ShardSchema.IMAGE), "shard row " + describe(row), size,
                    images, flipped, i * perImage);
        }
        System.arraycopy(flipped, 0, images, n * perImage, n * perImage);
        float[][] embeddings = model.embed(images, 2 * n);
        int dimension = model.embeddingSize();
        for (int i = 0; i < n; i++) {
            float[] features = new float[2 * dimension];
            System.arraycopy(embeddings[i], 0, features, 0, dimension);
            System.arraycopy(embeddings[n + i], 0, features, dimension, dimension);
            out.add(result.of(batch.get(i), features));
        }
    }

    /** A row's key, else its source, for messages. */
    private static Object describe(Row row) {
        for (String column : new String[] {ShardSchema.KEY, ShardSchema.SOURCE}) {
            if (java.util.Arrays.asList(row.schema().fieldNames()).contains(column)) {
                return row.getAs(column);
            }
        }
        return row;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
