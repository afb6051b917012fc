package mhlr.train.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EMA-Haar signal of {@link Mhlr} computed as the cascade MHLR's paper defines it, each stage kept apart: the EMA
 * of the loss {@code LE_t = alpha * L_t + (1 - alpha) * LE_{t-1}}, the two-tap Haar difference
 * {@code D_t = LE_{t-1} - LE_t}, and its EMA {@code DE_t = beta * D_t + (1 - beta) * DE_{t-1}}. Same decision rule as
 * {@link Mhlr}.
 *
 * <p>Start. The fused class FastFace runs begins with {@code DE_1 = alpha * (L_0 - L_1)} and then applies the
 * second-order recurrence with {@code DE_0 = 0}. A cascade reaches exactly that signal when, at step 1, it takes
 * {@code DE_1 = alpha * (L_0 - L_1)} and the smoothed loss
 * {@code LE_1 = L_1 + (1 - alpha) * (L_0 - L_1) / beta}: then
 * {@code DE_2 = (1 - beta) * DE_1 + alpha * beta * (LE_1 - L_2) = (2 - alpha - beta) * DE_1 + alpha * beta * (L_1 - L_2)},
 * the fused value, and from step 3 on both forms obey the same recurrence. So the two forms produce the same signal
 * (up to rounding) and make the same decisions from the first step; this class exists to show, and test, that the
 * fused recurrence is the cascade.
 */
public final class MhlrCascaded implements MhlrSchedule {
    private static final String NAME = "mhlr-cascaded";

    private final double alpha;
    private final double beta;
    private final StepCounter steps = new StepCounter(NAME);
    private final DecayLog log = new DecayLog();
    private final MhlrDecision decision;
    private double smoothedLoss;
    private double signal;

    /** Same parameters as {@link Mhlr#Mhlr(MhlrSettings, long, double)}. */
    public MhlrCascaded(MhlrSettings settings, long totalSteps, double initialRate) {
        this.alpha = settings.alpha();
        this.beta = settings.beta();
        this.decision = new MhlrDecision(settings, totalSteps, initialRate, log);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double learningRate() {
        return decision.rate();
    }

    @Override
    public void observe(long step, double loss) {
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException(NAME + ": the loss of step " + step + " is " + loss
                    + "; MHLR needs a finite loss at every step");
        }
        steps.advance(step);
        if (step == 0) {
            smoothedLoss = loss;
            return;
        }
        if (step == 1) {
            double decrease = smoothedLoss - loss;
            signal = alpha * decrease;
            smoothedLoss = loss + (1 - alpha) * decrease / beta;
        } else {
            double smoothed = alpha * loss + (1 - alpha) * smoothedLoss;
            double haar = smoothedLoss - smoothed;
            signal = beta * haar + (1 - beta) * signal;
            smoothedLoss = smoothed;
        }
        decision.decide(step, signal);
    }

    @Override
    public ScheduleState saveState() {
        ScheduleState.Builder state = ScheduleState.builder(NAME);
        steps.save(state);
        state.put("smoothed-loss", smoothedLoss).put("signal", signal);
        decision.save(state);
        return state.build();
    }

    @Override
    public void restoreState(ScheduleState state) {
        state.requireSchedule(NAME);
        steps.restore(state);
        smoothedLoss = state.real("smoothed-loss");
        signal = state.real("signal");
        decision.restore(state);
        log.clear();
    }

    @Override
    public List<Decay> decays() {
        return log.decays();
    }

    @Override
    public void addListener(DecayListener listener) {
        log.add(listener);
    }

    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (steps.next() >= 2) {
            metrics.put(SIGNAL, signal);
        }
        metrics.put(COUNT, (double) decision.count());
        metrics.put(DECAYS, (double) decision.decays());
        return metrics;
    }

    @Override
    public double threshold() {
        return decision.threshold();
    }

    @Override
    public long patience() {
        return decision.patience();
    }
}
