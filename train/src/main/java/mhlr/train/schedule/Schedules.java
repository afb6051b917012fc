package mhlr.train.schedule;

import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.train.settings.TrainingSettings;

/**
 * Builds the learning-rate schedule the settings ask for: {@code train.schedule.name} picks it, {@code train.schedule}
 * holds the fixed shapes' keys, {@code mhlr} the MHLR keys (variant, parametrisation, alpha, beta, lambda, tau, delta,
 * max-decays, window...). What depends on the run's length (MHLR's relative values, the milestones) is checked here;
 * a bad value is a {@link UsageException} naming the key.
 */
public final class Schedules {
    private Schedules() {
    }

    /** The configured schedule for a run of {@code totalSteps}, starting at {@code train.learning-rate}. */
    public static LearningRateSchedule from(TrainingSettings settings, long totalSteps) {
        return from(settings, totalSteps, settings.get(TrainingSettings.LEARNING_RATE));
    }

    /**
     * The configured schedule for a run of {@code totalSteps} optimizer steps (T, which sets MHLR's patience and the
     * end of the fixed shapes), starting at {@code initialRate}.
     */
    public static LearningRateSchedule from(TrainingSettings settings, long totalSteps, double initialRate) {
        if (totalSteps <= 0) {
            throw new UsageException("total steps must be > 0, got " + totalSteps);
        }
        long warmupSteps = settings.get(TrainingSettings.WARMUP_STEPS);
        try {
            switch (settings.get(TrainingSettings.SCHEDULE)) {
                case "mhlr":
                    if (warmupSteps != 0) {
                        throw new UsageException("train.schedule.warmup-steps = " + warmupSteps
                                + ": MHLR has no warm-up (docs/MHLR.md section 1); set it to 0 or pick another schedule");
                    }
                    return mhlr(settings, totalSteps, initialRate);
                case "polynomial":
                    return new PolynomialDecay(initialRate, totalSteps, warmupSteps,
                            settings.get(TrainingSettings.POWER));
                case "multistep":
                    return new MultiStepDecay(initialRate, milestones(settings, totalSteps),
                            settings.get(TrainingSettings.GAMMA), warmupSteps);
                case "cosine":
                    return new CosineDecay(initialRate, totalSteps, warmupSteps);
                default:
                    return new ConstantRate(initialRate, warmupSteps);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("config: " + e.getMessage(), e);
        }
    }

    /** The MHLR variant of the {@code mhlr { }} settings. */
    private static MhlrSchedule mhlr(TrainingSettings settings, long totalSteps, double initialRate) {
        boolean relative = settings.get(TrainingSettings.MHLR_PARAMETRISATION).equals("relative");
        long referenceSteps = settings.get(TrainingSettings.MHLR_REFERENCE_STEPS);
        double delta = settings.get(TrainingSettings.MHLR_DELTA);
        String variant = settings.get(TrainingSettings.MHLR_VARIANT);
        if (variant.equals("windowed")) {
            MhlrWindowSettings window = new MhlrWindowSettings(settings.get(TrainingSettings.MHLR_WINDOW),
                    settings.get(TrainingSettings.MHLR_WINDOW_THRESHOLD),
                    settings.get(TrainingSettings.MHLR_WINDOW_STREAK),
                    settings.get(TrainingSettings.MHLR_WINDOW_BOUNCE), delta);
            return new MhlrWindowed(relative ? window.relativeTo(totalSteps, referenceSteps) : window, initialRate);
        }
        MhlrSettings haar = new MhlrSettings(settings.get(TrainingSettings.MHLR_ALPHA),
                settings.get(TrainingSettings.MHLR_BETA), settings.get(TrainingSettings.MHLR_LAMBDA),
                settings.get(TrainingSettings.MHLR_TAU), delta, settings.get(TrainingSettings.MHLR_MAX_DECAYS));
        if (relative) {
            haar = haar.relativeTo(totalSteps, referenceSteps);
        }
        return variant.equals("ema-haar") ? new Mhlr(haar, totalSteps, initialRate)
                : new MhlrCascaded(haar, totalSteps, initialRate);
    }

    /** {@code train.schedule.milestones}, fractions of the run, as steps. */
    private static long[] milestones(TrainingSettings settings, long totalSteps) {
        List<Double> fractions = settings.get(TrainingSettings.MILESTONES);
        long[] steps = new long[fractions.size()];
        for (int i = 0; i < steps.length; i++) {
            double fraction = fractions.get(i);
            if (!(fraction > 0 && fraction < 1)) {
                throw new UsageException("train.schedule.milestones: " + fraction
                        + " is not a fraction of the run in (0, 1)");
            }
            steps[i] = (long) Math.floor(fraction * totalSteps);
            if (steps[i] == 0 || i > 0 && steps[i] <= steps[i - 1]) {
                throw new UsageException("train.schedule.milestones " + fractions + " do not give increasing steps > 0"
                        + " in a run of " + totalSteps + " steps");
            }
        }
        return steps;
    }
}
