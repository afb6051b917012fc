package mhlr.train.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PartialFcSamplerTest {

    @Test
    void everyPositiveClassIsKeptAndTheSampleHasTheConfiguredSize() {
        PartialFcSampler sampler = new PartialFcSampler(1000, 0.1, 7);
        int[] labels = {5, 999, 0, 5, 421, 77, 0};
        for (long step = 0; step < 50; step++) {
            PartialFcSampler.Sample sample = sampler.sample(labels, step);
            assertEquals(100, sample.classes().length);
            assertEquals(100, Arrays.stream(sample.classes()).distinct().count(), "classes must be distinct");
            assertTrue(isSorted(sample.classes()));
            for (int i = 0; i < labels.length; i++) {
                assertEquals(labels[i], sample.classes()[sample.labels()[i]], "label " + i + " remapped wrongly");
            }
        }
    }

    @Test
    void whenTheBatchHasMoreClassesThanTheSampleSizeExactlyThePositivesAreUsed() {
        PartialFcSampler sampler = new PartialFcSampler(100, 0.02, 1);
        int[] labels = {9, 3, 50, 3, 71};
        PartialFcSampler.Sample sample = sampler.sample(labels, 0);
        assertArrayEquals(new int[] {3, 9, 50, 71}, sample.classes());
        assertArrayEquals(new int[] {1, 0, 2, 0, 3}, sample.labels());
    }

    @Test
    void drawsDependOnlyOnSeedStepAndLabels() {
        int[] labels = {1, 2, 3};
        PartialFcSampler a = new PartialFcSampler(500, 0.2, 42);
        PartialFcSampler b = new PartialFcSampler(500, 0.2, 42);
        assertArrayEquals(a.sample(labels, 17).classes(), b.sample(labels, 17).classes());
        assertFalse(Arrays.equals(a.sample(labels, 17).classes(), a.sample(labels, 18).classes()));
        assertFalse(Arrays.equals(a.sample(labels, 17).classes(),
                new PartialFcSampler(500, 0.2, 43).sample(labels, 17).classes()));
    }

    @Test
    void labelsOutsideTheClassRangeAndBadRatesAreRejected() {
        PartialFcSampler sampler = new PartialFcSampler(10, 0.5, 0);
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(new int[] {10}, 0));
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(new int[] {-1}, 0));
        assertThrows(IllegalArgumentException.class, () -> new PartialFcSampler(10, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PartialFcSampler(10, 1.5, 0));
    }

    private static boolean isSorted(int[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i - 1] >= values[i]) {
                return false;
            }
        }
        return true;
    }
}
