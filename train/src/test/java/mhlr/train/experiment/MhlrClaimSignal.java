package mhlr.train.experiment;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mhlr.core.config.Settings;
import mhlr.train.OutputDirectory;
import mhlr.train.schedule.LearningRateSchedule;
import mhlr.train.schedule.MhlrSchedule;
import mhlr.train.schedule.Schedules;
import mhlr.train.settings.TrainingSettings;

/**
 * Why an MHLR run decayed when it did (or never): replays a finished run's losses through the schedule of its own
 * {@code config.conf} and sets the scheduler's view (how many steps its signal spent under the threshold, the longest
 * streak of such steps against the patience) beside the loss itself (its mean decrease per step and its step-to-step
 * noise). Pure arithmetic on {@code losses.txt}; nothing is trained.
 *
 * <pre>
 *   java -cp ... mhlr.train.experiment.MhlrClaimSignal RUN_DIRECTORY...
 * </pre>
 */
public final class MhlrClaimSignal {
    private MhlrClaimSignal() {
    }

    /**
     * The scheduler's and the loss's numbers for one run.
     *
     * @param steps T
     * @param patience consecutive steps under the threshold tolerated
     * @param stepsUnder steps whose signal was under the threshold
     * @param longestStreak the most consecutive such steps (a decay resets the scheduler's count, not this)
     * @param decays decays that changed the rate (those past the cap do not)
     * @param decreasePerStep mean loss decrease per step (first 5 % of steps to last 5 %, centre to centre)
     * @param stepNoise standard deviation of {@code L_t - L_(t-1)}
     */
    record Summary(long steps, long patience, long stepsUnder, long longestStreak, int decays, double decreasePerStep,
                   double stepNoise) {

        String describe() {
            return String.format(Locale.ROOT, "T = %d: signal under the threshold at %d steps (%.1f %%), longest streak"
                            + " %d steps against a patience of %d, %d decays; loss falls %.4f per step on average,"
                            + " the step-to-step difference has std %.3f (%.0fx larger)", steps, stepsUnder,
                    100.0 * stepsUnder / steps, longestStreak, patience, decays, decreasePerStep, stepNoise,
                    stepNoise / Math.abs(decreasePerStep));
        }
    }

    public static void main(String[] args) {
        for (String run : args) {
            System.out.println(run + ": " + summarise(Path.of(run)).describe());
        }
    }

    /** The summary of the finished run in {@code directory} (its {@code config.conf} and {@code losses.txt}). */
    static Summary summarise(Path directory) {
        Config config = Settings.load(Optional.of(directory.resolve(OutputDirectory.CONFIG)), List.of());
        return summarise(config, losses(directory));
    }

    /** Replays {@code losses} through the schedule {@code config} describes for a run of that many steps. */
    static Summary summarise(Config config, double[] losses) {
        int steps = losses.length;
        LearningRateSchedule schedule = Schedules.from(TrainingSettings.read(config), steps);
        long under = 0;
        long streak = 0;
        long longest = 0;
        for (int step = 0; step < steps; step++) {
            int decaysBefore = schedule.decays().size();
            schedule.observe(step, losses[step]);
            boolean counted = schedule.metrics().getOrDefault(MhlrSchedule.COUNT, 0.0) > 0
                    || schedule.decays().size() > decaysBefore;
            streak = counted ? streak + 1 : 0;
            longest = Math.max(longest, streak);
            under += counted ? 1 : 0;
        }
        long patience = (long) Math.floor(config.getDouble("mhlr.tau") * steps);
        int edge = (int) Math.max(1, Math.ceil(MhlrClaimRun.FINAL_SHARE * steps));
        double decrease = (mean(losses, 0, edge) - mean(losses, steps - edge, steps)) / (steps - edge);
        double sum = 0;
        double squares = 0;
        for (int step = 1; step < steps; step++) {
            double difference = losses[step] - losses[step - 1];
            sum += difference;
            squares += difference * difference;
        }
        double meanDifference = sum / (steps - 1);
        double noise = Math.sqrt(squares / (steps - 1) - meanDifference * meanDifference);
        int changes = (int) schedule.decays().stream().filter(decay -> decay.rateAfter() != decay.rateBefore()).count();
        return new Summary(steps, patience, under, longest, changes, decrease, noise);
    }

    static double[] losses(Path run) {
        try {
            return Files.readAllLines(run.resolve(OutputDirectory.LOSSES)).stream().filter(line -> !line.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + run.resolve(OutputDirectory.LOSSES), e);
        }
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
