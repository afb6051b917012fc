package mhlr.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused recurrence ({@link Mhlr}) and the cascade ({@link MhlrCascaded}) decide the same. */
class MhlrCascadedTest {
    private static final int STEPS = 202_320;
    private static final double RATE = 0.02;

    private static List<Decay> decays(LearningRateSchedule schedule, double[] losses) {
        for (int t = 0; t < losses.length; t++) {
            schedule.observe(t, losses[t]);
        }
        return schedule.decays();
    }

    private static void assertSameDecisions(MhlrSettings settings, double[] losses, String what) {
        List<Decay> fused = decays(new Mhlr(settings, losses.length, RATE), losses);
        List<Decay> cascaded = decays(new MhlrCascaded(settings, losses.length, RATE), losses);
        assertEquals(fused.stream().map(Decay::step).toList(), cascaded.stream().map(Decay::step).toList(), what);
        for (int i = 0; i < fused.size(); i++) {
            assertEquals(fused.get(i).rateAfter(), cascaded.get(i).rateAfter(), what);
            assertEquals(fused.get(i).signal(), cascaded.get(i).signal(), 1e-12, what);
        }
    }

    @Test
    void cascadeStartsAtAlphaTimesTheFirstDecreaseAndContinuesAsTheFusedRecurrence() {
        MhlrSettings settings = new MhlrSettings(0.25, 0.5, 0, 0.5, 2, 8);
        MhlrCascaded cascaded = new MhlrCascaded(settings, 1000, RATE);
        Mhlr fused = new Mhlr(settings, 1000, RATE);
        double[] losses = {10, 6, 7, 3, 3, 8};
        for (int t = 0; t < losses.length; t++) {
            cascaded.observe(t, losses[t]);
            fused.observe(t, losses[t]);
            if (t == 1) {
                assertEquals(0.25 * (10 - 6), cascaded.metrics().get(MhlrSchedule.SIGNAL));
            }
            if (t >= 1) {
                assertEquals(fused.metrics().get(MhlrSchedule.SIGNAL), cascaded.metrics().get(MhlrSchedule.SIGNAL),
                        1e-12, "step " + t);
            }
        }
    }

    @Test
    void sameDecaysOnTrainingLikeRuns() {
        int totalDecays = 0;
        for (long seed = 0; seed < 6; seed++) {
            double[] losses = LossCurves.trainingLike(seed, STEPS, new Mhlr(MhlrSettings.paper(), STEPS, RATE));
            assertSameDecisions(MhlrSettings.paper(), losses, "training-like run, seed " + seed);
            totalDecays += decays(new Mhlr(MhlrSettings.paper(), STEPS, RATE), losses).size();
        }
        assertTrue(totalDecays >= 30, "the runs must actually decay, got " + totalDecays);
    }

    @Test
    void sameDecaysOnRandomNoisyCurves() {
        Random random = new Random(3407);
        int totalDecays = 0;
        for (int run = 0; run < 12; run++) {
            double start = 20 + 30 * random.nextDouble();
            double floor = 1 + 10 * random.nextDouble();
            double timeConstant = 5_000 + 40_000 * random.nextDouble();
            double noise = 0.05 + 1.0 * random.nextDouble();
            double[] losses = LossCurves.noisyExponential(random.nextLong(), STEPS, start, floor, timeConstant, noise);
            // Random drops, as after a decay elsewhere, and random bumps.
            for (int event = 0; event < 4; event++) {
                int at = random.nextInt(STEPS);
                double jump = (random.nextDouble() - 0.7) * 4;
                for (int t = at; t < STEPS; t++) {
                    losses[t] += jump;
                }
            }
            MhlrSettings settings = new MhlrSettings(0.001 + 0.004 * random.nextDouble(), 0.001 + 0.004 * random.nextDouble(),
                    5e-5, 0.01 + 0.05 * random.nextDouble(), 2, 8);
            assertSameDecisions(settings, losses, "random curve " + run);
            totalDecays += decays(new Mhlr(settings, STEPS, RATE), losses).size();
        }
        assertTrue(totalDecays >= 20, "the curves must actually decay, got " + totalDecays);
    }

    @Test
    void onTrendlessNoiseBothFormsGiveTheSameSignalFromTheFirstStep() {
        for (long seed = 0; seed < 3; seed++) {
            double[] losses = LossCurves.whiteNoise(seed, 60_000, 5);
            Mhlr fused = new Mhlr(MhlrSettings.paper(), STEPS, RATE);
            MhlrCascaded cascaded = new MhlrCascaded(MhlrSettings.paper(), STEPS, RATE);
            for (int t = 0; t < losses.length; t++) {
                fused.observe(t, losses[t]);
                cascaded.observe(t, losses[t]);
                if (t >= 1) {
                    assertEquals(fused.metrics().get(MhlrSchedule.SIGNAL), cascaded.metrics().get(MhlrSchedule.SIGNAL),
                            1e-9, "signals at step " + t);
                }
            }
            assertEquals(fused.decays().stream().map(Decay::step).toList(),
                    cascaded.decays().stream().map(Decay::step).toList(), "seed " + seed);
        }
    }
}
