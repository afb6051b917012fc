package mhlr.train.schedule;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import mhlr.core.cli.UsageException;

/**
 * Builds the learning-rate schedule the config asks for: {@code train.schedule.name} picks it, {@code train.schedule}
 * holds the fixed shapes' keys, {@code mhlr} the MHLR keys (variant, parametrisation, alpha, beta, lambda, tau, delta,
 * max-decays, window...). A bad value is a {@link UsageException} naming the key.
 */
public final class Schedules {
    /** The schedule names {@code train.schedule.name} accepts. */
    public static final List<String> NAMES = List.of("mhlr", "polynomial", "multistep", "cosine", "constant");

    private Schedules() {
    }

    /** The configured schedule for a run of {@code totalSteps}, starting at {@code train.learning-rate}. */
    public static LearningRateSchedule fromConfig(Config config, long totalSteps) {
        return fromConfig(config, totalSteps, read(() -> config.getDouble("train.learning-rate")));
    }

    /**
     * The configured schedule for a run of {@code totalSteps} optimizer steps (T, which sets MHLR's patience and the
     * end of the fixed shapes), starting at {@code initialRate}.
     */
    public static LearningRateSchedule fromConfig(Config config, long totalSteps, double initialRate) {
        if (totalSteps <= 0) {
            throw new UsageException("total steps must be > 0, got " + totalSteps);
        }
        Config schedule = read(() -> config.getConfig("train.schedule"));
        String name = read(() -> schedule.getString("name"));
        long warmupSteps = read(() -> schedule.getLong("warmup-steps"));
        try {
            switch (name) {
                case "mhlr":
                    if (warmupSteps != 0) {
                        throw new UsageException("train.schedule.warmup-steps = " + warmupSteps
                                + ": MHLR has no warm-up (docs/MHLR.md section 1); set it to 0 or pick another schedule");
                    }
                    return mhlr(read(() -> config.getConfig("mhlr")), totalSteps, initialRate);
                case "polynomial":
                    return new PolynomialDecay(initialRate, totalSteps, warmupSteps,
                            read(() -> schedule.getDouble("power")));
                case "multistep":
                    return new MultiStepDecay(initialRate, milestones(schedule, totalSteps),
                            read(() -> schedule.getDouble("gamma")), warmupSteps);
                case "cosine":
                    return new CosineDecay(initialRate, totalSteps, warmupSteps);
                case "constant":
                    return new ConstantRate(initialRate, warmupSteps);
                default:
                    throw new UsageException("train.schedule.name: unknown schedule '" + name + "' (one of "
                            + String.join(", ", NAMES) + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("config: " + e.getMessage(), e);
        }
    }

    /** The MHLR variant of an {@code mhlr { }} block. */
    public static MhlrSchedule mhlr(Config mhlr, long totalSteps, double initialRate) {
        String variant = read(() -> mhlr.getString("variant"));
        String parametrisation = read(() -> mhlr.getString("parametrisation")).toLowerCase(Locale.ROOT);
        if (!parametrisation.equals("absolute") && !parametrisation.equals("relative")) {
            throw new UsageException("mhlr.parametrisation: '" + parametrisation + "' is not absolute or relative");
        }
        boolean relative = parametrisation.equals("relative");
        long referenceSteps = read(() -> mhlr.getLong("reference-steps"));
        double delta = read(() -> mhlr.getDouble("delta"));
        try {
            switch (variant) {
                case "ema-haar":
                case "cascaded": {
                    MhlrSettings settings = new MhlrSettings(read(() -> mhlr.getDouble("alpha")),
                            read(() -> mhlr.getDouble("beta")), read(() -> mhlr.getDouble("lambda")),
                            read(() -> mhlr.getDouble("tau")), delta, read(() -> mhlr.getInt("max-decays")));
                    if (relative) {
                        settings = settings.relativeTo(totalSteps, referenceSteps);
                    }
                    return variant.equals("ema-haar")
                            ? new Mhlr(settings, totalSteps, initialRate)
                            : new MhlrCascaded(settings, totalSteps, initialRate);
                }
                case "windowed": {
                    MhlrWindowSettings settings = new MhlrWindowSettings(read(() -> mhlr.getInt("window")),
                            read(() -> mhlr.getDouble("window-threshold")), read(() -> mhlr.getInt("window-streak")),
                            read(() -> mhlr.getDouble("window-bounce")), delta);
                    if (relative) {
                        settings = settings.relativeTo(totalSteps, referenceSteps);
                    }
                    return new MhlrWindowed(settings, initialRate);
                }
                default:
                    throw new UsageException("mhlr.variant: unknown variant '" + variant
                            + "' (one of ema-haar, cascaded, windowed)");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("config: " + e.getMessage(), e);
        }
    }

    /** {@code train.schedule.milestones}, fractions of the run, as steps. */
    private static long[] milestones(Config schedule, long totalSteps) {
        List<Double> fractions = read(() -> schedule.getDoubleList("milestones"));
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

    private static <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            throw new UsageException("config: " + e.getMessage(), e);
        }
    }
}
