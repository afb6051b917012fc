package mhlr.train.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original windowed Moving Haar (docs/MHLR.md, "windowed", the runs of December 2023), kept because the paper's first
 * tables came from it. With window {@code m}:
 *
 * <ul>
 *   <li>{@code A_t}: the mean of the last {@code m} losses, from step {@code m} on (as the released v1 code, which
 *       starts averaging once it has seen {@code m + 1} losses).</li>
 *   <li>Haar response at step {@code t >= 2m}: over the {@code m} moving averages {@code A_{t-m} .. A_{t-1}}, as the
 *       released code computes it, {@code sum(A * k) / m} with the kernel {@code k = +1} on the older half and
 *       {@code -1} on the newer half: half the difference of the two half-means (positive while falling). The paper's
 *       threshold 0.06 is in these units. The window ends at the previous step, as in the released code. Running sums
 *       keep it O(1) per step.</li>
 *   <li>A response under the threshold counts; when the count exceeds {@code 2m} the rate changes and the count
 *       resets. A response at or over the threshold resets the count and the streak.</li>
 *   <li>The change is a halving (divide by {@code delta}), except that after {@code streak} consecutive halvings
 *       (with no good step between them) the next change multiplies by {@code bounce} (x4) instead and the streak
 *       resets. This is the behaviour of the logged MS1MV3 run (x4 at the 4th change of a streak: 135,870, 143,870,
 *       151,870 halve, 159,870 bounces).</li>
 * </ul>
 *
 * There is no cap on the number of changes. Replayed through this class (window 4000, threshold 0.06), the authors'
 * own MS1MV3 training log changes the rate at the 12 logged steps, to the logged rates (MhlrWindowedLogReplayTest).
 */
public final class MhlrWindowed implements MhlrSchedule {
    private static final String NAME = "mhlr-windowed";
    /** The metric holding the current count of consecutive halvings. */
    public static final String STREAK = "mhlr.streak";

    private final MhlrWindowSettings settings;
    private final int window;
    private final int half;
    private final StepCounter steps = new StepCounter(NAME);
    private final DecayLog log = new DecayLog();
    private final double[] losses;
    private final double[] averages;
    private double lossSum;
    private double firstHalfSum;
    private double secondHalfSum;
    private double response;
    private double rate;
    private long count;
    private long streak;
    private int changes;

    public MhlrWindowed(MhlrWindowSettings settings, double initialRate) {
        FixedShapeSchedule.requirePositive("initial rate", initialRate);
        this.settings = settings;
        this.window = settings.window();
        this.half = window / 2;
        this.losses = new double[window];
        this.averages = new double[window];
        this.rate = initialRate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double learningRate() {
        return rate;
    }

    @Override
    public void observe(long step, double loss) {
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException(NAME + ": the loss of step " + step + " is " + loss
                    + "; MHLR needs a finite loss at every step");
        }
        steps.advance(step);
        if (step >= 2L * window) {
            response = (firstHalfSum - secondHalfSum) / window;
            decide(step);
        }
        int slot = (int) (step % window);
        if (step >= window) {
            lossSum -= losses[slot];
        }
        lossSum += loss;
        losses[slot] = loss;
        if (step >= window) {
            push(step, lossSum / window);
        }
    }

    /** Adds the moving average of {@code step} to the Haar window, which then covers the {@code m} steps up to it. */
    private void push(long step, double average) {
        if (step - half >= window) {
            double crossing = averages[(int) ((step - half) % window)];
            secondHalfSum -= crossing;
            firstHalfSum += crossing;
        }
        int slot = (int) (step % window);
        if (step - window >= window) {
            firstHalfSum -= averages[slot];
        }
        averages[slot] = average;
        secondHalfSum += average;
    }

    private void decide(long step) {
        if (response < settings.threshold()) {
            count++;
            if (count > 2L * window) {
                count = 0;
                changes++;
                double before = rate;
                if (streak >= settings.streak()) {
                    rate = rate * settings.bounce();
                    streak = 0;
                } else {
                    rate = rate / settings.delta();
                    streak++;
                }
                log.record(new Decay(step, changes, before, rate, response));
            }
        } else {
            count = 0;
            streak = 0;
        }
    }

    @Override
    public ScheduleState saveState() {
        ScheduleState.Builder state = ScheduleState.builder(NAME);
        steps.save(state);
        return state.put("window", window)
                .put("rate", rate)
                .put("count", count)
                .put("streak", streak)
                .put("changes", changes)
                .put("response", response)
                .put("loss-sum", lossSum)
                .put("first-half-sum", firstHalfSum)
                .put("second-half-sum", secondHalfSum)
                .put("losses", losses)
                .put("averages", averages)
                .build();
    }

    @Override
    public void restoreState(ScheduleState state) {
        state.requireSchedule(NAME);
        if (state.whole("window") != window) {
            throw new IllegalArgumentException("cannot restore an mhlr-windowed state of window " + state.whole("window")
                    + " into a schedule of window " + window);
        }
        double[] savedLosses = state.reals("losses");
        double[] savedAverages = state.reals("averages");
        if (savedLosses.length != window || savedAverages.length != window) {
            throw new IllegalArgumentException("mhlr-windowed state: the saved windows hold " + savedLosses.length
                    + " and " + savedAverages.length + " values, expected " + window);
        }
        steps.restore(state);
        rate = state.real("rate");
        count = state.whole("count");
        streak = state.whole("streak");
        changes = Math.toIntExact(state.whole("changes"));
        response = state.real("response");
        lossSum = state.real("loss-sum");
        firstHalfSum = state.real("first-half-sum");
        secondHalfSum = state.real("second-half-sum");
        System.arraycopy(savedLosses, 0, losses, 0, window);
        System.arraycopy(savedAverages, 0, averages, 0, window);
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
        if (steps.next() > 2L * window) {
            metrics.put(SIGNAL, response);
        }
        metrics.put(COUNT, (double) count);
        metrics.put(STREAK, (double) streak);
        metrics.put(DECAYS, (double) changes);
        return metrics;
    }

    @Override
    public double threshold() {
        return settings.threshold();
    }

    @Override
    public long patience() {
        return 2L * window;
    }
}
