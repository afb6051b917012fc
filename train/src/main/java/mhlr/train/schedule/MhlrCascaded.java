package mhlr.train.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EMA-Haar signal of {@link Mhlr} computed as the cascade MHLR.md section 1 defines it, each stage kept apart:
 * the EMA of the loss {@code LE_t = alpha * L_t + (1 - alpha) * LE_{t-1}} (from {@code LE_0 = L_0}), the two-tap
 * Haar difference {@code D_t = LE_{t-1} - LE_t}, and its EMA {@code DE_t = beta * D_t + (1 - beta) * DE_{t-1}} (from
 * {@code DE_0 = 0}), so {@code DE_1 = alpha * beta * (L_0 - L_1)}. Same decision rule as {@link Mhlr}.
 *
 * <p>It exists to show, and test, that the fused recurrence decides the same: after the start the two signals obey
 * the same recurrence and differ only by a start-up transient ({@code Mhlr} starts at {@code alpha * (L_0 - L_1)}) that
 * dies out geometrically, as {@code (1 - alpha)^t} and {@code (1 - beta)^t} ({@code t (1 - alpha)^t} when the two rates
 * are equal), long before a patience of {@code tau * T} steps can run out on a real loss curve, whose early steady
 * fall keeps both signals far above {@code lambda}. On a loss with no initial fall (pure noise) the transient can shift
 * the first count, and with it every later decay, by a few thousand steps; MHLR.md accepts that difference.
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
            signal = 0;
            return;
        }
        double smoothed = alpha * loss + (1 - alpha) * smoothedLoss;
        double haar = smoothedLoss - smoothed;
        signal = beta * haar + (1 - beta) * signal;
        smoothedLoss = smoothed;
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
