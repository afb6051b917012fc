package mhlr.evaluate;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.Launcher;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.core.output.OutputRules;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.evaluate.embed.ShardEmbedder;
import mhlr.evaluate.embed.EmbeddingParquet;
import mhlr.evaluate.embed.ImageEmbedding;
import mhlr.evaluate.embed.NpyFile;
import mhlr.evaluate.protocol.VerificationProtocol;
import mhlr.spark.DriverProgress;
import mhlr.spark.HadoopAtomicOutput;
import mhlr.spark.SparkJob;
import mhlr.spark.SparkSessions;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

/**
 * {@code bin/embed}: embeds every image of a shard set with a trained model on Spark, through the same
 * {@link ShardEmbedder} as {@code bin/evaluate --model} (the image and its horizontal flip), and writes an atomic
 * output directory: {@code embeddings/part-NNNNN.parquet} (one file per partition, rows in shard order; see
 * {@link EmbeddingParquet}) and, for an evaluation set, {@code <protocol>.npy} per protocol, {@code [rows, 2D]}
 * float32 (embedding, then the flip's) in the order {@code bin/evaluate --embeddings} reads with the same shard
 * set as {@code --data}. Exit codes follow the CLI contract.
 */
public final class EmbedJob {
    static final String COMMAND = "bin/embed";
    static final String EMBEDDINGS = "embeddings";

    static final CommandLine CLI = SparkJob.flags(CommandLine.builder(COMMAND,
                    "Embeds every image of a shard set with a trained model on Spark: Parquet rows (source, identity"
                    + " or key, label, embedding, flip_embedding) and, for an evaluation set, one .npy per protocol"
                    + " in the row order bin/evaluate --embeddings reads.")
            .required("--model", "FILE", "an exported model (bin/train's model file)")
            .required("--data", "DIR", "a shard set written by bin/ingest (training or evaluation)")
            .required("--output", "DIR", "the directory to create"))
            .flag("--overwrite", "replace an existing output directory")
            .build();

    private EmbedJob() {
    }

    public static void main(String[] args) {
        Launcher.main(COMMAND, args, EmbedJob::runStandalone);
    }

    /** Runs with a session the caller owns (tests, notebooks); returns the CLI contract's exit code. */
    public static int run(SparkSession session, String[] args, PrintStream out, PrintStream err) {
        return Launcher.run(COMMAND, args, arguments -> Job.parse(arguments).run(session, err), out, err);
    }

    private static void runStandalone(String[] args) {
        Job job = Job.parse(args);
        ShardSet shards = job.shards();
        SparkJob spark = SparkJob.from("embed", job.arguments, "--data");
        SparkSession session = SparkSessions.start(job.config, spark);
        SparkSessions.describe(session, spark).forEach(line -> System.err.println(COMMAND + ": " + line));
        try {
            job.run(session, shards, System.err);
        } finally {
            session.stop();
        }
    }

    /** A parsed command. */
    private static final class Job {
        private final Arguments arguments;
        private final Config config;
        private final EvaluateSettings settings;
        private final Configuration hadoop;

        private Job(Arguments arguments, Config config) {
            this.arguments = arguments;
            this.config = config;
            this.settings = EvaluateSettings.from(config);
            this.hadoop = JobInputs.hadoopConfiguration(config, arguments);
        }

        static Job parse(String[] args) {
            Arguments arguments = CLI.parse(args);
            return new Job(arguments, Settings.load(Optional.empty(), arguments.overrides()));
        }

        /** The shard set of {@code --data}, checked before Spark starts. */
        ShardSet shards() {
            String data = arguments.required("--data");
            if (!EvaluationData.isRemote(data) && !java.nio.file.Files.exists(EvaluationData.localPath(data))) {
                throw new UsageException("--data " + data + " does not exist");
            }
            String location = EvaluationData.isRemote(data) ? data
                    : EvaluationData.localPath(data).toAbsolutePath().toUri().toString();
            return ShardSet.open(location, hadoop).verify(ShardSet.Check.SIZE);
        }

        void run(SparkSession session, PrintStream log) {
            run(session, shards(), log);
        }

