package mhlr.evaluate.embed;

import java.io.IOException;
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
import org.apache.spark.sql.functions;
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
        String hash = sha256(model);
        int inputSize = inputSize(model);
        Broadcast<byte[]> shared = spark.broadcast(model);
        return shards.select(functions.col(ShardSchema.KEY),
                        functions.col(ShardSchema.IMAGE_BYTES).as(ShardSchema.IMAGE),
                        functions.col(ShardSchema.TEMPLATE_ID), functions.col(ShardSchema.MEDIA_ID),
                        functions.col(ShardSchema.DETECTOR_SCORE))
                .javaRDD()
                .mapPartitions(rows -> embedPartition(rows, ModelCache.get(hash, shared.value()), inputSize,
                        batchSize, embedded));
    }

    private static Iterator<EmbeddedImage> embedPartition(Iterator<Row> rows, InferenceModel model, int size,
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

    private static void embedBatch(List<Row> batch, InferenceModel model, int size, List<EmbeddedImage> out) {
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
