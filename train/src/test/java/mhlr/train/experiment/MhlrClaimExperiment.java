package mhlr.train.experiment;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.Launcher;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.core.format.FacePair;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.train.OutputDirectory;
import mhlr.train.Trainer;
import mhlr.train.model.InferenceModel;
import mhlr.train.report.DecayLine;
import mhlr.train.report.MetricsLine;
import mhlr.train.report.MetricsLog;
import mhlr.train.report.StepLine;
import mhlr.train.schedule.Decay;
import mhlr.train.schedule.LearningRateSchedule;
import mhlr.train.schedule.MhlrSettings;
import mhlr.train.schedule.Schedules;
import mhlr.train.settings.TrainingSettings;
import mhlr.train.verification.Verification;
import mhlr.train.verification.VerificationResult;
import mhlr.train.verification.VerificationSet;

/**
 * The paper's claim at small scale on real faces (docs/EXPERIMENTS.md): the same small model, data and seed trained
 * three times,
 * <ol>
 *   <li>baseline: polynomial decay (power 1, arcface_torch's) over E epochs;</li>
 *   <li>control: the same polynomial decay over E/4 epochs;</li>
 *   <li>MHLR: the EMA-Haar scheduler, relative parametrisation, over E/4 epochs,</li>
 * </ol>
 * each scored on the 1,200 pairs of LFW folds 1-2 with insightface's ten-fold protocol (flip-sum, L2, squared
 * distance, threshold scan; {@link Verification}). Training data: the LFW-a people named by none of those pairs
 * (with at least {@code --min-images} images) plus ORL's 40 subjects, aligned by a fixed crop
 * ({@link MhlrClaimCrop}) and packed into shards by {@code bin/ingest} ({@link MhlrClaimData}).
 *
 * <p>Writes under {@code --work}: the ingest inputs and logs, {@code shards/}, one trainer output per run in
 * {@code runs/}, and in {@code --report} the table ({@value MhlrClaimReport#TABLE}) and the two charts. Prints the
 * table. Everything but the wall times is fixed by the seed.
 */
public final class MhlrClaimExperiment {
    static final String COMMAND = "MhlrClaimExperiment";
    static final CommandLine CLI = CommandLine.builder(COMMAND,
                    "Trains one small model three times (polynomial for E epochs, polynomial for E/4, MHLR for E/4)"
                            + " and scores LFW folds 1-2.")
            .optional("--work", "DIR", "working directory (default /tmp/mhlr-claim)")
            .optional("--data", "DIR", "the shared data folder holding lfw_a_subset/ and orl_faces/"
                    + " (default: system property mhlr.shared.data, else ../shared/data)")
            .optional("--report", "DIR", "where the table and charts go (default WORK/report)")
            .optional("--epochs", "E", "epochs of the baseline, a multiple of 4 (default 16)")
            .optional("--batch-size", "N", "images per step (default 32)")
            .optional("--backbone", "NAME", "backbone (default tiny)")
            .optional("--image-size", "PX", "network input side (default 48)")
            .optional("--learning-rate", "LR", "initial learning rate of every run (default 0.1)")
            .optional("--min-images", "N", "LFW-a people train when they have at least N images (default 10)")
            .optional("--runs", "LIST", "comma-separated subset of baseline,control,mhlr (default all three)")
            .flag("--without-orl", "train on LFW-a people only")
            .flag("--reuse-shards", "keep the shards of an earlier run in --work instead of ingesting again")
            .build();

    private static final List<String> RUN_KEYS = List.of("baseline", "control", "mhlr");

    private MhlrClaimExperiment() {
    }

    public static void main(String[] args) {
        Launcher.main(COMMAND, args, MhlrClaimExperiment::run);
    }

