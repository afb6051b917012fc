package mhlr.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MhlrWindowedTest {
    private static final double RATE = 0.02;
    private static final MhlrWindowSettings SMALL = new MhlrWindowSettings(4, 0.06, 3, 4, 2);

    private static MhlrWindowed feed(MhlrWindowed windowed, double[] losses) {
        for (int t = 0; t < losses.length; t++) {
            windowed.observe(t, losses[t]);
        }
        return windowed;
    }

    private static double[] flat(int steps, double loss) {
        double[] losses = new double[steps];
        Arrays.fill(losses, loss);
        return losses;
    }

    @Test
    void responseIsHalfTheDifferenceOfHalfWindowMeansOfMovingAveragesAsReleased() {
        // L_t = 100 - t, m = 4: A_j = 101.5 - j; the window A_{t-4..t-1} has half-means 105 - t and 103 - t, and the
        // released kernel sum(A * k) / m (k = +1, +1, -1, -1) gives half their difference.
        MhlrWindowed windowed = new MhlrWindowed(SMALL, RATE);
        for (int t = 0; t < 8; t++) {
            windowed.observe(t, 100 - t);
            assertFalse(windowed.metrics().containsKey(MhlrSchedule.SIGNAL), "no response before step 2m");
        }
        for (int t = 8; t < 20; t++) {
            windowed.observe(t, 100 - t);
            assertEquals(1.0, windowed.metrics().get(MhlrSchedule.SIGNAL), 1e-12, "step " + t);
        }
    }

    @Test
    void windowEndsAtThePreviousStep() {
        // A dip of 40 at step 12 lowers A_12 by 10, which enters the second half-mean (by 5, a response of 2.5) at
        // step 13, not 12.
        MhlrWindowed windowed = new MhlrWindowed(SMALL, RATE);
        double[] losses = flat(14, 50);
        losses[12] = 10;
        for (int t = 0; t < losses.length; t++) {
            windowed.observe(t, losses[t]);
            double response = windowed.metrics().getOrDefault(MhlrSchedule.SIGNAL, 0.0);
            assertEquals(t == 13 ? 2.5 : 0.0, response, 1e-12, "step " + t);
        }
    }

    @Test
    void threeConsecutiveHalvingsThenTheFourthChangeBouncesTimesFour() {
        MhlrWindowed windowed = feed(new MhlrWindowed(SMALL, RATE), flat(60, 50));
        List<Decay> changes = windowed.decays();
        assertEquals(List.of(16L, 25L, 34L, 43L, 52L), changes.stream().map(Decay::step).toList());
        assertEquals(List.of(0.5, 0.5, 0.5, 4.0, 0.5), changes.stream().map(Decay::factor).toList());
        assertEquals(List.of(0.01, 0.005, 0.0025, 0.01, 0.005), changes.stream().map(Decay::rateAfter).toList());
        assertEquals(1.0, windowed.metrics().get(MhlrWindowed.STREAK));
    }

    @Test
    void aGoodResponseEndsTheStreak() {
        double[] losses = flat(80, 50);
        for (int t = 35; t < losses.length; t++) {
            losses[t] = 40;                                 // a fall after the third halving (step 34)
        }
        List<Decay> changes = feed(new MhlrWindowed(SMALL, RATE), losses).decays();
        assertEquals(List.of(0.5, 0.5, 0.5, 0.5), changes.stream().map(Decay::factor).toList().subList(0, 4));
    }

    @Test
    void paperWindowChangesEvery2mPlusOneStepsInAStreak() {
        List<Decay> changes = feed(new MhlrWindowed(MhlrWindowSettings.paper(), RATE), flat(48_010, 30)).decays();
        assertEquals(List.of(16_000L, 24_001L, 32_002L, 40_003L, 48_004L), changes.stream().map(Decay::step).toList());
        assertEquals(4.0, changes.get(3).factor());
    }

    @Test
    void relativeWindowScalesWithTheRun() {
        assertEquals(4000, MhlrWindowSettings.paper().relativeTo(202_320, 202_320).window());
        assertEquals(400, MhlrWindowSettings.paper().relativeTo(20_232, 202_320).window());
        assertEquals(2, MhlrWindowSettings.paper().relativeTo(10, 202_320).window());
    }

    @Test
    void refusesAnOddWindow() {
        assertThrows(IllegalArgumentException.class, () -> new MhlrWindowSettings(5, 0.06, 3, 4, 2));
    }
}
