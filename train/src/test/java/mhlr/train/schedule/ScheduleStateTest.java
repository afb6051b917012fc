package mhlr.train.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Save mid-run, write and read the state as JSON, restore into a fresh schedule: the rest of the run is identical. */
class ScheduleStateTest {
    private static final int STEPS = 202_320;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void assertResumesIdentically(Supplier<LearningRateSchedule> fresh, double[] losses, int saveAt,
            int maxJsonChars) throws Exception {
        LearningRateSchedule straight = fresh.get();
        double[] straightRates = new double[losses.length];
        for (int t = 0; t < losses.length; t++) {
            straightRates[t] = straight.learningRate();
            straight.observe(t, losses[t]);
        }

        LearningRateSchedule first = fresh.get();
        double[] resumedRates = new double[losses.length];
        for (int t = 0; t < saveAt; t++) {
            resumedRates[t] = first.learningRate();
            first.observe(t, losses[t]);
        }
        String json = JSON.writeValueAsString(first.saveState());
        assertTrue(json.length() <= maxJsonChars, "state of " + json.length() + " chars: " + json);
        LearningRateSchedule resumed = fresh.get();
        resumed.restoreState(JSON.readValue(json, ScheduleState.class));
        List<Decay> heard = new ArrayList<>();
        resumed.addListener(heard::add);
        for (int t = saveAt; t < losses.length; t++) {
            resumedRates[t] = resumed.learningRate();
            resumed.observe(t, losses[t]);
        }

        assertArrayEquals(straightRates, resumedRates, "rate of every step");
        List<Decay> after = straight.decays().stream().filter(decay -> decay.step() >= saveAt).toList();
        assertFalse(after.isEmpty(), "the second half must decide something");
        assertEquals(after, resumed.decays());
        assertEquals(after, heard);
        assertEquals(straight.metrics(), resumed.metrics());
    }

    private static double[] trainingLike(long seed) {
        return LossCurves.trainingLike(seed, STEPS, new Mhlr(MhlrSettings.paper(), STEPS, 0.02));
    }

    @Test
    void mhlrResumesWithIdenticalDecisions() throws Exception {
        assertResumesIdentically(() -> new Mhlr(MhlrSettings.paper(), STEPS, 0.02), trainingLike(7), 101_161, 400);
    }

    @Test
    void cascadedResumesWithIdenticalDecisions() throws Exception {
        assertResumesIdentically(() -> new MhlrCascaded(MhlrSettings.paper(), STEPS, 0.02), trainingLike(8), 120_001,
                400);
    }

    @Test
    void windowedResumesWithIdenticalDecisions() throws Exception {
        double[] losses = LossCurves.trainingLike(9, STEPS, new MhlrWindowed(MhlrWindowSettings.paper(), 0.02));
        assertResumesIdentically(() -> new MhlrWindowed(MhlrWindowSettings.paper(), 0.02), losses, 100_003, 400_000);
    }

    @Test
    void multiStepResumesWithIdenticalDecisions() throws Exception {
        assertResumesIdentically(() -> new MultiStepDecay(0.1, new long[] {1000, 150_000}, 0.1, 0), new double[STEPS],
                99_999, 200);
    }

    @Test
    void refusesTheStateOfAnotherSchedule() {
        ScheduleState polynomial = new PolynomialDecay(0.1, 100, 0, 1).saveState();
        Mhlr mhlr = new Mhlr(MhlrSettings.paper(), 100, 0.02);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> mhlr.restoreState(polynomial));
        assertTrue(error.getMessage().contains("polynomial"), error.getMessage());
        MhlrWindowed small = new MhlrWindowed(new MhlrWindowSettings(4, 0.06, 3, 4, 2), 0.02);
        ScheduleState other = new MhlrWindowed(new MhlrWindowSettings(6, 0.06, 3, 4, 2), 0.02).saveState();
        assertThrows(IllegalArgumentException.class, () -> small.restoreState(other));
    }
}