        void run(SparkSession session, ShardSet shards, PrintStream log) {
            byte[] model = settings.engine().modelBytes(JobInputs.readModel(arguments.required("--model"), hadoop),
                    "--model " + arguments.required("--model"));
            log.println(COMMAND + ": --model " + arguments.required("--model") + ": "
                    + ShardEmbedder.check(model, "--model " + arguments.required("--model"), settings.onnx()));
            OutputRules<String> rules = OutputRules.<String>builder().overwrite(arguments.has("--overwrite"))
                    .ownMarker(EMBEDDINGS).input(arguments.required("--data")).input(arguments.required("--model"))
                    .build();
            try (HadoopAtomicOutput output = HadoopAtomicOutput.begin(arguments.required("--output"), rules,
                    hadoop)) {
                List<VerificationProtocol> protocols = shards.manifest().protocols().isEmpty() ? List.of()
                        : EvaluationData.read(arguments.required("--data"), hadoop, () -> session).protocols();
                JavaRDD<ImageEmbedding> embedded;
                try (DriverProgress progress = DriverProgress.start(session.sparkContext(), "embed", "images",
                        Duration.ofSeconds(10), log)) {
                    progress.expect(shards.manifest().counts().written());
                    embedded = embed(session, shards, model, progress).persist(StorageLevel.MEMORY_AND_DISK());
                    writeParquet(embedded, output);
                }
                if (!protocols.isEmpty()) {
                    writeProtocols(protocols, embedded.collect(), output, log);
                }
                embedded.unpersist(false);
                output.commit();
                log.println(COMMAND + ": wrote " + output.target());
            }
        }

        private JavaRDD<ImageEmbedding> embed(SparkSession session, ShardSet shards, byte[] model,
                DriverProgress progress) {
            Dataset<Row> rows = session.read().parquet(shards.shardPaths().toArray(String[]::new));
            List<String> present = Arrays.asList(rows.columns());
            List<Column> columns = new ArrayList<>();
            columns.add(functions.col(ShardSchema.IMAGE_BYTES).as(ShardSchema.IMAGE));
            columns.add(functions.col(ShardSchema.SOURCE));
            for (String name : List.of(ShardSchema.IDENTITY, ShardSchema.KEY, ShardSchema.LABEL)) {
                columns.add(present.contains(name) ? functions.col(name) : functions.lit(null).as(name));
            }
            return ShardEmbedder.embed(JavaSparkContext.fromSparkContext(session.sparkContext()),
                    rows.select(columns.toArray(Column[]::new)), model, settings.onnx(), settings.batchSize(),
                    progress.counter(),
                    (row, features) -> new ImageEmbedding(row.getAs(ShardSchema.SOURCE),
                            row.getAs(ShardSchema.IDENTITY), row.getAs(ShardSchema.KEY), row.getAs(ShardSchema.LABEL),
                            features));
        }

        /** One Parquet file per partition, written by the partition's task. */
        private void writeParquet(JavaRDD<ImageEmbedding> embedded, HadoopAtomicOutput output) {
            String directory = output.staged(EMBEDDINGS).toString();
            SerializableConfiguration executorHadoop = new SerializableConfiguration(hadoop);
            embedded.foreachPartition(rows -> {
                List<ImageEmbedding> partition = new ArrayList<>();
                rows.forEachRemaining(partition::add);
                String name = String.format("part-%05d.parquet", TaskContext.getPartitionId());
                EmbeddingParquet.write(new org.apache.hadoop.fs.Path(directory, name), executorHadoop.value(),
                        partition);
            });
        }

        private void writeProtocols(List<VerificationProtocol> protocols, List<ImageEmbedding> images,
                HadoopAtomicOutput output, PrintStream log) {
            Map<String, float[]> byKey = new HashMap<>();
            for (ImageEmbedding image : images) {
                byKey.put(image.key(), image.features());
            }
            int columns = images.isEmpty() ? 0 : images.get(0).features().length;
            for (VerificationProtocol protocol : protocols) {
                List<String> keys = ProtocolOrder.keys(protocol);
                List<String> absent = keys.stream().filter(key -> !byKey.containsKey(key)).distinct().toList();
                if (!absent.isEmpty()) {
                    throw new UsageException(protocol.name() + " names " + absent.size() + " images that the shards"
                            + " do not hold, e.g. " + absent.subList(0, Math.min(5, absent.size())));
                }
                String name = protocol.name() + ".npy";
                try (OutputStream out = output.fileSystem().create(output.staged(name), true)) {
                    NpyFile.write(out, keys.size(), columns, index -> byKey.get(keys.get((int) index)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + name, e);
                }
                log.println(COMMAND + ": " + name + ", " + keys.size() + " rows of " + columns
                        + " (embedding, then the flip's)");
            }
        }
    }
}
