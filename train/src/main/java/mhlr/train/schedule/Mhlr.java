package mhlr.train.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MHLR, the default: FastFace's O(1) EMA-Haar (docs/MHLR.md section 1, released August 2024), to the letter.
 *
 * <p>With {@code LE_t} the EMA (rate {@code alpha}) of the raw loss {@code L_t}, the Haar response
 * {@code D_t = LE_{t-1} - LE_t} (positive while the smoothed loss falls) and the signal {@code DE_t} its EMA (rate
 * {@code beta}), the three recursions fold into one second-order recurrence:
 *
 * <pre>
 *   DE_t = (2 - alpha - beta) * DE_{t-1} - (1 - alpha)(1 - beta) * DE_{t-2} + alpha * beta * (L_{t-1} - L_t)
 * </pre>
 *
 * which is all this class computes: its state is three scalars ({@code DE_{t-1}}, {@code DE_{t-2}},
 * {@code L_{t-1}}), all 0 at the start. Start, exactly as the fused class FastFace's {@code train.py} runs: at step 0
 * store {@code L_0} and do nothing else; at step 1 set {@code DE_1 = alpha * (L_0 - L_1)}; from step 2 on the
 * recurrence, in which {@code DE_{t-2}} is still 0 at step 2. (The older {@code MHLR1} class, which {@code train.py}
 * does not run, starts from {@code DE_0 = DE_1} instead; on a staircase loss that moves the first decay by over a
 * thousand steps.) From step 1 on every signal goes through the
 * decision rule ({@link MhlrDecision}: {@code patience = floor(tau * T)} consecutive steps under {@code lambda} are
 * tolerated, one more divides the rate by {@code delta}, at most {@code max_decays} times).
 *
 * <p>The decision on the loss of step {@code t} sets the rate of step {@code t + 1}. (The released PyTorch code applies
 * it one step later, at its next {@code step()} call; that one-step lag is not copied.) There is no warm-up and no
 * early stop. {@link MhlrCascaded} computes the same signal as a cascade of three EMAs, from the equivalent start, and
 * so makes the same decisions.
 */
public final class Mhlr implements MhlrSchedule {
    private static final String NAME = "mhlr";

    private final double alpha;
    private final double feedback;
    private final double damping;
    private final double gain;
    private final StepCounter steps = new StepCounter(NAME);
    private final DecayLog log = new DecayLog();
    private final MhlrDecision decision;
    private double signal;
    private double previousSignal;
    private double previousLoss;

    /**
     * @param settings the hyper-parameters (already scaled, for the relative parametrisation)
     * @param totalSteps T, all optimizer steps of the run: sets the patience
     * @param initialRate the rate of step 0
     */
    public Mhlr(MhlrSettings settings, long totalSteps, double initialRate) {
        this.alpha = settings.alpha();
        this.feedback = 2 - settings.alpha() - settings.beta();
        this.damping = (1 - settings.alpha()) * (1 - settings.beta());
        this.gain = settings.alpha() * settings.beta();
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
            previousLoss = loss;
            return;
        }
        if (step == 1) {
            signal = alpha * (previousLoss - loss);
        } else {
            double next = feedback * signal - damping * previousSignal + gain * (previousLoss - loss);
            previousSignal = signal;
            signal = next;
        }
        previousLoss = loss;
        decision.decide(step, signal);
    }

    @Override
    public ScheduleState saveState() {
        ScheduleState.Builder state = ScheduleState.builder(NAME);
        steps.save(state);
        state.put("signal", signal).put("previous-signal", previousSignal).put("previous-loss", previousLoss);
        decision.save(state);
        return state.build();
    }

    @Override
    public void restoreState(ScheduleState state) {
        state.requireSchedule(NAME);
        steps.restore(state);
        signal = state.real("signal");
        previousSignal = state.real("previous-signal");
        previousLoss = state.real("previous-loss");
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
