package mhlr.evaluate.embed;

import java.io.IOException;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.shard.ShardSchema;
import mhlr.train.data.NetworkInput;
import mhlr.train.model.InferenceModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Embeds the images of evaluation shards with a trained model, on the executors: the model's bytes are
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
            int batchSize, LongAccumulator embedded) {
        return embed(spark, shards.select(ShardSchema.IMAGE, ShardSchema.KEY, ShardSchema.TEMPLATE_ID,
                ShardSchema.MEDIA_ID, ShardSchema.DETECTOR_SCORE), model, batchSize, embedded, Embedder::evaluationImage);
    }

    /**
     * Embeds the {@link ShardSchema#IMAGE} column of every row and hands each row with its features
     * ({@code [embedding, flip's embedding]}) to {@code result}, on the executors. The engine (here the restored
     * {@link InferenceModel}) stays behind this method.
     */
    public static <T> JavaRDD<T> embed(JavaSparkContext spark, Dataset<Row> rows, byte[] model, int batchSize,
            LongAccumulator embedded, RowResult<T> result) {
        String hash = sha256(model);
        int inputSize = inputSize(model);
        Broadcast<byte[]> shared = spark.broadcast(model);
        return rows.javaRDD().mapPartitions(partition -> embedPartition(partition,
                ModelCache.get(hash, shared.value()), inputSize, batchSize, embedded, result));
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

    private static <T> Iterator<T> embedPartition(Iterator<Row> rows, InferenceModel model, int size,
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

    private static <T> void embedBatch(List<Row> batch, InferenceModel model, int size, RowResult<T> result,
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

    /** The model's input side, read on the driver (which also checks the file before any task runs). */
    private static int inputSize(byte[] model) {
        try {
            return InferenceModel.load(model).spec().inputSize();
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--model is not a model bin/train exported: " + e.getMessage(), e);
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
