package mhlr.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import mhlr.core.cli.UsageException;
import mhlr.ingest.IngestSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * What a source needs on the driver: Spark, the Hadoop configuration (and its broadcast copy for executors), the
 * {@code --input} location and the settings.
 */
public final class SourceContext {
    /** Records per Spark partition the derived partition count aims for. */
    static final long RECORDS_PER_PARTITION = 1000;

    private final JavaSparkContext spark;
    private final Configuration hadoop;
    private final Broadcast<SerializableConfiguration> hadoopForExecutors;
    private final String input;
    private final IngestSettings settings;

    public SourceContext(JavaSparkContext spark, String input, IngestSettings settings) {
        this.spark = spark;
        this.hadoop = spark.hadoopConfiguration();
        this.hadoopForExecutors = spark.broadcast(new SerializableConfiguration(hadoop));
        this.input = input;
        this.settings = settings;
    }

    public JavaSparkContext spark() {
        return spark;
    }

    public Configuration hadoop() {
        return hadoop;
    }

    /** The Hadoop configuration for executor code ({@code broadcast.value().value()}). */
    public Broadcast<SerializableConfiguration> hadoopForExecutors() {
        return hadoopForExecutors;
    }

    public IngestSettings settings() {
        return settings;
    }

    /** The {@code --input} as given. */
    public String input() {
        return input;
    }

    /** The {@code --input}, fully qualified. */
    public Path inputPath() {
        Path path = new Path(input);
        try {
            return path.getFileSystem(hadoop).makeQualified(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + input, e);
        }
    }

    public FileSystem fileSystem() {
        try {
            return inputPath().getFileSystem(hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + input, e);
        }
    }

    /** A path given in a setting: absolute (or a URI) as it is, relative to the input otherwise. */
    public Path resolve(String relativeOrAbsolute) {
        Path given = new Path(relativeOrAbsolute);
        return given.isAbsolute() || given.toUri().getScheme() != null ? given : new Path(inputPath(), given);
    }

    /** The input itself, which must be a directory. */
    public Path inputDirectory() {
        Path path = inputPath();
        try {
            if (!fileSystem().getFileStatus(path).isDirectory()) {
                throw new UsageException("--input " + input + " is not a directory");
            }
        } catch (java.io.FileNotFoundException e) {
            throw new UsageException("--input " + input + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        }
        return path;
    }

    /** A file the input must have, named in the error when it is absent. */
    public Path requireFile(Path file, String what) {
        try {
            if (!fileSystem().isFile(file)) {
                throw new UsageException(what + " " + file + " does not exist");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return file;
    }

    /**
     * How many Spark partitions to cut {@code records} records into: {@code ingest.partitions} when set, else
     * about {@value #RECORDS_PER_PARTITION} records each but at least two per core, and never more than
     * {@code units} (the pieces the input can be cut into).
     */
    public int partitions(long records, long units) {
        if (settings.partitions() > 0) {
            return (int) Math.max(1, Math.min(settings.partitions(), units));
        }
        long wanted = Math.max((records + RECORDS_PER_PARTITION - 1) / RECORDS_PER_PARTITION,
                2L * spark.defaultParallelism());
        return (int) Math.max(1, Math.min(Math.min(wanted, units), 100_000));
    }
}
