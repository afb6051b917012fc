package mhlr.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class InferenceModelTest {

    private static final BackboneSpec SPEC =
            BackboneSpec.builder("tiny").inputSize(16).embeddingSize(12).layout(Layout.NHWC).build();
    private static TrainingModel trained;

    @BeforeAll
    static void train() {
        trained = TrainingModel.builder(SPEC, 4).seed(21).build();
        for (int i = 0; i < 3; i++) {
            trained.step(TrainingModelTest.images(6, 30 + i), new int[] {0, 1, 2, 3, 0, 1}, 0.1);
        }
    }

    @Test
    void anExportedFileAndItsBytesEmbedLikeTheTrainingModelInInferenceMode(@TempDir Path directory)
            throws IOException {
        Path file = directory.resolve("model.bin");
        trained.exportInferenceModel(file);
        INDArray images = TrainingModelTest.images(5, 40);
        INDArray expected = trained.embed(images);
        InferenceModel fromFile = InferenceModel.load(file);
        InferenceModel fromBytes = InferenceModel.load(Files.readAllBytes(file));
        assertEquals(SPEC, fromFile.spec());
        assertTrue(expected.equalsWithEps(fromFile.embed(images), 1e-5));
        assertTrue(expected.equalsWithEps(fromBytes.embed(images), 1e-5));
        float[][] rows = fromBytes.embed(images.data().asFloat(), 5);
        assertEquals(5, rows.length);
        assertArrayEquals(expected.getRow(3).toFloatVector(), rows[3], 1e-5f);
        assertArrayEquals(Files.readAllBytes(file), trained.inferenceModelBytes());
    }

    @Test
    void anImageGetsTheSameEmbeddingAloneOrInABatchBecauseRunningStatisticsAreUsed() {
        INDArray images = TrainingModelTest.images(4, 41);
        INDArray batch = trained.embed(images);
        INDArray alone = trained.embed(images.get(NDArrayIndex.interval(2, 3)).dup());
        assertTrue(batch.getRow(2).reshape(1, 12).equalsWithEps(alone, 1e-5), batch.getRow(2) + " vs " + alone);
    }

    @Test
    void embeddingsReturnedEarlierStayValidAfterLaterCalls() throws IOException {
        InferenceModel model = InferenceModel.load(trained.inferenceModelBytes());
        INDArray first = model.embed(TrainingModelTest.images(3, 42));
        INDArray copy = first.dup();
        model.embed(TrainingModelTest.images(3, 43));
        model.embed(TrainingModelTest.images(2, 44));
        assertEquals(copy, first);
    }

    @Test
    void bytesThatAreNotAModelFileAreRejectedWithTheReason() {
        IOException notModel = assertThrows(IOException.class, () -> InferenceModel.load(new byte[] {1, 2, 3, 4, 5}));
        assertTrue(notModel.getMessage().contains("not an MHLR-Face model file"), notModel.getMessage());
        byte[] bytes = trained.inferenceModelBytes();
        IOException truncated =
                assertThrows(IOException.class, () -> InferenceModel.load(Arrays.copyOf(bytes, bytes.length / 2)));
        assertTrue(truncated.getMessage().contains("cut short"), truncated.getMessage());
    }

    @Test
    void aHeaderWhoseShapeOverflowsOrPromisesMoreThanTheFileHoldsIsRejectedWithoutAllocatingForIt()
            throws IOException {
        for (long[] shape : new long[][] {{1L << 32, 1L << 32}, {-1, -4}, {500_000_000L}}) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                out.writeInt(ModelFile.MAGIC);
                out.writeInt(ModelFile.VERSION);
                out.writeUTF(SPEC.toProperties());
                out.writeInt(1);
                out.writeUTF("crafted");
                out.writeInt(shape.length);
                for (long dimension : shape) {
                    out.writeLong(dimension);
                }
                out.write(new byte[64]);
            }
            IOException refused = assertThrows(IOException.class, () -> InferenceModel.load(bytes.toByteArray()));
            assertTrue(refused.getMessage().contains("has shape") || refused.getMessage().contains("cut short"),
                    refused.getMessage());
        }
    }

    @Test
    void imagesOfTheWrongSizeAreRejected() throws IOException {
        InferenceModel model = InferenceModel.load(trained.inferenceModelBytes());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.embed(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8)));
        assertTrue(error.getMessage().contains("[n, 3, 16, 16]"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.embed(new float[10], 1));
    }
}
