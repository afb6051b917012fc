package mhlr.train.schedule;

import java.util.Arrays;

/**
 * The classic step schedule (PyTorch's {@code MultiStepLR}, arcface_torch's older {@code lr_step_func}): the rate is
 * multiplied by {@code gamma} at each milestone step, after an optional linear warm-up from 0. Step {@code t} gets
 * {@code rate0 * gamma^k} with {@code k} the number of milestones {@code <= t}; each jump is reported as a decay,
 * caused by the observation of the step before the milestone.
 */
public final class MultiStepDecay extends FixedShapeSchedule {
    private final double initialRate;
    private final long[] milestones;
    private final double gamma;
    private final long warmupSteps;

    /**
     * @param milestones strictly increasing steps, each {@code > 0}
     * @param gamma the factor applied at each milestone, in (0, 1]
     */
    public MultiStepDecay(double initialRate, long[] milestones, double gamma, long warmupSteps) {
        super("multistep");
        requirePositive("initial rate", initialRate);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("multistep gamma must be in (0, 1], got " + gamma);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] <= 0 || i > 0 && milestones[i] <= milestones[i - 1]) {
                throw new IllegalArgumentException("multistep milestones must be increasing steps > 0, got "
                        + Arrays.toString(milestones));
            }
        }
        this.initialRate = initialRate;
        this.milestones = milestones.clone();
        this.gamma = gamma;
        this.warmupSteps = warmupSteps;
    }

    @Override
    public double rateAt(long step) {
        int passed = 0;
        while (passed < milestones.length && milestones[passed] <= step) {
            passed++;
        }
        return warmedUp(initialRate, step, warmupSteps) * Math.pow(gamma, passed);
    }

    @Override
    boolean jumpsAt(long step) {
        return Arrays.binarySearch(milestones, step) >= 0;
    }
}
