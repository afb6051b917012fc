package mhlr.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.AtomicOutput;
import mhlr.core.cli.UsageException;
import mhlr.core.output.LocalOutputStore;
import mhlr.train.checkpoint.Checkpoint;
import mhlr.train.checkpoint.CheckpointStore;
import mhlr.train.checkpoint.ResumeCheck;
import mhlr.train.checkpoint.TrainingState;
import mhlr.train.data.BatchPipeline;
import mhlr.train.data.DataOptions;
import mhlr.train.data.DataPosition;
import mhlr.train.data.TrainingBatch;
import mhlr.train.data.TrainingData;
import mhlr.train.model.StepResult;
import mhlr.train.model.TrainingModel;
import mhlr.train.onnx.PretrainedBackbone;
import mhlr.train.report.LossLog;
import mhlr.train.report.MetricsLog;
import mhlr.train.report.ProgressLine;
import mhlr.train.report.TrainingCurves;
import mhlr.train.schedule.Decay;
import mhlr.train.schedule.LearningRateSchedule;
import mhlr.train.schedule.Schedules;
import mhlr.train.verification.Embedder;
import mhlr.train.verification.Verification;
import mhlr.train.verification.VerificationResult;
import mhlr.train.verification.VerificationSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training loop. {@code T = floor(images / batch-size) * epochs} steps; for each: the next batch from the
 * shard pipeline, the schedule's learning rate, one model step, the loss to the schedule, then logging,
 * verification and checkpoints as configured. Steps are counted from 1 in the logs ("step 20" = 20 steps done, as
 * arcface_torch's {@code global_step}); the schedule sees them 0-based.
 *
 * <p>A loss or gradient norm that is not finite stops the run with {@link TrainingDivergedException} (exit 1); the
 * step is not checkpointed, so the last good checkpoint stays. With {@code --resume} the run continues from the
 * newest complete checkpoint and, given the same seed and config, logs exactly what the uninterrupted run logs.
 */
public final class Trainer {
    private final Config config;
    private final String data;
    private final PrintStream log;
    private final boolean terminal;
    private final TrainSettings settings;
    private final DataOptions dataOptions;
    private final TrainingData shards;
    private final long perEpoch;
    private final long total;
    private final TrainingModel model;
    private final LearningRateSchedule schedule;
    private final Verification verification;
    private OutputDirectory output;

    private Trainer(Config config, String data, PrintStream log, boolean terminal) {
        this.config = config;
        this.data = data;
        this.log = log;
        this.terminal = terminal;
        this.settings = TrainSettings.fromConfig(config);
        this.dataOptions = DataOptions.fromConfig(config);
        this.shards = TrainingData.open(data, dataOptions.check());
        this.perEpoch = BatchPipeline.batchesPerEpoch(shards.images(), settings.batchSize());
        if (perEpoch == 0) {
            throw new UsageException(data + " holds " + shards.images() + " images, fewer than one batch of "
                    + "train.batch-size = " + settings.batchSize());
        }
        this.total = perEpoch * settings.epochs();
        this.schedule = Schedules.fromConfig(config, total);
        this.verification = verification(settings, dataOptions);
        this.model = ModelFromConfig.build(config, shards.classes());
        String initFrom = config.getString("train.init-from");
        if (!initFrom.isEmpty()) {
            startFrom(Path.of(initFrom));
        }
    }

    /** Loads a pretrained backbone into the model ({@code train.init-from}); the class centres stay as drawn. */
    private void startFrom(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("train.init-from: " + file + " is not a file");
        }
        try {
            model.loadBackbone(PretrainedBackbone.load(file, model.spec()));
        } catch (IOException e) {
            throw new UsageException("train.init-from: " + e.getMessage(), e);
        }
        log.println("bin/train: backbone from " + file);
    }

    /**
     * Checks everything a run needs before any output exists: the config, the training data (a shard set's manifest
     * and footers, or a RecordIO folder's index and sizes), the verification sets, the schedule and the network.
     *
     * @param config the resolved configuration
     * @param data the training shard directory, or a RecordIO folder ({@link TrainingData#open})
     * @param log where the progress line and verification lines go (stderr)
     * @param terminal whether {@code log} is a console (progress redrawn in place)
     * @throws UsageException on a bad key, value or input, naming it
     */
    public static Trainer prepare(Config config, String data, PrintStream log, boolean terminal) {
        return new Trainer(config, data, log, terminal);
    }

    /** The model as prepared (from scratch, or from {@code train.init-from}), before any step. */
    TrainingModel model() {
        return model;
    }

    /** The local directories this run reads (training data, verification sets): its output may not overlap them. */
    public List<Path> inputs() {
        List<Path> inputs = new ArrayList<>();
        inputs.add(Path.of(data));
        settings.verificationSets().forEach(set -> inputs.add(Path.of(set)));
        return inputs.stream().filter(path -> !path.toString().contains(":/")).toList();
    }

    /** Optimizer steps of the whole run: {@code floor(images / batch-size) * epochs}. */
    public long totalSteps() {
        return total;
    }

    /**
     * Trains to the end (or from the newest checkpoint in {@code output} to the end) and writes the final files;
     * returns the summary.
     */
    public Map<String, Object> run(OutputDirectory target) {
        this.output = target;
        long started = System.nanoTime();
        CheckpointStore checkpoints = new CheckpointStore(output.resolve(OutputDirectory.CHECKPOINTS),
                settings.checkpointKeep());
        checkpoints.removeIncomplete();

        Progress progress = new Progress();
        if (output.resuming()) {
            Optional<Checkpoint> newest = checkpoints.loadNewest(log::println);
            if (newest.isPresent()) {
                restore(newest.get(), progress);
            } else {
                log.println("bin/train: " + output.root() + " has no complete checkpoint; starting from step 0");
            }
        }
        String configText = config.root().render(ConfigRenderOptions.defaults().setOriginComments(false)
                .setComments(false).setJson(false).setFormatted(true));
        AtomicOutput.writeFile(output.resolve(OutputDirectory.CONFIG), configText.getBytes(StandardCharsets.UTF_8));

        Path metricsFile = output.resolve(OutputDirectory.METRICS);
        try (MetricsLog metrics = output.resuming()
                ? MetricsLog.resume(metricsFile, progress.step) : MetricsLog.create(metricsFile);
             LossLog losses = output.resuming()
                     ? LossLog.resume(output.resolve(OutputDirectory.LOSSES), progress.step)
                     : LossLog.create(output.resolve(OutputDirectory.LOSSES))) {
            List<Decay> decays = new ArrayList<>();
            schedule.addListener(decays::add);
            new Loop(checkpoints, metrics, losses, decays, configText).run(progress);
        }
        return finish(started);
    }

    /** What the loop carries from step to step and what a checkpoint restores. */
    private static final class Progress {
        long step;
        DataPosition position = DataPosition.start();
        double intervalLossSum;
        long intervalSteps;
    }

    private void restore(Checkpoint checkpoint, Progress progress) {
        TrainingState state = checkpoint.state();
        String where = output.resolve(OutputDirectory.CHECKPOINTS) + " step " + state.step();
        ResumeCheck.requireSameRun(checkpoint.config(), config, where);
        if (state.images() != shards.images() || state.classes() != shards.classes()) {
            throw new UsageException("cannot resume " + where + ": it was trained on " + state.images() + " images of "
                    + state.classes() + " classes, " + data + " holds " + shards.images() + " of " + shards.classes());
        }
        model.loadParameters(checkpoint.parameters());
        model.loadOptimizerState(checkpoint.optimizer());
        schedule.restoreState(state.schedule());
        verification.restoreHighest(state.verificationHighest());
        progress.step = state.step();
        progress.position = state.position();
        progress.intervalLossSum = state.intervalLossSum();
        progress.intervalSteps = state.intervalSteps();
        log.println("bin/train: resuming at step " + state.step() + " (epoch " + state.epoch() + ", batch "
                + state.batch() + ") from " + where);
    }

    private static Verification verification(TrainSettings settings, DataOptions dataOptions) {
        List<VerificationSet> sets = new ArrayList<>();
        if (settings.verificationEverySteps() > 0) {
            for (String directory : settings.verificationSets()) {
                sets.addAll(VerificationSet.open(directory, dataOptions.check()));
            }
        }
        return new Verification(sets, dataOptions.imageSize(), settings.verificationBatchSize(),
                settings.decodeThreads());
    }

    /** The steps themselves. */
    private final class Loop {
        private final CheckpointStore checkpoints;
        private final MetricsLog metrics;
        private final LossLog losses;
        private final List<Decay> decays;
        private final String configText;
        private Path lastCheckpoint;

        Loop(CheckpointStore checkpoints, MetricsLog metrics, LossLog losses, List<Decay> decays, String configText) {
            this.checkpoints = checkpoints;
            this.metrics = metrics;
            this.losses = losses;
            this.decays = decays;
            this.configText = configText;
            List<Path> existing = checkpoints.complete();
            this.lastCheckpoint = existing.isEmpty() ? null : existing.get(existing.size() - 1);
        }

        void run(Progress progress) {
            if (progress.step >= total) {
                return;
            }
            ProgressLine line = new ProgressLine(log, total, progress.step, terminal);
            int size = dataOptions.imageSize();
            Embedder embedder = (pixels, n) -> model.embed(Nd4j.create(pixels, new long[] {n, 3, size, size}, 'c'))
                    .castTo(DataType.FLOAT).toFloatMatrix();
            long intervalStart = System.nanoTime();
            long waiting = 0;
            try (BatchPipeline pipeline = BatchPipeline.open(shards, dataOptions, progress.position,
                    settings.epochs())) {
                while (progress.step < total) {
                    long before = System.nanoTime();
                    TrainingBatch batch = pipeline.next();
                    waiting += System.nanoTime() - before;
                    double rate = schedule.learningRate();
                    StepResult result = model.step(Nd4j.create(batch.pixels(), batch.shape(), 'c'), batch.labels(),
                            rate);
                    long step = progress.step + 1;
                    int epoch = batch.position().epoch();
                    if (!Double.isFinite(result.loss()) || !Double.isFinite(result.gradientNorm())) {
                        diverged(step, epoch, rate, result);
                    }
                    losses.append(result.loss());
                    schedule.observe(step - 1, result.loss());
                    progress.step = step;
                    progress.position = batch.position().next(perEpoch);
                    progress.intervalLossSum += result.loss();
                    progress.intervalSteps++;

                    if (step % settings.logEverySteps() == 0 || step == total) {
                        long now = System.nanoTime();
                        double seconds = (now - intervalStart) / 1e9;
                        double speed = progress.intervalSteps * settings.batchSize() / Math.max(seconds, 1e-9);
                        metrics.write(stepLine(step, epoch, rate, result, progress, speed, waiting / 1e9 / seconds));
                        line.update(step, epoch, settings.epochs(), progress.intervalLossSum / progress.intervalSteps,
                                rate, speed);
                        progress.intervalLossSum = 0;
                        progress.intervalSteps = 0;
                        intervalStart = now;
                        waiting = 0;
                    }
                    for (Decay decay : decays) {
                        metrics.write(decayLine(decay));
                        line.message(String.format(Locale.ROOT, "[step %d] learning rate %.6g -> %.6g (decay %d)",
                                decay.step() + 1, decay.rateBefore(), decay.rateAfter(), decay.number()));
                    }
                    decays.clear();
                    if (settings.verificationEverySteps() > 0 && step % settings.verificationEverySteps() == 0
                            && !verification.isEmpty()) {
                        for (VerificationResult outcome : verification.run(embedder, step)) {
                            outcome.logLines().forEach(line::message);
                            metrics.write(verificationLine(outcome));
                        }
                    }
                    boolean epochEnd = step % perEpoch == 0;
                    if (epochEnd || settings.checkpointEverySteps() > 0
                            && step % settings.checkpointEverySteps() == 0) {
                        losses.flush();
                        lastCheckpoint = checkpoints.save(new Checkpoint(state(progress), model.parameters(),
                                model.optimizerState(), configText));
                    }
                }
            }
        }

        private TrainingState state(Progress progress) {
            return new TrainingState(TrainingState.FORMAT, progress.step, progress.position.epoch(),
                    progress.position.batch(), config.getLong("seed"), schedule.saveState(), verification.highest(),
                    progress.intervalLossSum, progress.intervalSteps, shards.images(), shards.classes());
        }

        private void diverged(long step, int epoch, double rate, StepResult result) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put(MetricsLog.EVENT, "diverged");
            event.put(MetricsLog.STEP, step);
            event.put("epoch", epoch);
            event.put("loss", result.loss());
            event.put("gradient_norm", result.gradientNorm());
            event.put("lr", rate);
            metrics.write(event);
            losses.flush();
            String what = Double.isFinite(result.loss()) ? "the gradient norm is " + result.gradientNorm()
                    : "the loss is " + result.loss();
            throw new TrainingDivergedException(String.format(Locale.ROOT,
                    "training diverged at step %d (epoch %d): %s (learning rate %.6g); stopped. %s", step, epoch,
                    what, rate, lastCheckpoint == null ? "No checkpoint was written yet."
                            : "The last good checkpoint stays: " + lastCheckpoint
                            + " (resuming from it repeats the same steps; start over with a lower"
                            + " train.learning-rate and --overwrite)."));
        }

        private Map<String, Object> stepLine(long step, int epoch, double rate, StepResult result, Progress progress,
                                             double speed, double waitFraction) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(MetricsLog.STEP, step);
            fields.put("epoch", epoch);
            fields.put("loss", result.loss());
            fields.put("loss_average", progress.intervalLossSum / progress.intervalSteps);
            fields.put("lr", rate);
            fields.put("gradient_norm", result.gradientNorm());
            fields.put("images_per_second", speed);
            fields.put("data_wait_fraction", waitFraction);
            fields.putAll(schedule.metrics());
            return fields;
        }

        private Map<String, Object> decayLine(Decay decay) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(MetricsLog.EVENT, "decay");
            fields.put(MetricsLog.STEP, decay.step() + 1);
            fields.put("number", decay.number());
            fields.put("lr_before", decay.rateBefore());
            fields.put("lr_after", decay.rateAfter());
            fields.put("signal", decay.signal());
            return fields;
        }

        private Map<String, Object> verificationLine(VerificationResult result) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(MetricsLog.EVENT, "verification");
            fields.put(MetricsLog.STEP, result.step());
            fields.put("set", result.name());
            fields.put("xnorm", result.xNorm());
            fields.put("accuracy_flip", result.accuracy());
            fields.put("accuracy_flip_std", result.std());
            fields.put("accuracy_highest", result.highest());
            return fields;
        }
    }

    private Map<String, Object> finish(long started) {
        try {
            model.exportInferenceModel(output.resolve(OutputDirectory.MODEL));
            LocalOutputStore.force(output.resolve(OutputDirectory.MODEL));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output.resolve(OutputDirectory.MODEL), e);
        }
        Path metricsFile = output.resolve(OutputDirectory.METRICS);
        TrainingCurves.draw(metricsFile, output.root(), config.getString("train.backbone") + ", "
                + config.getString("train.schedule.name"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", total);
        summary.put("epochs", settings.epochs());
        summary.put("batch_size", settings.batchSize());
        summary.put("images", shards.images());
        summary.put("classes", shards.classes());
        Map<String, Double> highest = new LinkedHashMap<>();
        long decayCount = 0;
        Double lastLoss = null;
        Double lastRate = null;
        for (JsonNode line : MetricsLog.read(metricsFile)) {
            String event = line.path(MetricsLog.EVENT).asText("");
            if (event.equals("decay")) {
                decayCount++;
            } else if (event.equals("verification")) {
                highest.put(line.path("set").asText(), line.path("accuracy_highest").asDouble());
            } else if (event.isEmpty()) {
                lastLoss = line.path("loss_average").asDouble();
                lastRate = line.path("lr").asDouble();
            }
        }
        summary.put("final_loss_average", lastLoss);
        summary.put("final_lr", lastRate);
        summary.put("decays", decayCount);
        summary.put("verification_highest", highest);
        summary.put("model", OutputDirectory.MODEL);
        summary.put("seconds_this_process", (System.nanoTime() - started) / 1e9);
        try {
            AtomicOutput.writeFile(output.resolve(OutputDirectory.SUMMARY),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary", e);
        }
        log.println("bin/train: done: " + total + " steps; model " + output.target().resolve(OutputDirectory.MODEL));
        return summary;
    }
}
