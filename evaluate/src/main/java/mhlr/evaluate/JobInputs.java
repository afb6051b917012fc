package mhlr.evaluate;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.UsageException;
import mhlr.spark.SparkJob;
import org.apache.hadoop.conf.Configuration;

/** What {@code bin/evaluate} and {@code bin/embed} read alike: Hadoop settings from the config, the model file. */
final class JobInputs {
    private JobInputs() {
    }

    /**
     * Hadoop settings as Spark would make them: defaults plus every {@code spark.hadoop.*} Spark property, in the
     * session's order: system properties (spark-submit's {@code --conf}), then {@code spark.conf}, then the
     * {@code --conf} flags.
     */
    static Configuration hadoopConfiguration(Config config, Arguments arguments) {
        Map<String, String> properties = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().sorted()
                .forEach(key -> properties.put(key, System.getProperty(key)));
        config.getConfig("spark.conf").entrySet().forEach(entry -> properties.put(entry.getKey().replace("\"", ""),
                String.valueOf(entry.getValue().unwrapped())));
        properties.putAll(SparkJob.properties(arguments.values(SparkJob.CONF)));
        Configuration hadoop = new Configuration();
        properties.forEach((key, value) -> {
            if (key.startsWith("spark.hadoop.")) {
                hadoop.set(key.substring("spark.hadoop.".length()), value);
            }
        });
        return hadoop;
    }

    /** The model file's bytes, from the local disk or, for a Hadoop URI (hdfs://, s3a://), its file system. */
    static byte[] readModel(String location, Configuration hadoop) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        try {
            if (!EvaluationData.isRemote(location)) {
                Path file = EvaluationData.localPath(location);
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("--model " + location + " does not exist");
                }
                return Files.readAllBytes(file);
            }
            org.apache.hadoop.fs.FileSystem fileSystem = path.getFileSystem(hadoop);
            if (!fileSystem.isFile(path)) {
                throw new UsageException("--model " + location + " does not exist");
            }
            try (java.io.InputStream in = fileSystem.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --model " + location, e);
        }
    }
}
