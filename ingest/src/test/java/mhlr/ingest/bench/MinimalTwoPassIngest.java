package mhlr.ingest.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.shards.ShardWriter;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Spark's floor for an ingest whose output does not depend on how the input was split: no shard byte can be written
 * before every input has been read, because what a shard holds (a seeded permutation of the images left once exact
 * copies are dropped) depends on all of them. So the work of {@link MinimalSparkIngest} falls into two jobs: the
 * first reads, prepares and hashes each image and keeps it in the executor's memory (a static map: local mode only,
 * where the executors are threads of this JVM); the second writes each shard in a task of its own, each shard taking
 * every n-th image. It writes as many shards as the ingest's {@code shard-mb} gives for the bytes kept, and at least
 * one per core, so the second job keeps every core busy even where the ingest writes a single shard (a design that
 * wrote one shard in parts on several cores and joined them could come close to that, not beyond). No census, no
 * listing, no spill to disk, no permutation, no commit: what is left is the shape any such design has, so the
 * ingest job cannot beat this on the same input.
 */
final class MinimalTwoPassIngest {
    private static final Map<Integer, List<FaceRecord>> KEPT = new ConcurrentHashMap<>();

    private MinimalTwoPassIngest() {
    }

    /**
     * Runs both jobs over {@code files} (paths below {@code root}) into {@code output} (emptied first) and returns
     * the images written.
     *
     * @param landmarks each file's five landmarks by its path relative to {@code root}, or an empty map for aligned
     *     faces
     * @param shardBytes the bytes of images per shard ({@code ingest.shard-mb}); at least one shard per core
     */
    static long run(SparkSession spark, Path root, List<Path> files, Map<String, float[]> landmarks, int partitions,
            Path output, long rowGroupBytes, double shardBytes) throws IOException {
        FloorInput input = FloorInput.prepare(spark, root, files, output);
        String rootName = input.rootName();
        String outputUri = input.outputUri();
        Broadcast<SerializableConfiguration> hadoop = input.hadoop();
        JavaSparkContext context = input.context();
        try {
            long bytes = context.parallelize(input.sources(), partitions).mapPartitionsWithIndex((index, names) -> {
                List<FaceRecord> faces = new ArrayList<>();
                names.forEachRemaining(source -> faces.add(
                        PlainThreadIngest.preparedFace(Path.of(rootName), source, landmarks.get(source))));
                KEPT.put(index, faces);
                return List.of(faces.stream().mapToLong(face -> face.image().length).sum()).iterator();
            }, false).reduce(Long::sum);
            int shards = (int) Math.max(context.defaultParallelism(), Math.ceil(bytes / shardBytes));
            return context.parallelize(IntStream.range(0, shards).boxed().toList(), shards)
                    .map(shard -> ShardWriter.write(hadoop.value().value(), new org.apache.hadoop.fs.Path(outputUri),
                            shard, HadoopAtomicOutput.currentAttempt(), DatasetKind.TRAIN, rowGroupBytes,
                            everyNth(partitions, shard, shards)).rows())
                    .reduce(Long::sum);
        } finally {
            KEPT.clear();
        }
    }

    /** Every {@code n}-th kept face from the {@code start}-th on, in the order of the first job's partitions. */
    private static Iterator<FaceRecord> everyNth(int partitions, int start, int n) {
        List<FaceRecord> faces = new ArrayList<>();
        int position = 0;
        for (int partition = 0; partition < partitions; partition++) {
            for (FaceRecord face : KEPT.get(partition)) {
                if (position++ % n == start) {
                    faces.add(face);
                }
            }
        }
        return faces.iterator();
    }
}
