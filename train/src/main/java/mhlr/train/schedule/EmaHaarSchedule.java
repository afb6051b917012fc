package mhlr.train.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two forms of the EMA-Haar MHLR ({@link Mhlr}, fused; {@link MhlrCascaded}, as a cascade) share: the step
 * counting, the finite-loss check, the decision rule ({@link MhlrDecision}) fed with the signal from step 1 on, the
 * saved state's layout (steps, then the form's own scalars, then the decision) and the logged values. A form supplies
 * only how it computes the signal {@code DE_t}.
 */
abstract class EmaHaarSchedule implements MhlrSchedule {
    private final String name;
    private final StepCounter steps;
    private final DecayLog log = new DecayLog();
    private final MhlrDecision decision;

    EmaHaarSchedule(String name, MhlrSettings settings, long totalSteps, double initialRate) {
        this.name = name;
        this.steps = new StepCounter(name);
        this.decision = new MhlrDecision(settings, totalSteps, initialRate, log);
    }

    /** Takes the loss of step 0, which gives no signal yet. */
    abstract void start(double loss);

    /** Takes the loss of step {@code step} (1 or later) and returns the signal {@code DE_t} it gives. */
    abstract double signal(long step, double loss);

    /** The signal of the last observed step. */
    abstract double lastSignal();

    /** Adds the form's own scalars to a state being saved. */
    abstract void saveSignal(ScheduleState.Builder state);

    /** Reads back what {@link #saveSignal} saved. */
    abstract void restoreSignal(ScheduleState state);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double learningRate() {
        return decision.rate();
    }

    @Override
    public final void observe(long step, double loss) {
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException(name + ": the loss of step " + step + " is " + loss
                    + "; MHLR needs a finite loss at every step");
        }
        steps.advance(step);
        if (step == 0) {
            start(loss);
            return;
        }
        decision.decide(step, signal(step, loss));
    }

    @Override
    public final ScheduleState saveState() {
        ScheduleState.Builder state = ScheduleState.builder(name);
        steps.save(state);
        saveSignal(state);
        decision.save(state);
        return state.build();
    }

    @Override
    public final void restoreState(ScheduleState state) {
        state.requireSchedule(name);
        steps.restore(state);
        restoreSignal(state);
        decision.restore(state);
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
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (steps.next() >= 2) {
            metrics.put(SIGNAL, lastSignal());
        }
        metrics.put(COUNT, (double) decision.count());
        metrics.put(DECAYS, (double) decision.decays());
        return metrics;
    }

    @Override
    public final double threshold() {
        return decision.threshold();
    }

    @Override
    public final long patience() {
        return decision.patience();
    }
}
