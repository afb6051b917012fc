package mhlr.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both forms of the EMA-Haar scheduler decide exactly as the released fused class ({@link ReleasedMhlr}): the same
 * decay steps and rates, on a staircase (where the start-up rule matters most) and on noisy training-like curves.
 */
class MhlrReleasedCodeTest {
    private static final double RATE = 0.02;

    /** 30 at step 0, then a drop of {@code height} at step 1 and every {@code every} steps after it. */
    private static double[] staircase(int steps, double height, int every) {
        double[] losses = new double[steps];
        for (int t = 0; t < steps; t++) {
            losses[t] = 30 - height * ((t + every - 1) / every);
        }
        return losses;
    }

    private static void assertDecidesAsReleased(MhlrSettings settings, double[] losses, String what) {
        ReleasedMhlr released = new ReleasedMhlr(settings, losses.length, RATE);
        for (double loss : losses) {
            released.step(loss);
        }
        assertTrue(released.decaySteps().size() >= 2, what + ": the curve must decay, got " + released.decaySteps());
        for (MhlrSchedule schedule : List.of(new Mhlr(settings, losses.length, RATE),
                new MhlrCascaded(settings, losses.length, RATE))) {
            for (int t = 0; t < losses.length; t++) {
                schedule.observe(t, losses[t]);
            }
            List<Decay> decays = schedule.decays();
            assertEquals(released.decaySteps(), decays.stream().map(Decay::step).toList(), schedule.name() + ", " + what);
            assertEquals(released.ratesAfter(), decays.stream().map(Decay::rateAfter).toList(),
                    schedule.name() + ", " + what);
        }
    }

    @Test
    void aStaircaseDecaysWhereTheReleasedClassDecays() {
        // With the older start (DE_0 = DE_1) the first decay of this staircase comes about 10,000 steps early.
        double[] losses = staircase(60_000, 2, 10_000);
        assertDecidesAsReleased(MhlrSettings.paper(), losses, "staircase");
        ReleasedMhlr released = new ReleasedMhlr(MhlrSettings.paper(), losses.length, RATE);
        for (double loss : losses) {
            released.step(loss);
        }
        assertEquals(18_515L, released.decaySteps().get(0));
    }

    @Test
    void noisyTrainingLikeCurvesDecayWhereTheReleasedClassDecays() {
        int steps = (int) MhlrSettings.PAPER_TOTAL_STEPS;
        for (long seed = 0; seed < 3; seed++) {
            double[] losses = LossCurves.trainingLike(seed, steps, new Mhlr(MhlrSettings.paper(), steps, RATE));
            assertDecidesAsReleased(MhlrSettings.paper(), losses, "training-like curve, seed " + seed);
        }
        double[] noisy = LossCurves.noisyExponential(5, 80_000, 40, 5, 8_000, 0.5);
        assertDecidesAsReleased(new MhlrSettings(0.003, 0.002, 5e-5, 0.02, 2, 8), noisy, "noisy exponential");
    }
}
