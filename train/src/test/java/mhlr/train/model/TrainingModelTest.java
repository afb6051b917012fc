package mhlr.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainingModelTest {

    private static final int SIZE = 16;
    private static final BackboneSpec TINY = BackboneSpec.builder("tiny").inputSize(SIZE).embeddingSize(16).build();

    @Test
    void aFewStepsOnAFixedBatchReduceTheLoss() {
        TrainingModel model = TrainingModel.builder(TINY, 4).seed(1).build();
        INDArray images = images(8, 1);
        int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
        double first = model.step(images, labels, 0.1).loss();
        double last = first;
        for (int i = 0; i < 9; i++) {
            last = model.step(images, labels, 0.1).loss();
        }
        assertTrue(last < 0.5 * first, "loss went from " + first + " to " + last);
        assertEquals(10, model.steps());
    }

    @Test
    void aStepAsTheVeryFirstCallAndChangingBatchSizesWork() {
        TrainingModel model = TrainingModel.builder(TINY, 5).seed(2).build();
        StepResult first = model.step(images(6, 2), new int[] {0, 1, 2, 3, 4, 0}, 0.05);
        StepResult smaller = model.step(images(3, 3), new int[] {4, 4, 1}, 0.05);
        StepResult larger = model.step(images(7, 4), new int[] {0, 1, 2, 3, 4, 0, 1}, 0.05);
        for (StepResult result : new StepResult[] {first, smaller, larger}) {
            assertTrue(Double.isFinite(result.loss()) && result.loss() > 0, "loss " + result.loss());
            assertTrue(Double.isFinite(result.gradientNorm()) && result.gradientNorm() > 0);
        }
        assertEquals(3, larger.step());
        assertArrayEquals(new long[] {5, 16}, model.embed(images(5, 5)).shape());
    }

    @Test
    void theSameSeedGivesTheSameFirstStepAndAnotherSeedDoesNot() {
        INDArray images = images(4, 6);
        int[] labels = {0, 1, 2, 0};
        double a = TrainingModel.builder(TINY, 3).seed(7).build().step(images, labels, 0.1).loss();
        double b = TrainingModel.builder(TINY, 3).seed(7).build().step(images, labels, 0.1).loss();
        double c = TrainingModel.builder(TINY, 3).seed(8).build().step(images, labels, 0.1).loss();
        assertEquals(a, b, 0.0);
        assertNotEquals(a, c);
    }

    @Test
    void restoredParametersAndOptimizerStateContinueExactlyLikeTheUninterruptedRun() {
        int[] labels = {0, 1, 2, 3};
        TrainingModel original = TrainingModel.builder(TINY, 4).seed(3).build();
        original.step(images(4, 7), labels, 0.1);
        original.step(images(4, 8), labels, 0.1);
        TrainingModel restored = TrainingModel.builder(TINY, 4).seed(99).build();
        restored.loadParameters(original.parameters());
        restored.loadOptimizerState(original.optimizerState());
        assertEquals(2, restored.steps());

        StepResult expected = original.step(images(4, 9), labels, 0.05);
        StepResult actual = restored.step(images(4, 9), labels, 0.05);
        assertEquals(expected.loss(), actual.loss(), 0.0);
        assertEquals(expected.step(), actual.step());
        Map<String, INDArray> after = original.parameters();
        restored.parameters().forEach((name, value) -> assertEquals(after.get(name), value, name));
    }

    @Test
    void stateExportsHoldBackboneHeadRunningStatisticsAndMomentum() {
        TrainingModel model = TrainingModel.builder(TINY, 4).seed(4).build();
        assertEquals(Map.of(TrainingModel.STEP_COUNT, Nd4j.scalar(0L)).keySet(), model.optimizerState().keySet());
        model.step(images(4, 10), new int[] {0, 1, 2, 3}, 0.1);
        Map<String, INDArray> parameters = model.parameters();
        assertArrayEquals(new long[] {4, 16}, parameters.get(TrainingModel.CLASS_CENTRES).shape());
        assertTrue(parameters.containsKey("conv1.weight") && parameters.containsKey("bn1.running_var"));
        Map<String, INDArray> optimizer = model.optimizerState();
        assertTrue(optimizer.containsKey("conv1.weight" + TrainingModel.MOMENTUM_SUFFIX));
        assertTrue(optimizer.containsKey(TrainingModel.CLASS_CENTRES + TrainingModel.MOMENTUM_SUFFIX));
        assertEquals(1, optimizer.get(TrainingModel.STEP_COUNT).getLong(0));
        assertNotEquals(0.0, parameters.get("bn1.running_mean").norm2Number().doubleValue());
    }

    @Test
    void partialFcGivesGradientOnlyToTheSampledClassCentresWhichIncludeEveryLabel() {
        TrainingModel model = TrainingModel.builder(TINY, 10).seed(5).sampleRate(0.3).build();
        int[] labels = {1, 2, 2, 1};
        INDArray gradient = model.lossAndGradients(images(4, 11), labels).get(TrainingModel.CLASS_CENTRES);
        int rowsWithGradient = 0;
        for (int row = 0; row < 10; row++) {
            if (gradient.getRow(row).norm2Number().doubleValue() > 0) {
                rowsWithGradient++;
            }
        }
        assertEquals(3, rowsWithGradient);
        assertTrue(gradient.getRow(1).norm2Number().doubleValue() > 0);
        assertTrue(gradient.getRow(2).norm2Number().doubleValue() > 0);
        double first = model.step(images(4, 11), labels, 0.1).loss();
        double later = first;
        for (int i = 0; i < 5; i++) {
            later = model.step(images(4, 11), labels, 0.1).loss();
        }
        assertTrue(later < first, "Partial FC loss went from " + first + " to " + later);
    }

    @Test
    void dropoutTrainsAndLeavesInferenceDeterministic() {
        BackboneSpec spec = BackboneSpec.builder("tiny").inputSize(SIZE).embeddingSize(16).dropout(0.4).build();
        TrainingModel model = TrainingModel.builder(spec, 3).seed(6).build();
        StepResult result = model.step(images(4, 12), new int[] {0, 1, 2, 0}, 0.1);
        assertTrue(Double.isFinite(result.loss()));
        // Inference ignores dropout: the trained parameters in a network without dropout embed alike, and twice alike.
        INDArray batch = images(3, 13);
        INDArray first = model.embed(batch).dup();
        TrainingModel withoutDropout = TrainingModel.builder(BackboneSpec.builder("tiny").inputSize(SIZE)
                .embeddingSize(16).build(), 3).seed(99).build();
        withoutDropout.loadParameters(model.parameters());
        assertEquals(first, withoutDropout.embed(batch.dup()));
        assertEquals(first, model.embed(batch.dup()));
    }

    @Test
    void badBatchesAreRejectedWithTheReason() {
        TrainingModel model = TrainingModel.builder(TINY, 3).seed(7).build();
        assertMessage("label 3 is outside [0, 3)", () -> model.step(images(2, 1), new int[] {0, 3}, 0.1));
        assertMessage("at least 2 images", () -> model.step(images(1, 1), new int[] {0}, 0.1));
        assertMessage("3 images but 2 labels", () -> model.step(images(3, 1), new int[] {0, 1}, 0.1));
        assertMessage("images must be [n, 3, 16, 16]",
                () -> model.step(Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8), new int[] {0, 1}, 0.1));
        assertMessage("not part of this model", () -> model.loadParameters(Map.of("nonsense", Nd4j.scalar(1f))));
    }

    private static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(error.getMessage().contains(expected), "message: " + error.getMessage());
    }

    static INDArray images(int n, long seed) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), n, 3, SIZE, SIZE).castTo(DataType.FLOAT)
                .muli(2).subi(1);
    }
}