    static void run(String[] args) {
        Arguments arguments = CLI.parse(args);
        Path home = Path.of(System.getProperty("mhlr.home", ".")).toAbsolutePath().normalize();
        Path work = Path.of(arguments.value("--work").orElse("/tmp/mhlr-claim")).toAbsolutePath();
        Path data = Path.of(arguments.value("--data").orElse(System.getProperty("mhlr.shared.data",
                home.resolve("../shared/data").toString()))).toAbsolutePath().normalize();
        Path report = arguments.value("--report").map(Path::of).orElse(work.resolve("report")).toAbsolutePath();
        int epochs = arguments.integer("--epochs", 16);
        if (epochs < 4 || epochs % 4 != 0) {
            throw new UsageException("--epochs must be a positive multiple of 4, got " + epochs);
        }
        List<String> runKeys = List.of(arguments.value("--runs").orElse(String.join(",", RUN_KEYS)).split(","));
        for (String key : runKeys) {
            if (!RUN_KEYS.contains(key)) {
                throw new UsageException("--runs: unknown run '" + key + "' (one of " + RUN_KEYS + ")");
            }
        }
        List<String> common = new ArrayList<>(List.of(
                "train.backbone=" + arguments.value("--backbone").orElse("tiny"),
                "train.image-size=" + arguments.integer("--image-size", 48),
                "train.batch-size=" + arguments.integer("--batch-size", 32),
                "train.learning-rate=" + arguments.value("--learning-rate").orElse("0.1"),
                "train.data.decode-threads=1",
                "train.checkpoint.every-steps=0",
                "train.checkpoint.keep=1",
                "train.verification.every-steps=0",
                "train.log-every-steps=10",
                "train.schedule.warmup-steps=0",
                "train.schedule.power=1.0",
                "mhlr.variant=ema-haar",
                "mhlr.parametrisation=relative"));
        common.addAll(arguments.overrides());

        Path lfw = data.resolve("lfw_a_subset");
        Path orl = arguments.has("--without-orl") ? null : data.resolve("orl_faces");
        Path trainShards = work.resolve("shards/train");
        Path scoredShards = work.resolve("shards/lfw-folds-1-2");
        prepareShards(arguments.has("--reuse-shards"), home, work, lfw, orl, arguments.integer("--min-images", 10),
                trainShards, scoredShards);
        VerificationSet scored = VerificationSet.open(scoredShards.toString(), ShardSet.Check.SIZE).get(0);
        System.err.println(COMMAND + ": scoring " + scored.pairs() + " pairs over " + scored.images().size()
                + " images");

        List<MhlrClaimRun> runs = new ArrayList<>();
        for (String key : runKeys) {
            runs.add(train(key, epochs, common, trainShards, work.resolve("runs").resolve(key), scored));
        }
        try {
            Files.createDirectories(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + report, e);
        }
        String claim = runs.size() == 3 ? MhlrClaimReport.claim(runs.get(0), runs.get(1), runs.get(2)) : "";
        int smoothing = (int) Math.max(1, runs.get(runs.size() - 1).steps() / 40);
        MhlrClaimReport.write(report, runs, claim, smoothing);
        System.out.println(MhlrClaimReport.table(runs));
        System.out.println(claim);
        if (runKeys.contains("mhlr")) {
            System.out.println("MHLR signal: " + MhlrClaimSignal.summarise(work.resolve("runs/mhlr")).describe());
        }
        for (MhlrClaimRun run : runs) {
            for (Decay decay : run.decays()) {
                System.out.println(run.name() + " " + decay.describe());
            }
        }
        System.out.println("report: " + report);
    }

    private static void prepareShards(boolean reuse, Path home, Path work, Path lfw, Path orl, int minImages,
                                      Path trainShards, Path scoredShards) {
        List<FacePair> pairs = MhlrClaimData.scoredPairs(lfw.resolve("pairs.txt"));
        Set<String> scoredPeople = MhlrClaimData.people(pairs);
        List<String> people = MhlrClaimData.trainingPeople(lfw, scoredPeople, minImages);
        System.err.println(String.format(Locale.ROOT, "%s: %d pairs of folds 1-%d name %d people; %d other LFW-a"
                        + " people have >= %d images and train%s", COMMAND, pairs.size(), MhlrClaimData.SCORED_FOLDS,
                scoredPeople.size(), people.size(), minImages, orl == null ? "" : ", with ORL's subjects"));
        if (reuse && Files.isRegularFile(trainShards.resolve(ShardSchema.MANIFEST_FILE))
                && Files.isRegularFile(scoredShards.resolve(ShardSchema.MANIFEST_FILE))) {
            System.err.println(COMMAND + ": reusing the shards in " + trainShards.getParent());
            return;
        }
        Path trainLandmarks = MhlrClaimData.writeTrainingInput(work, lfw, people, orl);
        Path[] scoredInput = MhlrClaimData.writeEvaluationInput(work, MhlrClaimData.balancedFolds(pairs));
        double trainSeconds = MhlrClaimIngest.run(home, List.of("--format", "landmarks",
                "--input", work.resolve("train-input").toString(), "--output", trainShards.toString(), "--overwrite",
                "--set", "ingest.landmark-file=" + trainLandmarks), work.resolve("ingest-train.log"));
        double scoredSeconds = MhlrClaimIngest.run(home, List.of("--format", "lfw",
                "--input", lfw.toString(), "--output", scoredShards.toString(), "--overwrite",
                "--set", "ingest.pairs-file=" + scoredInput[0], "--set", "ingest.landmark-file=" + scoredInput[1],
                "--set", "ingest.protocol=lfw_folds_1_2"), work.resolve("ingest-scored.log"));
        System.err.println(String.format(Locale.ROOT, "%s: ingested %d training images in %.0f s, the scored images"
                        + " in %.0f s", COMMAND, MhlrClaimData.countLines(trainLandmarks), trainSeconds,
                scoredSeconds));
    }

