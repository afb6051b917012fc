package mhlr.ingest;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.Launcher;
import mhlr.core.config.Settings;
import mhlr.ingest.source.Source;
import mhlr.ingest.source.Sources;
import mhlr.spark.SparkJob;
import mhlr.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * The ingest Spark job: {@code bin/ingest --format FORMAT --input PATH --output DIR}. Runs embedded on local
 * Spark, on the cluster named by {@code --master}, or under spark-submit (this class is the main class).
 * Exit codes follow the CLI contract: 0 done, 2 usage or bad input (including too many bad records), 1 failure.
 */
public final class IngestJob {
    static final String COMMAND = "bin/ingest";

    static final CommandLine CLI = SparkJob.flags(CommandLine.builder(COMMAND,
                    "Reads face images in the format users have them, aligns them to 112x112 and writes shuffled,"
                    + " verified Parquet shards (or insightface RecordIO or .bin files) with __mhlr/manifest.json"
                    + " (written last) and a table of skipped records.")
            .optional("--format", "FORMAT", "input format: " + String.join(", ", Sources.FORMATS)
                    + " (default: ingest.format)")
            .required("--input", "PATH", "the input directory (or .rec/.bin file); local path or Hadoop URI")
            .required("--output", "DIR", "the shard directory to create; local path or Hadoop URI")
            .optional("--output-format", "FORMAT", "what to write: " + String.join(", ", OutputFormat.NAMES)
                    + " (default: ingest.output-format, parquet)")
            .optional("--config", "FILE", "a preset over conf/base.conf"))
            .flag("--overwrite", "replace an existing output directory")
            .build();

    private IngestJob() {
    }

    public static void main(String[] args) {
        Launcher.main(COMMAND, args, IngestJob::runStandalone);
    }

    /** Runs with a session the caller owns (tests, notebooks); returns the CLI contract's exit code. */
    public static int run(SparkSession session, String[] args, PrintStream out, PrintStream err) {
        return Launcher.run(COMMAND, args, arguments -> {
            Job job = Job.parse(arguments);
            job.run(session, err);
        }, out, err);
    }

    private static void runStandalone(String[] args) {
        Job job = Job.parse(args);
        SparkJob spark = SparkJob.from("ingest", job.arguments, "--input");
        SparkSession session = SparkSessions.start(job.config, spark);
        SparkSessions.describe(session, spark).forEach(line -> System.err.println(COMMAND + ": " + line));
        try {
            job.run(session, System.err);
        } finally {
            session.stop();
        }
    }

    /** A parsed command: its arguments, the layered config and the chosen source. */
    private static final class Job {
        private final Arguments arguments;
        private final Config config;
        private final IngestSettings settings;
        private final Source source;

        private Job(Arguments arguments, Config config) {
            this.arguments = arguments;
            this.config = config;
            this.settings = IngestSettings.from(config);
            this.source = Sources.forFormat(settings.format());
            settings.outputFormat().requireFor(source.kind(), settings.format());
        }

        static Job parse(String[] args) {
            Arguments arguments = CLI.parse(args);
            List<String> overrides = new ArrayList<>(arguments.overrides());
            arguments.value("--format").ifPresent(format -> overrides.add("ingest.format=" + format));
            arguments.value("--output-format").ifPresent(format -> overrides.add("ingest.output-format=" + format));
            Optional<java.nio.file.Path> preset = arguments.optionalPath("--config");
            return new Job(arguments, Settings.load(preset, overrides));
        }

        void run(SparkSession session, PrintStream log) {
            Ingest.run(session, settings, source, arguments.required("--input"), arguments.required("--output"),
                    arguments.has("--overwrite"), log);
        }
    }
}
