package mhlr.train.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.InferenceModel;
import mhlr.train.model.Layout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnnxExportTest {

    private static final int FACES = 64;
    private static final double MINIMUM_COSINE = 0.9999;

    @ParameterizedTest
    @CsvSource({"tiny, NCHW", "tiny, NHWC"})
    void onnxRuntimeOnTheExportedFileEmbedsGeneratedFacesAsTheInferenceModelDoes(String backbone, Layout layout)
            throws Exception {
        BackboneSpec spec = BackboneSpec.builder(backbone).inputSize(56).embeddingSize(64).layout(layout).build();
        InferenceModel model = RandomModels.inference(spec, 3);
        assertAgree(model, TestFaces.generated(FACES, spec.inputSize()), FACES);
    }

    @ParameterizedTest
    @CsvSource({"iresnet18, NCHW", "mobilefacenet, NHWC", "tiny, NHWC"})
    void onnxRuntimeOnTheExportedFileEmbedsRealFacesAsTheInferenceModelDoes(String backbone, Layout layout)
            throws Exception {
        Path folder = TestFaces.realFaceFolder().orElse(null);
        Assumptions.assumeTrue(folder != null, "shared data (lfw_a_subset) absent");
        BackboneSpec spec = BackboneSpec.builder(backbone).layout(layout).build();
        InferenceModel model = RandomModels.inference(spec, 4);
        assertAgree(model, TestFaces.real(folder, FACES, spec.inputSize()), FACES);
    }

    @ParameterizedTest
    @CsvSource({"tiny, NHWC"})
    void theFileDeclaresADynamicBatchAnNByDOutputAndThePreprocessing(String backbone, Layout layout)
            throws Exception {
        BackboneSpec spec = BackboneSpec.builder(backbone).inputSize(32).embeddingSize(24).layout(layout).build();
        byte[] onnx = OnnxExport.export(RandomModels.inference(spec, 5)).toByteArray();
        try (OnnxRuntimeRunner runner = new OnnxRuntimeRunner(onnx)) {
            Map<String, NodeInfo> inputs = runner.session().getInputInfo();
            Map<String, NodeInfo> outputs = runner.session().getOutputInfo();
            assertArrayEquals(new long[] {-1, 3, 32, 32}, ((TensorInfo) inputs.get(OnnxExport.INPUT).getInfo()).getShape());
            assertArrayEquals(new long[] {-1, 24}, ((TensorInfo) outputs.get(OnnxExport.OUTPUT).getInfo()).getShape());
            Map<String, String> metadata = runner.session().getMetadata().getCustomMetadata();
            assertEquals("127.5", metadata.get(OnnxMetadata.INPUT_MEAN));
            assertEquals("127.5", metadata.get(OnnxMetadata.INPUT_STD));
            assertEquals("RGB", metadata.get(OnnxMetadata.COLOR_ORDER));
            assertEquals(spec, BackboneSpec.fromProperties(metadata.get(OnnxMetadata.BACKBONE_SPEC)));
            assertEquals(3, runner.run(TestFaces.generated(3, 32), 3, 32).length);
            assertEquals(7, runner.run(TestFaces.generated(7, 32), 7, 32).length);
        }
    }

    private static void assertAgree(InferenceModel model, float[] faces, int n) throws OrtException, IOException {
        int size = model.spec().inputSize();
        float[][] expected = model.embed(faces, n);
        float[][] actual;
        try (OnnxRuntimeRunner runner = new OnnxRuntimeRunner(OnnxExport.export(model).toByteArray())) {
            actual = runner.run(faces, n, size);
        }
        assertEquals(n, actual.length);
        for (int i = 0; i < n; i++) {
            double cosine = cosine(expected[i], actual[i]);
            assertTrue(cosine >= MINIMUM_COSINE, "face " + i + ": cosine " + cosine + " of ONNX Runtime's embedding"
                    + " with InferenceModel's, below " + MINIMUM_COSINE);
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(normA * normB);
    }
}
