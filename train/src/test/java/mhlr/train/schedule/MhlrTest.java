package mhlr.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MhlrTest {
    private static final double RATE = 0.02;

    /** alpha = beta = 1 make the signal the raw decrease L_{t-1} - L_t: each step is good or bad by itself. */
    private static Mhlr rawDecrease(double lambda, long patience, int maxDecays) {
        long totalSteps = 100;
        double tau = patience / (double) totalSteps;
        Mhlr mhlr = new Mhlr(new MhlrSettings(1, 1, lambda, tau, 2, maxDecays), totalSteps, RATE);
        assertEquals(patience, mhlr.patience());
        return mhlr;
    }

    private static void feed(LearningRateSchedule schedule, double... losses) {
        long first = schedule.saveState().whole("next-step");
        for (int i = 0; i < losses.length; i++) {
            schedule.observe(first + i, losses[i]);
        }
    }

    private static double signal(LearningRateSchedule schedule) {
        return schedule.metrics().get(MhlrSchedule.SIGNAL);
    }

    @Test
    void firstStepOnlyStoresTheLoss() {
        Mhlr mhlr = new Mhlr(MhlrSettings.paper(), 1000, RATE);
        mhlr.observe(0, 40);
        assertFalse(mhlr.metrics().containsKey(MhlrSchedule.SIGNAL));
        assertEquals(0.0, mhlr.metrics().get(MhlrSchedule.COUNT));
        assertEquals(RATE, mhlr.learningRate());
    }

    @Test
    void secondStepStartsTheSignalAtAlphaTimesTheFirstDecrease() {
        Mhlr mhlr = new Mhlr(new MhlrSettings(0.25, 0.5, 0, 0.5, 2, 8), 1000, RATE);
        feed(mhlr, 10, 6);
        assertEquals(0.25 * (10 - 6), signal(mhlr));
    }

    @Test
    void signalFollowsTheReleasedRecurrenceWithNoEarlierSignalAtStepTwo() {
        // alpha = beta = 0.5: DE_t = 1 * DE_{t-1} - 0.25 * DE_{t-2} + 0.25 * (L_{t-1} - L_t), DE_1 = 0.5 (L_0 - L_1),
        // and DE_{t-2} = 0 at t = 2, as in the fused class FastFace's train.py runs.
        Mhlr mhlr = new Mhlr(new MhlrSettings(0.5, 0.5, -100, 0.5, 2, 8), 1000, RATE);
        double[] losses = {10, 8, 7, 7, 9, 5};
        // By hand: DE_1 = 1; DE_2 = 1 - 0 + 0.25 = 1.25; DE_3 = 1.25 - 0.25 + 0 = 1; DE_4 = 1 - 0.3125 - 0.5 = 0.1875;
        // DE_5 = 0.1875 - 0.25 + 1 = 0.9375. (The older MHLR1 start, DE_0 = DE_1, gives 1, 1, 0.75, 0, 0.8125.)
        double[] expected = {Double.NaN, 1, 1.25, 1, 0.1875, 0.9375};
        mhlr.observe(0, losses[0]);
        for (int t = 1; t < losses.length; t++) {
            mhlr.observe(t, losses[t]);
            assertEquals(expected[t], signal(mhlr), 1e-15, "DE_" + t);
        }
    }

    @Test
    void exactlyPatiencePlusOneConsecutiveBadStepsDecay() {
        Mhlr patient = rawDecrease(0.5, 3, 8);
        feed(patient, 10, 10, 10, 10);      // steps 1..3 bad: count 3 = patience
        assertEquals(RATE, patient.learningRate());
        assertEquals(3.0, patient.metrics().get(MhlrSchedule.COUNT));
        assertTrue(patient.decays().isEmpty());

        feed(patient, 10);                  // step 4: the 4th consecutive bad step
        assertEquals(RATE / 2, patient.learningRate());
        assertEquals(0.0, patient.metrics().get(MhlrSchedule.COUNT));
        assertEquals(List.of(new Decay(4, 1, RATE, RATE / 2, 0.0)), patient.decays());
    }

    @Test
    void aGoodStepResetsTheCount() {
        Mhlr mhlr = rawDecrease(0.5, 3, 8);
        feed(mhlr, 10, 10, 10, 10, 9);      // bad 1..3, good at 4 (a fall of 1 >= lambda)
        assertEquals(0.0, mhlr.metrics().get(MhlrSchedule.COUNT));
        feed(mhlr, 9, 9, 9);                // bad 5..7: count 3 again, no decay
        assertTrue(mhlr.decays().isEmpty());
        feed(mhlr, 9);                      // bad 8: decay
        assertEquals(List.of(8L), mhlr.decays().stream().map(Decay::step).toList());
    }

    @Test
    void aSignalEqualToLambdaIsGood() {
        Mhlr mhlr = rawDecrease(0.5, 0, 8);
        feed(mhlr, 10, 9.5);                // DE_1 = 0.5 = lambda: not < lambda
        assertEquals(RATE, mhlr.learningRate());
        feed(mhlr, 9.25);                   // DE_2 = 0.25 < lambda, patience 0: decays at once
        assertEquals(RATE / 2, mhlr.learningRate());
    }

    @Test
    void decaysStopChangingTheRateAfterTheCapButAreStillCounted() {
        Mhlr mhlr = rawDecrease(0.5, 3, 8);
        double[] flat = new double[41];
        java.util.Arrays.fill(flat, 10);
        feed(mhlr, flat);                   // bad from step 1: decays at 4, 8, ..., 40
        List<Decay> decays = mhlr.decays();
        assertEquals(10, decays.size());
        for (int i = 0; i < decays.size(); i++) {
            assertEquals(4L * (i + 1), decays.get(i).step());
            assertEquals(i + 1, decays.get(i).number());
        }
        assertEquals(RATE / 256, decays.get(7).rateAfter());
        assertEquals(decays.get(8).rateBefore(), decays.get(8).rateAfter());
        assertEquals(RATE / 256, mhlr.learningRate());
        assertEquals(10.0, mhlr.metrics().get(MhlrSchedule.DECAYS));
    }

    @Test
    void listenersHearEachDecayAsItHappens() {
        Mhlr mhlr = rawDecrease(0.5, 1, 8);
        List<String> heard = new ArrayList<>();
        mhlr.addListener(decay -> heard.add(decay.step() + ":" + decay.rateAfter() + ":" + mhlr.learningRate()));
        feed(mhlr, 10, 10, 10, 10, 10);
        assertEquals(List.of("2:0.01:0.01", "4:0.005:0.005"), heard);
    }

    @Test
    void patienceIsTheFloorOfTauTimesT() {
        assertEquals(10_116, new Mhlr(MhlrSettings.paper(), 202_320, RATE).patience());
        assertEquals(4, new Mhlr(MhlrSettings.paper(), 99, RATE).patience());
    }

    @Test
    void refusesStepsOutOfOrderAndLossesThatAreNotFinite() {
        Mhlr mhlr = new Mhlr(MhlrSettings.paper(), 1000, RATE);
        mhlr.observe(0, 10);
        assertThrows(IllegalArgumentException.class, () -> mhlr.observe(2, 10));
        assertThrows(IllegalArgumentException.class, () -> mhlr.observe(0, 10));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> mhlr.observe(1, Double.NaN));
        assertTrue(nan.getMessage().contains("step 1"), nan.getMessage());
    }

    @Test
    void refusesSettingsOutsideTheirRange() {
        assertThrows(IllegalArgumentException.class, () -> new MhlrSettings(0, 0.001, 5e-5, 0.05, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> new MhlrSettings(0.001, 1.5, 5e-5, 0.05, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> new MhlrSettings(0.001, 0.001, 5e-5, 0.05, 0.5, 8));
        assertThrows(IllegalArgumentException.class, () -> new MhlrSettings(0.001, 0.001, 5e-5, 1.5, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> new MhlrSettings(0.001, 0.001, 5e-5, 0.05, 2, -1));
    }
}