    private static MhlrClaimRun train(String key, int baselineEpochs, List<String> common, Path shards, Path output,
                                      VerificationSet scored) {
        int epochs = key.equals("baseline") ? baselineEpochs : baselineEpochs / 4;
        List<String> overrides = new ArrayList<>(common);
        overrides.add("train.epochs=" + epochs);
        overrides.add("train.schedule.name=" + (key.equals("mhlr") ? "mhlr" : "polynomial"));
        Config config = Settings.load(Optional.empty(), overrides);
        System.err.println(COMMAND + ": run " + key + ", " + epochs + " epochs, into " + output);

        long started = System.nanoTime();
        Trainer trainer = Trainer.prepare(config, shards.toString(), System.err, false);
        Map<String, Object> summary;
        try (OutputDirectory directory = OutputDirectory.prepare(output, false, true, trainer.inputs())) {
            summary = trainer.run(directory);
            directory.commit();
        }
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        long steps = ((Number) summary.get("steps")).longValue();

        started = System.nanoTime();
        VerificationResult result;
        try {
            InferenceModel model = InferenceModel.load(output.resolve(OutputDirectory.MODEL));
            result = new Verification(List.of(scored), config.getInt("train.image-size"), 64, 1)
                    .run(model::embed, steps).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + output.resolve(OutputDirectory.MODEL), e);
        }
        double scoreSeconds = (System.nanoTime() - started) / 1e9;
        result.logLines().forEach(System.err::println);

        double[] losses = readLosses(output.resolve(OutputDirectory.LOSSES), steps);
        LearningRateSchedule schedule = Schedules.from(TrainingSettings.read(config), steps);
        double[] rates = new double[losses.length];
        for (int step = 0; step < losses.length; step++) {
            rates[step] = schedule.learningRate();
            schedule.observe(step, losses[step]);
        }
        checkAgainstLog(output.resolve(OutputDirectory.METRICS), rates, schedule.decays());
        List<Decay> changes = schedule.decays().stream()
                .filter(decay -> decay.rateAfter() != decay.rateBefore()).toList();
        return new MhlrClaimRun(label(key), describe(key, config, steps), epochs, steps,
                config.getInt("train.batch-size"), trainSeconds, scoreSeconds, losses, rates, changes,
                result.accuracy(), result.std());
    }

    private static String label(String key) {
        return switch (key) {
            case "baseline" -> "baseline";
            case "control" -> "control";
            default -> "MHLR";
        };
    }

    private static String describe(String key, Config config, long steps) {
        double rate = config.getDouble("train.learning-rate");
        if (!key.equals("mhlr")) {
            return String.format(Locale.ROOT, "polynomial, power 1: %.3g linearly to 0 at step %d", rate, steps);
        }
        MhlrSettings settings = new MhlrSettings(config.getDouble("mhlr.alpha"), config.getDouble("mhlr.beta"),
                config.getDouble("mhlr.lambda"), config.getDouble("mhlr.tau"), config.getDouble("mhlr.delta"),
                config.getInt("mhlr.max-decays")).relativeTo(steps, config.getLong("mhlr.reference-steps"));
        return String.format(Locale.ROOT, "MHLR ema-haar, relative: from %.3g; alpha = beta = %.4g, lambda = %.4g,"
                        + " patience %d steps, halving, at most %d decays", rate, settings.alpha(), settings.lambda(),
                settings.patience(steps), settings.maxDecays());
    }

    private static double[] readLosses(Path file, long steps) {
        try {
            double[] losses = Files.readAllLines(file).stream().filter(line -> !line.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
            if (losses.length != steps) {
                throw new IllegalStateException(file + " holds " + losses.length + " losses for " + steps + " steps");
            }
            return losses;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The learning rates and decays replayed from the losses must be the ones the trainer logged (the schedule sees
     * only the losses, so a difference means the replay is not the run).
     */
    private static void checkAgainstLog(Path metrics, double[] rates, List<Decay> decays) {
        int logged = 0;
        for (MetricsLine line : MetricsLog.read(metrics)) {
            long step = line.step();
            if (line instanceof DecayLine) {
                boolean known = decays.stream().anyMatch(decay -> decay.step() + 1 == step);
                if (!known) {
                    throw new IllegalStateException(metrics + ": the run decayed at step " + step
                            + ", the replay did not");
                }
                logged++;
            } else if (line instanceof StepLine stepLine) {
                double rate = stepLine.learningRate();
                if (Math.abs(rate - rates[(int) step - 1]) > 1e-9 * Math.max(rate, 1e-12)) {
                    throw new IllegalStateException(metrics + ": step " + step + " used learning rate " + rate
                            + ", the replay " + rates[(int) step - 1]);
                }
            }
        }
        if (logged != decays.size()) {
            throw new IllegalStateException(metrics + " logs " + logged + " decays, the replay made " + decays.size());
        }
    }
}
