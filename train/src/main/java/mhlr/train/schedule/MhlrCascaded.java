package mhlr.train.schedule;

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
public final class MhlrCascaded extends EmaHaarSchedule {
    private final double alpha;
    private final double beta;
    private double smoothedLoss;
    private double signal;

    /** Same parameters as {@link Mhlr#Mhlr(MhlrSettings, long, double)}. */
    public MhlrCascaded(MhlrSettings settings, long totalSteps, double initialRate) {
        super("mhlr-cascaded", settings, totalSteps, initialRate);
        this.alpha = settings.alpha();
        this.beta = settings.beta();
    }

    @Override
    void start(double loss) {
        smoothedLoss = loss;
    }

    @Override
    double signal(long step, double loss) {
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
        return signal;
    }

    @Override
    double lastSignal() {
        return signal;
    }

    @Override
    void saveSignal(ScheduleState.Builder state) {
        state.put("smoothed-loss", smoothedLoss).put("signal", signal);
    }

    @Override
    void restoreSignal(ScheduleState state) {
        smoothedLoss = state.real("smoothed-loss");
        signal = state.real("signal");
    }
}
