package mhlr.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SgdTest {

    private static final double[][] GRADIENTS = {{0.5, 0.1}, {-0.2, 0.3}, {0.0, 1.0}};
    private static final double[] RATES = {0.1, 0.05, 0.2};

    @Test
    void followsPyTorchSgdWithMomentumAndWeightDecayAddedToTheGradient() {
        Sgd sgd = new Sgd(0.9, 5e-4);
        INDArray parameter = Nd4j.createFromArray(1.0, -2.0);
        double[] expected = {1.0, -2.0};
        double[] buffer = null;
        for (int step = 0; step < GRADIENTS.length; step++) {
            double[] direction = new double[2];
            for (int i = 0; i < 2; i++) {
                direction[i] = GRADIENTS[step][i] + 5e-4 * expected[i];
            }
            if (buffer == null) {
                buffer = direction.clone();
            } else {
                for (int i = 0; i < 2; i++) {
                    buffer[i] = 0.9 * buffer[i] + direction[i];
                }
            }
            for (int i = 0; i < 2; i++) {
                expected[i] -= RATES[step] * buffer[i];
            }
            sgd.step(Map.of("w", parameter), gradient(step), RATES[step]);
        }
        assertArrayEquals(expected, parameter.toDoubleVector(), 1e-12);
    }

    @Test
    void exportedStateContinuesExactlyLikeTheUninterruptedOptimiser() {
        Sgd original = new Sgd(0.9, 5e-4);
        INDArray parameter = Nd4j.createFromArray(0.3, 0.7);
        original.step(Map.of("w", parameter), gradient(0), 0.1);
        original.step(Map.of("w", parameter), gradient(1), 0.1);
        Map<String, INDArray> state = original.state();
        INDArray copy = parameter.dup();

        Sgd restored = new Sgd(0.9, 5e-4);
        restored.loadState(state);
        assertArrayEquals(state.get("w").toDoubleVector(), restored.state().get("w").toDoubleVector(), 0.0);
        original.step(Map.of("w", parameter), gradient(2), 0.2);
        restored.step(Map.of("w", copy), gradient(2), 0.2);
        assertArrayEquals(parameter.toDoubleVector(), copy.toDoubleVector(), 0.0);
        assertEquals(1, state.size());
    }

    @Test
    void stateIsACopyThatLaterStepsDoNotChange() {
        Sgd sgd = new Sgd(0.9, 0);
        INDArray parameter = Nd4j.createFromArray(1.0, 1.0);
        sgd.step(Map.of("w", parameter), gradient(0), 0.1);
        INDArray exported = sgd.state().get("w");
        double[] before = exported.toDoubleVector();
        sgd.step(Map.of("w", parameter), gradient(1), 0.1);
        assertArrayEquals(before, exported.toDoubleVector(), 0.0);
    }

    @Test
    void withoutMomentumOrDecayAStepIsPlainGradientDescent() {
        Sgd sgd = new Sgd(0, 0);
        INDArray parameter = Nd4j.createFromArray(1.0, 2.0);
        sgd.step(Map.of("w", parameter), gradient(0), 0.5);
        assertArrayEquals(new double[] {0.75, 1.95}, parameter.toDoubleVector(), 1e-12);
        assertTrue(sgd.state().isEmpty());
    }

    @Test
    void aGradientForAnUnknownParameterAndBadSettingsAreRejected() {
        Sgd sgd = new Sgd(0.9, 5e-4);
        assertThrows(IllegalArgumentException.class,
                () -> sgd.step(Map.of("w", Nd4j.createFromArray(1.0, 1.0)), Map.of("v", gradient(0).get("w")), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.9, -1));
    }

    private static Map<String, INDArray> gradient(int step) {
        Map<String, INDArray> gradients = new HashMap<>();
        gradients.put("w", Nd4j.createFromArray(GRADIENTS[step]).castTo(DataType.DOUBLE));
        return gradients;
    }
}
