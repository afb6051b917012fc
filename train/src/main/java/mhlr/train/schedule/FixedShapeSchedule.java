package mhlr.train.schedule;

import java.util.List;
import java.util.Map;

/**
 * A schedule whose rate is a fixed function of the step ({@link #rateAt(long)}); the loss is not looked at. Its only
 * state is the next step. Subclasses whose rate jumps at known steps (multi-step) report those jumps as decays;
 * the points of a continuous curve (and of a warm-up) are not decays.
 */
public abstract sealed class FixedShapeSchedule implements LearningRateSchedule
        permits PolynomialDecay, MultiStepDecay, CosineDecay, ConstantRate {
    private final String name;
    private final StepCounter steps;
    private final DecayLog log = new DecayLog();
    private int changes;

    FixedShapeSchedule(String name) {
        this.name = name;
        this.steps = new StepCounter(name);
    }

    /** The rate of 0-based step {@code step}; steps past the end keep the last shape value. */
    public abstract double rateAt(long step);

    /** Whether the rate jumps at {@code step} (a discrete event worth reporting, not a point on a curve). */
    boolean jumpsAt(long step) {
        return false;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double learningRate() {
        return rateAt(steps.next());
    }

    @Override
    public final void observe(long step, double loss) {
        steps.advance(step);
        if (jumpsAt(step + 1)) {
            changes++;
            log.record(new Decay(step, changes, rateAt(step), rateAt(step + 1), Double.NaN));
        }
    }

    @Override
    public final ScheduleState saveState() {
        ScheduleState.Builder state = ScheduleState.builder(name);
        steps.save(state);
        state.put("changes", changes);
        return state.build();
    }

    @Override
    public final void restoreState(ScheduleState state) {
        state.requireSchedule(name);
        steps.restore(state);
        changes = Math.toIntExact(state.whole("changes"));
        log.clear();
    }

    @Override
    public final List<Decay> decays() {
        return log.decays();
    }

    @Override
    public final void addListener(DecayListener listener) {
        log.add(listener);
    }

    @Override
    public final Map<String, Double> metrics() {
        return Map.of();
    }

    /** The linear warm-up of arcface_torch: {@code rate * step / warmupSteps} for {@code step < warmupSteps}. */
    static double warmedUp(double rate, long step, long warmupSteps) {
        return step < warmupSteps ? rate * step / warmupSteps : rate;
    }

    static void requirePositive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number, got " + value);
        }
    }

    static void requireWarmup(long warmupSteps, long totalSteps) {
        if (warmupSteps < 0 || warmupSteps >= totalSteps) {
            throw new IllegalArgumentException("warm-up steps must be in [0, total steps = " + totalSteps + "), got "
                    + warmupSteps);
        }
    }
}
