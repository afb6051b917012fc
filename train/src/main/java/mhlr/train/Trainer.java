package mhlr.train;

import static mhlr.train.settings.TrainingSettings.BACKBONE;
import static mhlr.train.settings.TrainingSettings.BATCH_SIZE;
import static mhlr.train.settings.TrainingSettings.CHECKPOINT_EVERY_STEPS;
import static mhlr.train.settings.TrainingSettings.CHECKPOINT_KEEP;
import static mhlr.train.settings.TrainingSettings.DECODE_THREADS;
import static mhlr.train.settings.TrainingSettings.EPOCHS;
import static mhlr.train.settings.TrainingSettings.INIT_FROM;
import static mhlr.train.settings.TrainingSettings.LOG_EVERY_STEPS;
import static mhlr.train.settings.TrainingSettings.SCHEDULE;
import static mhlr.train.settings.TrainingSettings.SEED;
import static mhlr.train.settings.TrainingSettings.VERIFICATION_BATCH_SIZE;
import static mhlr.train.settings.TrainingSettings.VERIFICATION_EVERY_STEPS;
import static mhlr.train.settings.TrainingSettings.VERIFICATION_SETS;

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
import mhlr.train.data.TrainingData;
import mhlr.train.loop.BatchWait;
import mhlr.train.loop.CheckpointEvery;
import mhlr.train.loop.Checkpoints;
import mhlr.train.loop.CurvePlots;
import mhlr.train.loop.DecayEvents;
import mhlr.train.loop.DivergenceStop;
import mhlr.train.loop.LiveVerification;
import mhlr.train.loop.LossInterval;
import mhlr.train.loop.LossRecorder;
import mhlr.train.loop.MetricsLines;
import mhlr.train.loop.ProgressUpdates;
import mhlr.train.loop.RunLogs;
import mhlr.train.loop.ScheduleObserver;
import mhlr.train.loop.StepEvent;
import mhlr.train.loop.TrainingListener;
import mhlr.train.loop.TrainingLoop;
import mhlr.train.model.TrainingModel;
import mhlr.train.onnx.PretrainedBackbone;
import mhlr.train.report.LossLog;
import mhlr.train.report.MetricsLog;
import mhlr.train.report.ProgressLine;
import mhlr.train.schedule.LearningRateSchedule;
import mhlr.train.schedule.Schedules;
import mhlr.train.settings.TrainingSettings;
import mhlr.train.verification.Embedder;
import mhlr.train.verification.Verification;
import mhlr.train.verification.VerificationSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run: prepares everything it needs from the config (data, model, schedule, verification), restores a
 * checkpoint on {@code --resume}, runs the {@link TrainingLoop} with the listeners that log, decide, verify and
 * checkpoint ({@link #listeners}), and writes the model and {@code summary.json}. {@code T = floor(images / batch-size)
 * * epochs} steps, counted from 1 in the logs ("step 20" = 20 steps done, as arcface_torch's {@code global_step}); the
 * schedule sees them 0-based.
 *
 * <p>A loss or gradient norm that is not finite stops the run ({@link DivergenceStop}, exit 1); the step is not
 * checkpointed, so the last good checkpoint stays. With {@code --resume} the run continues from the newest complete
 * checkpoint and, given the same seed and config, logs exactly what the uninterrupted run logs.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Config config;
    private final String data;
    private final PrintStream log;
    private final boolean terminal;
    private final TrainingSettings settings;
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
        this.settings = TrainingSettings.read(config);
        this.dataOptions = settings.dataOptions();
        this.shards = TrainingData.open(data, dataOptions.check());
        this.perEpoch = BatchPipeline.batchesPerEpoch(shards.images(), settings.get(BATCH_SIZE));
        if (perEpoch == 0) {
            throw new UsageException(data + " holds " + shards.images() + " images, fewer than one batch of "
                    + "train.batch-size = " + settings.get(BATCH_SIZE));
        }
        this.total = perEpoch * settings.get(EPOCHS);
        this.schedule = Schedules.from(settings, total);
        this.verification = verification(settings, dataOptions);
        this.model = ModelFromSettings.build(settings, shards.classes());
        String initFrom = settings.get(INIT_FROM);
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
        settings.get(VERIFICATION_SETS).forEach(set -> inputs.add(Path.of(set)));
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
                settings.get(CHECKPOINT_KEEP));
        checkpoints.removeIncomplete();
        Optional<TrainingState> restored = Optional.empty();
        if (output.resuming()) {
            Optional<Checkpoint> newest = checkpoints.loadNewest(LOG::warn);
            if (newest.isPresent()) {
                restored = Optional.of(restore(newest.get()));
            } else {
                LOG.warn("{} has no complete checkpoint; starting from step 0", output.root());
            }
        }
        String configText = config.root().render(ConfigRenderOptions.defaults().setOriginComments(false)
                .setComments(false).setJson(false).setFormatted(true));
        AtomicOutput.writeFile(output.resolve(OutputDirectory.CONFIG), configText.getBytes(StandardCharsets.UTF_8));

        long stepsDone = restored.map(TrainingState::step).orElse(0L);
        DataPosition position = restored.map(TrainingState::position).orElse(DataPosition.start());
        Path metricsFile = output.resolve(OutputDirectory.METRICS);
        Path lossesFile = output.resolve(OutputDirectory.LOSSES);
        try (MetricsLog metrics = output.resuming() ? MetricsLog.resume(metricsFile, stepsDone)
                : MetricsLog.create(metricsFile);
             LossLog losses = output.resuming() ? LossLog.resume(lossesFile, stepsDone) : LossLog.create(lossesFile)) {
            RunLogs logs = new RunLogs(metrics, losses, new ProgressLine(log, total, stepsDone, terminal));
            BatchWait wait = new BatchWait();
            LossInterval interval = new LossInterval(settings.get(LOG_EVERY_STEPS), total, settings.get(BATCH_SIZE),
                    wait);
            restored.ifPresent(state -> interval.restore(state.intervalLossSum(), state.intervalSteps()));
            new TrainingLoop(model, schedule, wait, listeners(logs, interval, checkpoints, configText)).run(
                    () -> BatchPipeline.open(shards, dataOptions, position, settings.get(EPOCHS)), stepsDone, total);
        }
        return finish(started);
    }

    /** What the run does after each step, in this order (the order is part of what the logs say). */
    private List<TrainingListener> listeners(RunLogs logs, LossInterval interval, CheckpointStore store,
                                             String configText) {
        Checkpoints checkpoints = new Checkpoints(store, logs.losses(),
                new CheckpointEvery(perEpoch, settings.get(CHECKPOINT_EVERY_STEPS)),
                event -> checkpoint(event, interval, configText));
        int size = dataOptions.imageSize();
        Embedder embedder = (pixels, n) -> model.embed(Nd4j.create(pixels, new long[] {n, 3, size, size}, 'c'))
                .castTo(DataType.FLOAT).toFloatMatrix();
        return List.of(new DivergenceStop(logs, checkpoints), new LossRecorder(logs.losses()),
                new ScheduleObserver(schedule), interval, new MetricsLines(logs.metrics(), interval, schedule),
                new ProgressUpdates(logs.progress(), interval, settings.get(EPOCHS)), new DecayEvents(logs, schedule),
                new LiveVerification(verification, settings.get(VERIFICATION_EVERY_STEPS), embedder, logs), checkpoints,
                new CurvePlots(output.resolve(OutputDirectory.METRICS), output.root(),
                        settings.get(BACKBONE) + ", " + settings.get(SCHEDULE)));
    }

    /** The run after {@code event}'s step, as a checkpoint holds it. */
    private Checkpoint checkpoint(StepEvent event, LossInterval interval, String configText) {
        TrainingState state = TrainingState.builder().step(event.step()).position(event.position().next(perEpoch))
                .seed(settings.get(SEED)).schedule(schedule.saveState())
                .verificationHighest(verification.highest()).interval(interval.lossSum(), interval.steps())
                .trainingSet(shards.images(), shards.classes()).build();
        return new Checkpoint(state, model.parameters(), model.optimizerState(), configText);
    }

    /** Loads a checkpoint's model, optimizer, schedule and verification state; returns its scalar state. */
    private TrainingState restore(Checkpoint checkpoint) {
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
        log.println("bin/train: resuming at step " + state.step() + " (epoch " + state.epoch() + ", batch "
                + state.batch() + ") from " + where);
        return state;
    }

    private static Verification verification(TrainingSettings settings, DataOptions dataOptions) {
        List<VerificationSet> sets = new ArrayList<>();
        if (settings.get(VERIFICATION_EVERY_STEPS) > 0) {
            for (String directory : settings.get(VERIFICATION_SETS)) {
                sets.addAll(VerificationSet.open(directory, dataOptions.check()));
            }
        }
        return new Verification(sets, dataOptions.imageSize(), settings.get(VERIFICATION_BATCH_SIZE),
                settings.get(DECODE_THREADS));
    }

    private Map<String, Object> finish(long started) {
        try {
            model.exportInferenceModel(output.resolve(OutputDirectory.MODEL));
            LocalOutputStore.force(output.resolve(OutputDirectory.MODEL));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output.resolve(OutputDirectory.MODEL), e);
        }
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("steps", total);
        size.put("epochs", settings.get(EPOCHS));
        size.put("batch_size", settings.get(BATCH_SIZE));
        size.put("images", shards.images());
        size.put("classes", shards.classes());
        Map<String, Object> summary = RunSummary.of(size, output.resolve(OutputDirectory.METRICS), started);
        RunSummary.write(output.resolve(OutputDirectory.SUMMARY), summary);
        log.println("bin/train: done: " + total + " steps; model " + output.target().resolve(OutputDirectory.MODEL));
        return summary;
    }
}
