package mhlr.train.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.InferenceModel;
import mhlr.train.model.Layout;
import mhlr.train.model.TrainingModel;
import onnx.Onnx.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class PretrainedBackboneTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({"tiny, NHWC, 32", "tiny, NCHW, 32", "mobilefacenet, NHWC, 56"})
    void exportThenInitFromGivesTheSourceParametersElementForElement(String backbone, Layout layout, int size)
            throws IOException {
        BackboneSpec spec = BackboneSpec.builder(backbone).inputSize(size).embeddingSize(32).layout(layout).build();
        TrainingModel source = RandomModels.training(spec, 7);
        Path onnx = directory.resolve("model.onnx");
        Files.write(onnx, OnnxExport.export(InferenceModel.load(source.inferenceModelBytes())).toByteArray());
        Path mhlr = directory.resolve("model.mhlr");
        source.exportInferenceModel(mhlr);
        for (Path file : new Path[] {onnx, mhlr}) {
            TrainingModel started = TrainingModel.builder(spec, 5).seed(8).build();
            Map<String, INDArray> centresBefore = Map.of("c", started.parameters().get(TrainingModel.CLASS_CENTRES));
            started.loadBackbone(PretrainedBackbone.load(file, spec));
            Map<String, INDArray> expected = source.parameters();
            Map<String, INDArray> actual = started.parameters();
            for (Map.Entry<String, INDArray> entry : expected.entrySet()) {
                if (!entry.getKey().equals(TrainingModel.CLASS_CENTRES)) {
                    assertEquals(entry.getValue(), actual.get(entry.getKey()), file + ": " + entry.getKey());
                }
            }
            assertEquals(centresBefore.get("c"), actual.get(TrainingModel.CLASS_CENTRES), "class centres start fresh");
        }
    }

    @Test
    void aModelTrainedInOneLayoutStartsARunInTheOtherWithTheSameEmbeddings() throws IOException {
        BackboneSpec nhwc = BackboneSpec.builder("tiny").inputSize(32).embeddingSize(16).layout(Layout.NHWC).build();
        BackboneSpec nchw = BackboneSpec.builder("tiny").inputSize(32).embeddingSize(16).layout(Layout.NCHW).build();
        TrainingModel source = RandomModels.training(nhwc, 9);
        Path mhlr = directory.resolve("model.mhlr");
        source.exportInferenceModel(mhlr);
        TrainingModel started = TrainingModel.builder(nchw, 3).build();
        started.loadBackbone(PretrainedBackbone.load(mhlr, nchw));
        float[] faces = TestFaces.generated(6, 32);
        float[][] expected = InferenceModel.load(mhlr).embed(faces, 6);
        float[][] actual = InferenceModel.load(started.inferenceModelBytes()).embed(faces, 6);
        for (int i = 0; i < 6; i++) {
            assertTrue(OnnxExportTest.cosine(expected[i], actual[i]) > 0.99999, "face " + i);
        }
    }

    @Test
    void aGraphWithBatchNormsFoldedIntoTheConvolutionsAsPyTorchExportsThemStartsTheSameFunction() throws IOException {
        BackboneSpec spec = BackboneSpec.builder("tiny").inputSize(32).embeddingSize(16).build();
        InferenceModel source = InferenceModel.load(RandomModels.training(spec, 10).inferenceModelBytes());
        ModelProto folded = TorchStyleGraph.foldBatchNorms(OnnxExport.export(source));
        assertTrue(folded.getGraph().getNodeCount() < OnnxExport.export(source).getGraph().getNodeCount());
        Path file = directory.resolve("torch2onnx.onnx");
        Files.write(file, folded.toByteArray());
        TrainingModel started = TrainingModel.builder(spec, 3).build();
        started.loadBackbone(PretrainedBackbone.load(file, spec));
        float[] faces = TestFaces.generated(6, 32);
        float[][] expected = source.embed(faces, 6);
        float[][] actual = InferenceModel.load(started.inferenceModelBytes()).embed(faces, 6);
        for (int i = 0; i < 6; i++) {
            assertTrue(OnnxExportTest.cosine(expected[i], actual[i]) > 0.9999, "face " + i);
        }
    }

    @Test
    void aModelOfAnotherArchitectureIsRefusedNamingTheFirstTensorThatDoesNotFit() throws IOException {
        BackboneSpec tiny = BackboneSpec.builder("tiny").inputSize(32).embeddingSize(16).build();
        Path file = directory.resolve("tiny.onnx");
        Files.write(file, OnnxExport.export(InferenceModel.load(RandomModels.training(tiny, 11)
                .inferenceModelBytes())).toByteArray());
        BackboneSpec wider = BackboneSpec.builder("iresnet18").inputSize(32).embeddingSize(16).build();
        IOException error = assertThrows(IOException.class, () -> PretrainedBackbone.load(file, wider));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("conv1.weight")
                && error.getMessage().contains("[3, 3, 3, 64]"), error.getMessage());
    }

    @Test
    void aFileThatIsNeitherFormatIsRefusedNamingIt() throws IOException {
        Path file = directory.resolve("notes.txt");
        Files.writeString(file, "not a model at all");
        BackboneSpec tiny = BackboneSpec.builder("tiny").inputSize(32).build();
        IOException error = assertThrows(IOException.class, () -> PretrainedBackbone.load(file, tiny));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("not an ONNX model"),
                error.getMessage());
    }
}
