package mhlr.train.schedule;

import java.util.Random;

/** Loss sequences for the tests: seeded, so every run sees the same numbers. */
public final class LossCurves {
    private LossCurves() {
    }

    /** {@code floor + (start - floor) * exp(-t / timeConstant)} plus Gaussian noise of standard deviation {@code noise}. */
    static double[] noisyExponential(long seed, int steps, double start, double floor, double timeConstant,
            double noise) {
        Random random = new Random(seed);
        double[] losses = new double[steps];
        for (int t = 0; t < steps; t++) {
            losses[t] = floor + (start - floor) * Math.exp(-t / timeConstant) + noise * random.nextGaussian();
        }
        return losses;
    }

    /** Uniform noise in [0, 1) around a constant: no trend at all. */
    static double[] whiteNoise(long seed, int steps, double level) {
        Random random = new Random(seed);
        double[] losses = new double[steps];
        for (int t = 0; t < steps; t++) {
            losses[t] = level + random.nextDouble();
        }
        return losses;
    }

    /**
     * A face-recognition-like run driven by the schedule it feeds (the loss responds to the rate, as in training):
     * a gap above the floor that closes at a speed proportional to the rate, a floor that rises with the rate
     * (so a decay gives the sharp drop real runs show), and noise. At lr 0.02 it starts near 45 and needs about
     * 70k steps to flatten, like MS1MV3 at batch 128.
     */
    public static double[] trainingLike(long seed, int steps, LearningRateSchedule schedule) {
        Random random = new Random(seed);
        double[] losses = new double[steps];
        double gap = 30;
        double floor = 2 + 500 * schedule.learningRate();
        for (int t = 0; t < steps; t++) {
            double rate = schedule.learningRate();
            gap *= 1 - 2.5e-3 * rate;
            floor += (2 + 500 * rate - floor) * 1e-3;
            losses[t] = floor + gap + 0.8 * random.nextGaussian();
            schedule.observe(t, losses[t]);
        }
        return losses;
    }
}
