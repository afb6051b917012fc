package mhlr.train.schedule;

/**
 * The decision rule of docs/MHLR.md section 1, shared by both forms of the EMA-Haar signal, applied at every step after
 * the first:
 *
 * <pre>
 *   if signal &lt; lambda:             # not falling fast enough
 *       count += 1
 *       if count &gt; patience:
 *           count = 0
 *           decays += 1
 *           if decays &lt;= max_decays: rate = rate / delta
 *   else:
 *       count = 0                    # patience counts consecutive steps
 * </pre>
 *
 * So exactly {@code patience + 1} consecutive bad steps decay; past the cap the decays are still counted (and
 * reported, with an unchanged rate) and the count still resets.
 */
final class MhlrDecision {
    private final double lambda;
    private final long patience;
    private final double delta;
    private final int maxDecays;
    private final DecayLog log;
    private double rate;
    private long count;
    private int decays;

    MhlrDecision(MhlrSettings settings, long totalSteps, double initialRate, DecayLog log) {
        FixedShapeSchedule.requirePositive("total steps", totalSteps);
        FixedShapeSchedule.requirePositive("initial rate", initialRate);
        this.lambda = settings.lambda();
        this.patience = settings.patience(totalSteps);
        this.delta = settings.delta();
        this.maxDecays = settings.maxDecays();
        this.log = log;
        this.rate = initialRate;
    }

    /** Applies the rule to the signal computed from the loss of {@code step}. */
    void decide(long step, double signal) {
        if (signal < lambda) {
            count++;
            if (count > patience) {
                count = 0;
                decays++;
                double before = rate;
                if (decays <= maxDecays) {
                    rate = rate / delta;
                }
                log.record(new Decay(step, decays, before, rate, signal));
            }
        } else {
            count = 0;
        }
    }

    double rate() {
        return rate;
    }

    long count() {
        return count;
    }

    int decays() {
        return decays;
    }

    long patience() {
        return patience;
    }

    double threshold() {
        return lambda;
    }

    void save(ScheduleState.Builder state) {
        state.put("rate", rate).put("count", count).put("decays", decays);
    }

    void restore(ScheduleState state) {
        rate = state.real("rate");
        count = state.whole("count");
        decays = Math.toIntExact(state.whole("decays"));
    }
}
