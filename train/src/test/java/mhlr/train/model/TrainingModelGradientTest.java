package mhlr.train.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mhlr.train.loss.CombinedMarginLoss;
import mhlr.train.loss.MarginGradient;
import mhlr.train.loss.Margins;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-written backward pass of whole networks (the {@link GradientTape} records of every layer type plus the
 * margin head) against central finite differences of the loss, in double precision.
 */
class TrainingModelGradientTest {

    private static final double STEP = 1e-6;
    private static final double RELATIVE_TOLERANCE = 1e-5;
    private static final double ABSOLUTE_TOLERANCE = 1e-7;

    @Test
    void tinyIResNetGradientsMatchFiniteDifferencesInNchw() {
        checkGradients(BackboneSpec.builder("tiny").inputSize(16).embeddingSize(8).build(), 1.0, 1);
    }

    @Test
    void tinyIResNetGradientsMatchFiniteDifferencesInNhwcWithPartialFc() {
        checkGradients(BackboneSpec.builder("tiny").inputSize(16).embeddingSize(8).layout(Layout.NHWC).build(), 0.6,
                2);
    }

    @Test
    void mobileFaceNetGradientsMatchFiniteDifferences() {
        checkGradients(BackboneSpec.builder("mobilefacenet").inputSize(32).embeddingSize(8).widthMultiplier(1.0 / 16)
                .build(), 1.0, 5);
    }

    /** Checks one entry of every {@code stride}-th parameter tensor (and always the class centres). */
    private static void checkGradients(BackboneSpec spec, double sampleRate, int stride) {
        // The exact margin gradient: finite differences measure the loss's true derivative, which the default
        // straight-through head does not follow by design (CombinedMarginLossTest pins that one).
        TrainingModel model = TrainingModel.builder(spec, 5).dataType(DataType.DOUBLE).seed(11)
                .margin(new CombinedMarginLoss(16, new Margins(1, 0.5, 0), MarginGradient.EXACT)).sampleRate(sampleRate)
                .build();
        // Fixed images: with fresh random ones each run, an activation now and then lies within the step of a PReLU
        // kink, and the central difference straddles it.
        INDArray images = Nd4j.rand(Nd4j.create(DataType.DOUBLE, 4, 3, spec.inputSize(), spec.inputSize()),
                Nd4j.getRandomFactory().getNewRandomInstance(29)).muli(2).subi(1);
        int[] labels = {0, 3, 3, 1};
        Map<String, INDArray> analytic = model.lossAndGradients(images, labels);
        Map<String, INDArray> parameters = model.parameters();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int tensor = 0;
        for (Map.Entry<String, INDArray> entry : analytic.entrySet()) {
            String name = entry.getKey();
            if (name.equals("loss") || tensor++ % stride != 0 && !name.equals(TrainingModel.CLASS_CENTRES)) {
                continue;
            }
            INDArray gradient = entry.getValue().reshape(-1);
            long index = gradient.length() / 2;
            double numeric = numericDerivative(model, parameters, name, index, images, labels);
            double exact = gradient.getDouble(index);
            if (Math.abs(numeric - exact) > RELATIVE_TOLERANCE * (Math.abs(numeric) + Math.abs(exact))
                    + ABSOLUTE_TOLERANCE) {
                failures.add(name + "[" + index + "]: analytic " + exact + ", numeric " + numeric);
            }
            checked++;
        }
        assertTrue(checked >= 20, "checked only " + checked + " entries");
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " gradient entries differ: " + failures);
    }

    private static double numericDerivative(TrainingModel model, Map<String, INDArray> parameters, String name,
            long index, INDArray images, int[] labels) {
        double original = parameters.get(name).reshape(-1).getDouble(index);
        double plus = lossWith(model, parameters, name, index, original + STEP, images, labels);
        double minus = lossWith(model, parameters, name, index, original - STEP, images, labels);
        model.loadParameters(parameters);
        return (plus - minus) / (2 * STEP);
    }

    private static double lossWith(TrainingModel model, Map<String, INDArray> parameters, String name, long index,
            double value, INDArray images, int[] labels) {
        Map<String, INDArray> changed = new LinkedHashMap<>(parameters);
        INDArray array = parameters.get(name).dup();
        array.reshape(-1).putScalar(index, value);
        changed.put(name, array);
        model.loadParameters(changed);
        return model.loss(images, labels);
    }
}
