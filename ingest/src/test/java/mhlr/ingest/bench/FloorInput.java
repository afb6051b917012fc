package mhlr.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mhlr.core.cli.AtomicOutput;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * What Spark's floors ({@link MinimalSparkIngest}, {@link MinimalTwoPassIngest}) start from: the output folder
 * emptied, the file names relative to the root, and the Hadoop configuration broadcast once, as the ingest does (one
 * made in each task would parse Hadoop's XML defaults again every time). A job's closures take the fields they need,
 * not this record, which holds the (not serializable) Spark context.
 */
record FloorInput(JavaSparkContext context, List<String> sources, String rootName, String outputUri,
        Broadcast<SerializableConfiguration> hadoop) {

    /** Empties {@code output} and gathers the input of a floor over {@code files} below {@code root}. */
    static FloorInput prepare(SparkSession spark, Path root, List<Path> files, Path output) throws IOException {
        AtomicOutput.deleteRecursively(output);
        Files.createDirectories(output);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new FloorInput(context, files.stream().map(file -> root.relativize(file).toString()).toList(),
                root.toString(), output.toUri().toString(),
                context.broadcast(new SerializableConfiguration(context.hadoopConfiguration())));
    }
}
