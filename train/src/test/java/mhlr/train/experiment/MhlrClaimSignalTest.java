package mhlr.train.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import mhlr.core.config.Settings;
import org.junit.jupiter.api.Test;

/**
 * The replayed view of an MHLR run. Part of the default test run.
 */
class MhlrClaimSignalTest {

    @Test
    void aFlatLossIsUnderTheThresholdEveryStepAndDecaysOncePerPatiencePlusOne() {
        double[] losses = new double[400];
        java.util.Arrays.fill(losses, 5.0);
        MhlrClaimSignal.Summary summary = MhlrClaimSignal.summarise(Settings.load(Optional.empty(),
                List.of("train.schedule.name=mhlr", "mhlr.parametrisation=relative")), losses);

        assertEquals(400, summary.steps());
        assertEquals(20, summary.patience());
        assertEquals(399, summary.stepsUnder(), "every step after the first");
        assertEquals(399, summary.longestStreak(), "a decay resets the count, not the streak");
        assertEquals(8, summary.decays(), "capped at max-decays");
        assertEquals(0.0, summary.decreasePerStep(), 1e-12);
        assertEquals(0.0, summary.stepNoise(), 1e-12);
    }

    @Test
    void alternatingLossHasStepNoiseTwiceItsAmplitudeAndADecreaseFromTheEdges() {
        double[] losses = new double[400];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 10 - 0.01 * i + (i % 2 == 0 ? 1 : -1);
        }
        MhlrClaimSignal.Summary summary = MhlrClaimSignal.summarise(Settings.load(Optional.empty(),
                List.of("train.schedule.name=mhlr", "mhlr.parametrisation=relative")), losses);

        assertEquals(0.01, summary.decreasePerStep(), 1e-9, "the alternation cancels in the edge means");
        assertEquals(2.0, summary.stepNoise(), 1e-4);
    }
}
