package mhlr.train.schedule;

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
public final class Mhlr extends EmaHaarSchedule {
    private final double alpha;
    private final double feedback;
    private final double damping;
    private final double gain;
    private double signal;
    private double previousSignal;
    private double previousLoss;

    /**
     * @param settings the hyper-parameters (already scaled, for the relative parametrisation)
     * @param totalSteps T, all optimizer steps of the run: sets the patience
     * @param initialRate the rate of step 0
     */
    public Mhlr(MhlrSettings settings, long totalSteps, double initialRate) {
        super("mhlr", settings, totalSteps, initialRate);
        this.alpha = settings.alpha();
        this.feedback = 2 - settings.alpha() - settings.beta();
        this.damping = (1 - settings.alpha()) * (1 - settings.beta());
        this.gain = settings.alpha() * settings.beta();
    }

    @Override
    void start(double loss) {
        previousLoss = loss;
    }

    @Override
    double signal(long step, double loss) {
        if (step == 1) {
            signal = alpha * (previousLoss - loss);
        } else {
            double next = feedback * signal - damping * previousSignal + gain * (previousLoss - loss);
            previousSignal = signal;
            signal = next;
        }
        previousLoss = loss;
        return signal;
    }

    @Override
    double lastSignal() {
        return signal;
    }

    @Override
    void saveSignal(ScheduleState.Builder state) {
        state.put("signal", signal).put("previous-signal", previousSignal).put("previous-loss", previousLoss);
    }

    @Override
    void restoreSignal(ScheduleState state) {
        signal = state.real("signal");
        previousSignal = state.real("previous-signal");
        previousLoss = state.real("previous-loss");
    }
}
