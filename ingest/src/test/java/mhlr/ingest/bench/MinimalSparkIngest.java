package mhlr.ingest.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.shards.ShardWriter;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Spark's own floor on this machine: the per-image work of {@link PlainThreadIngest} (read, prepare and hash each
 * image, write a Parquet shard per task and hash it) as the simplest Spark job that can do it: the file names
 * parallelized into as many partitions as the ingest's pass 1 uses, one task per partition writing its own
 * shard, with the Hadoop configuration broadcast once as the job does (one made in each task would parse Hadoop's
 * XML defaults again every time). No listing on the executors, no census, no second pass, no determinism across
 * partitionings: what is left is what Spark itself costs (scheduling, task set-up and closure deserialization, and
 * the JIT compiling its code) on top of the plain threads, so an ingest design cannot beat this.
 */
final class MinimalSparkIngest {
    private MinimalSparkIngest() {
    }

    /**
     * Runs the job over {@code files} (paths below {@code root}) into {@code output} (emptied first) and returns the
     * images written.
     *
     * @param landmarks each file's five landmarks by its path relative to {@code root} (the face is aligned and
     *     re-encoded), or an empty map for aligned faces
     */
    static long run(SparkSession spark, Path root, List<Path> files, Map<String, float[]> landmarks, int partitions,
            Path output, long rowGroupBytes) throws IOException {
        FloorInput input = FloorInput.prepare(spark, root, files, output);
        String rootName = input.rootName();
        String outputUri = input.outputUri();
        Broadcast<SerializableConfiguration> hadoop = input.hadoop();
        return input.context().parallelize(input.sources(), partitions)
                .mapPartitionsWithIndex((index, names) -> List.of(ShardWriter.write(hadoop.value().value(),
                        new org.apache.hadoop.fs.Path(outputUri), index, HadoopAtomicOutput.currentAttempt(),
                        DatasetKind.TRAIN, rowGroupBytes, prepared(Path.of(rootName), names, landmarks)).rows())
                        .iterator(), false)
                .reduce(Long::sum);
    }

    private static Iterator<FaceRecord> prepared(Path root, Iterator<String> names, Map<String, float[]> landmarks) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(names, Spliterator.ORDERED), false)
                .map(source -> PlainThreadIngest.preparedFace(root, source, landmarks.get(source))).iterator();
    }
}
