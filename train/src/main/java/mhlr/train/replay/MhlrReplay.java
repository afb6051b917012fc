package mhlr.train.replay;

import com.typesafe.config.Config;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.Launcher;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.train.schedule.LearningRateSchedule;
import mhlr.train.schedule.MhlrSchedule;
import mhlr.train.schedule.Schedules;
import mhlr.train.settings.TrainingSettings;

/**
 * {@code bin/mhlr-replay}: feeds a recorded loss sequence through the configured learning-rate schedule (MHLR by
 * default) and prints where the rate changes, so a decision can be checked, or a setting tried, without training.
 *
 * <p>Standard output is CSV: the header {@code step,lr}, then one line per change of the rate, {@code step} being the
 * 0-based index of the step whose loss caused it and {@code lr} the new rate. A file that logs a loss every few steps
 * (with a {@code step} column or field) is spread over the steps it covers ({@link LossFile}). The run length {@code T} (which
 * sets MHLR's patience and the end of the fixed shapes) is given, not inferred: a truncated loss file must not
 * change the decisions. The initial rate is {@code train.learning-rate}. Each decay is also described on standard
 * error, with the signal it was decided on (and the decays past MHLR's cap, which leave the rate unchanged).
 */
public final class MhlrReplay {
    static final String COMMAND = "mhlr-replay";

    private static final CommandLine CLI = CommandLine.builder("bin/" + COMMAND,
                    "Feeds a loss sequence through the learning-rate schedule of the config (train.schedule, mhlr) and"
                            + " prints 'step,lr' at every change of the rate.")
            .required("--losses", "FILE", "losses: one per line (losses.txt), CSV with a 'loss' column (and a 'step'"
                    + " column, if logged every few steps), or metrics.jsonl (by its step field)")
            .required("--total-steps", "T", "all optimizer steps of the run (sets the patience, tau * T)")
            .optional("--config", "FILE", "a preset over conf/base.conf")
            .optional("--plot", "PNG", "also draw loss, signal and learning rate into this PNG")
            .build();

    private final PrintStream out;
    private final PrintStream log;

    /** A replay printing its CSV to {@code out} and a line per decay (with its signal) to {@code log}. */
    public MhlrReplay(PrintStream out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Launcher.main(COMMAND, args, new MhlrReplay(System.out, System.err)::run);
    }

    /** The command's body: parses {@code args}, replays, prints (see the class comment). */
    public void run(String[] args) {
        Arguments arguments = CLI.parse(args);
        long totalSteps = arguments.longValue("--total-steps", 0);
        if (totalSteps <= 0) {
            throw new UsageException("--total-steps must be > 0, got " + totalSteps);
        }
        Config config = Settings.load(arguments.optionalPath("--config"), arguments.overrides());
        LossFile.Sequence sequence = LossFile.read(arguments.path("--losses"));
        double[] losses = sequence.perStep();
        if (sequence.spread()) {
            log.println(COMMAND + ": " + sequence.logged() + " logged losses stand for " + losses.length
                    + " steps, each for the steps since the one before; a run's losses.txt (every step) replays it"
                    + " exactly");
        }
        LearningRateSchedule schedule = Schedules.from(TrainingSettings.read(config), totalSteps);
        schedule.addListener(decay -> log.println(COMMAND + ": " + decay.describe()));
        ReplayTrace trace = new ReplayTrace(losses);

        PrintWriter csv = new PrintWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        csv.println("step,lr");
        double rate = schedule.learningRate();
        for (int step = 0; step < losses.length; step++) {
            schedule.observe(step, losses[step]);
            trace.record(step, rate, schedule.metrics());
            double next = schedule.learningRate();
            if (next != rate) {
                csv.println(step + "," + next);
            }
            rate = next;
        }
        csv.flush();

        Optional<Path> plot = arguments.optionalPath("--plot");
        if (plot.isPresent()) {
            OptionalDouble threshold = schedule instanceof MhlrSchedule mhlr
                    ? OptionalDouble.of(mhlr.threshold()) : OptionalDouble.empty();
            ReplayPlot.write(plot.get(), trace, threshold, schedule.name() + " over " + losses.length + " losses, T = "
                    + totalSteps);
        }
    }
}
