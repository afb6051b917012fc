package mhlr.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientClippingTest {

    @Test
    void gradientsAboveTheMaximumNormAreScaledTogetherToThatNorm() {
        INDArray a = Nd4j.createFromArray(3.0, 0.0);
        INDArray b = Nd4j.createFromArray(0.0, 4.0, 12.0);
        double norm = GradientClipping.clipByGlobalNorm(List.of(a, b), 5);
        assertEquals(13.0, norm, 1e-12);
        double factor = 5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * factor, 0}, a.toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 4 * factor, 12 * factor}, b.toDoubleVector(), 1e-12);
        assertEquals(5.0, GradientClipping.globalNorm(List.of(a, b)), 1e-5);
    }

    @Test
    void gradientsWithinTheMaximumNormAreLeftAlone() {
        INDArray a = Nd4j.createFromArray(0.3, -0.4);
        assertEquals(0.5, GradientClipping.clipByGlobalNorm(List.of(a), 5), 1e-12);
        assertArrayEquals(new double[] {0.3, -0.4}, a.toDoubleVector(), 0.0);
    }
}
