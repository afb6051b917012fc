package mhlr.evaluate;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.Launcher;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.core.output.OutputRules;
import mhlr.evaluate.embed.ShardEmbedder;
import mhlr.evaluate.protocol.VerificationProtocol;
import mhlr.evaluate.report.MarkdownReport;
import mhlr.spark.HadoopAtomicOutput;
import mhlr.spark.SparkJob;
import mhlr.spark.SparkSessions;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/evaluate}: scores verification (and IJB 1:N identification) protocols exactly as insightface does, with features from a trained
 * model ({@code --model}, embedded on the executors) or from a {@code .npy} ({@code --embeddings}), and writes
 * an atomic output directory: {@code report.json}, {@code report.md}, {@code roc.png} and {@code scores/}
 * (one subdirectory per protocol when several are evaluated). Exit codes follow the CLI contract.
 */
public final class EvaluateJob {
    static final String COMMAND = "bin/evaluate";

    static final CommandLine CLI = SparkJob.flags(CommandLine.builder(COMMAND,
                    "Evaluates face verification and identification: insightface's 10-fold accuracy (LFW, CFP, AgeDB,"
                    + " any pair list), IJB-B/C 1:1 TAR@FAR and, when the 1:N lists are there, IJB-B/C 1:N rank-k"
                    + " and TPIR@FPIR, with features from a trained model or a .npy.")
            .optional("--model", "FILE", "a model.mhlr from bin/train or an ONNX face model; embeds the shards of --data")
            .optional("--embeddings", "FILE.npy", "precomputed float32 features, one row per image in protocol order")
            .required("--data", "DIR", "an evaluation shard set, or with --embeddings that shard set (the .npy of"
                    + " bin/embed) or the protocol's own files (IJB root, CFP root, pairs.txt, .bin)")
            .required("--output", "DIR", "the report directory to create"))
            .flag("--overwrite", "replace an existing output directory")
            .build();

    private EvaluateJob() {
    }

    public static void main(String[] args) {
        Launcher.main(COMMAND, args, EvaluateJob::runStandalone);
    }

    /** Runs with a session the caller owns (tests, notebooks); returns the CLI contract's exit code. */
    public static int run(SparkSession session, String[] args, PrintStream out, PrintStream err) {
        return Launcher.run(COMMAND, args, arguments -> Job.parse(arguments).run(() -> session, err), out, err);
    }

    /**
     * The command line's run. Spark starts in the background while the driver reads the protocol files and pools
     * the templates, which need no Spark: on two cores that hides most of Spark's start-up.
     */
    private static void runStandalone(String[] args) {
        Job job = Job.parse(args);
        SparkJob spark = SparkJob.from("evaluate", job.arguments, "--data");
        CompletableFuture<SparkSession> session = CompletableFuture.supplyAsync(() -> {
            SparkSession started = SparkSessions.start(job.config, spark);
            SparkSessions.describe(started, spark).forEach(line -> System.err.println(COMMAND + ": " + line));
            return started;
        });
        try {
            job.run(session::join, System.err);
        } finally {
            try {
                session.join().stop();
            } catch (CompletionException failedToStart) {
                // the cause already ended the run, or is reported by the call that needed the session
            }
        }
    }

    /** A parsed command. */
    private static final class Job {
        private final Arguments arguments;
        private final Config config;
        private final EvaluateSettings settings;

        private Job(Arguments arguments, Config config) {
            this.arguments = arguments;
            this.config = config;
            this.settings = EvaluateSettings.from(config);
        }

        static Job parse(String[] args) {
            Arguments arguments = CLI.parse(args);
            if (arguments.has("--model") == arguments.has("--embeddings")) {
                throw new UsageException("give exactly one of --model FILE and --embeddings FILE.npy (see " + COMMAND
                        + " --help)");
            }
            return new Job(arguments, Settings.load(Optional.empty(), arguments.overrides()));
        }

        void run(Supplier<SparkSession> session, PrintStream log) {
            Optional<Path> embeddings = arguments.optionalPath("--embeddings");
            Configuration hadoop = JobInputs.hadoopConfiguration(config, arguments);
            Optional<byte[]> model = arguments.value("--model").map(location -> settings.engine().modelBytes(
                    JobInputs.readModel(location, hadoop), "--model " + location));
            model.ifPresent(bytes -> log.println(COMMAND + ": --model " + arguments.required("--model") + ": "
                    + ShardEmbedder.check(bytes, "--model " + arguments.required("--model"), settings.onnx())));
            embeddings.ifPresent(file -> {
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("--embeddings " + file + " does not exist");
                }
            });
            OutputRules<String> rules = OutputRules.<String>builder().overwrite(arguments.has("--overwrite"))
                    .ownMarker(MarkdownReport.FILE).input(arguments.required("--data"))
                    .inputs(arguments.value("--model").or(() -> arguments.value("--embeddings")).stream().toList())
                    .build();
            try (HadoopAtomicOutput output = HadoopAtomicOutput.begin(arguments.required("--output"), rules,
                    hadoop)) {
                EvaluationData data = EvaluationData.read(arguments.required("--data"), hadoop, session);
                List<VerificationProtocol> protocols = data.select(settings.protocol());
                if (embeddings.isPresent() && protocols.size() > 1) {
                    throw new UsageException("--data holds " + protocols.stream().map(VerificationProtocol::name).toList()
                            + " but a .npy holds one protocol's features: choose with --set evaluate.protocol=NAME");
                }
                Evaluation evaluation = new Evaluation(session, settings, output, hadoop, log);
                StringBuilder summary = new StringBuilder();
                for (VerificationProtocol protocol : protocols) {
                    String directory = protocols.size() == 1 ? "" : protocol.name() + "/";
                    summary.append(evaluation.run(protocol, data, embeddings, model, directory)).append('\n');
                }
                if (protocols.size() > 1) {
                    output.writeFile(MarkdownReport.FILE,
                            summary.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                output.commit();
                log.println(COMMAND + ": wrote " + output.target());
            }
        }
    }
}
