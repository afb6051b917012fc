package mhlr.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FixedShapeScheduleTest {

    @Test
    void polynomialIsArcfaceTorchsFormula() {
        // PolynomialLRWarmup / PolyScheduler: base * t / w while t < w, then base * (1 - (t - w) / (T - w))^p.
        PolynomialDecay linear = new PolynomialDecay(0.1, 1000, 0, 1);
        assertEquals(0.1, linear.rateAt(0));
        assertEquals(0.1 * (1 - 250 / 1000.0), linear.rateAt(250), 1e-15);
        assertEquals(0.1 / 1000, linear.rateAt(999), 1e-15);
        assertEquals(0.0, linear.rateAt(1000));
        assertEquals(0.0, linear.rateAt(5000));

        PolynomialDecay squaredWithWarmup = new PolynomialDecay(0.1, 1000, 100, 2);
        assertEquals(0.0, squaredWithWarmup.rateAt(0));
        assertEquals(0.1 * 40 / 100, squaredWithWarmup.rateAt(40), 1e-15);
        assertEquals(0.1, squaredWithWarmup.rateAt(100));
        assertEquals(0.1 * Math.pow(1 - 450 / 900.0, 2), squaredWithWarmup.rateAt(550), 1e-15);
    }

    @Test
    void learningRateIsTheRateOfTheNextStep() {
        PolynomialDecay linear = new PolynomialDecay(0.1, 10, 0, 1);
        assertEquals(0.1, linear.learningRate());
        linear.observe(0, Double.NaN);                 // the fixed shapes ignore the loss
        assertEquals(0.09, linear.learningRate(), 1e-15);
        assertTrue(linear.decays().isEmpty(), "points on a curve are not decays");
        assertTrue(linear.metrics().isEmpty());
    }

    @Test
    void cosineGoesFromTheInitialRateToZero() {
        CosineDecay cosine = new CosineDecay(0.1, 1000, 0);
        assertEquals(0.1, cosine.rateAt(0));
        assertEquals(0.05, cosine.rateAt(500), 1e-15);
        assertEquals(0.0, cosine.rateAt(1000), 1e-15);
    }

    @Test
    void multiStepReportsEachMilestoneAsADecay() {
        MultiStepDecay steps = new MultiStepDecay(0.1, new long[] {5, 8}, 0.1, 3);
        for (int t = 0; t < 10; t++) {
            steps.observe(t, 1.0);
        }
        assertEquals(0.0, steps.rateAt(0));
        assertEquals(0.1 * 2 / 3, steps.rateAt(2), 1e-15);
        assertEquals(0.1, steps.rateAt(4));
        assertEquals(0.01, steps.rateAt(5), 1e-15);
        assertEquals(0.001, steps.rateAt(9), 1e-15);
        List<Decay> decays = steps.decays();
        assertEquals(List.of(4L, 7L), decays.stream().map(Decay::step).toList(), "caused by the step before each");
        assertEquals(0.1, decays.get(0).factor(), 1e-12);
        assertTrue(Double.isNaN(decays.get(0).signal()));
    }

    @Test
    void constantRateWarmsUpThenHolds() {
        ConstantRate constant = new ConstantRate(0.02, 4);
        assertEquals(0.01, constant.rateAt(2));
        assertEquals(0.02, constant.rateAt(4));
        assertEquals(0.02, constant.rateAt(1_000_000));
    }

    @Test
    void refusesBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> new PolynomialDecay(0.1, 100, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialDecay(-0.1, 100, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MultiStepDecay(0.1, new long[] {5, 5}, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MultiStepDecay(0.1, new long[] {5}, 1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialDecay(0.1, 100, 0, 1).observe(1, 0));
    }
}
