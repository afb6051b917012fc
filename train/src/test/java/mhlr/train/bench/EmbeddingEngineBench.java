package mhlr.train.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.InferenceModel;
import mhlr.train.model.Layout;
import mhlr.train.model.TrainingModel;
import mhlr.train.onnx.OnnxExport;

/**
 * Embedding throughput of the two engines side by side in one run: {@link InferenceModel} (SameDiff on ND4J,
 * oneDNN) and ONNX Runtime's Java API on the exported file ({@link OnnxExport}), on the same batches of the same
 * model, alternating round by round so that a shared machine's load hits both alike. ONNX Runtime runs with the
 * session options of {@code bin/evaluate} (defaults, idle threads sleep). Prints img/s per round and engine, the
 * ratio ONNX Runtime / InferenceModel of the medians, and the lowest cosine between the two engines' embeddings.
 *
 * <pre>
 *   java -cp "$(cat train/target/test-classpath.txt):train/target/classes:train/target/test-classes" \
 *       mhlr.train.bench.EmbeddingEngineBench [--backbones iresnet50,mobilefacenet] [--layout NCHW] [--size 112]
 *       [--batch 64] [--rounds 3]
 * </pre>
 */
public final class EmbeddingEngineBench {

    private EmbeddingEngineBench() {
    }

    public static void main(String[] args) throws IOException, OrtException {
        Map<String, String> options = parse(args);
        List<String> backbones = List.of(options.getOrDefault("--backbones", "iresnet50,mobilefacenet").split(","));
        Layout layout = Layout.valueOf(options.getOrDefault("--layout", "NCHW"));
        int size = Integer.parseInt(options.getOrDefault("--size", "112"));
        int batch = Integer.parseInt(options.getOrDefault("--batch", "64"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "3"));
        System.out.printf(Locale.ROOT, "cores %d, OMP_NUM_THREADS=%s, %dx%d, batch %d, layout %s, %d rounds%n",
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"), size, size, batch,
                layout, rounds);
        for (String backbone : backbones) {
            run(BackboneSpec.builder(backbone).inputSize(size).layout(layout).build(), batch, rounds);
        }
    }

    private static void run(BackboneSpec spec, int batch, int rounds) throws IOException, OrtException {
        InferenceModel model = InferenceModel.load(TrainingModel.builder(spec, 2).seed(1).build()
                .inferenceModelBytes());
        byte[] onnx = OnnxExport.export(model).toByteArray();
        float[] images = new float[batch * 3 * spec.inputSize() * spec.inputSize()];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) (random.nextDouble() * 2 - 1);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        try (OrtSession session = environment.createSession(onnx, options)) {
            float[][] nd4j = model.embed(images, batch);
            float[][] ort = runtime(environment, session, images, batch, spec.inputSize());
            double[] nd4jRates = new double[rounds];
            double[] ortRates = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                model.embed(images, batch);
                nd4jRates[round] = batch / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                runtime(environment, session, images, batch, spec.inputSize());
                ortRates[round] = batch / ((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "%-13s round %d  InferenceModel %7.2f img/s  ONNX Runtime %7.2f img/s%n",
                        spec.name(), round + 1, nd4jRates[round], ortRates[round]);
            }
            double lowest = 1;
            for (int i = 0; i < batch; i++) {
                lowest = Math.min(lowest, cosine(nd4j[i], ort[i]));
            }
            System.out.printf(Locale.ROOT, "%-13s median InferenceModel %7.2f img/s  ONNX Runtime %7.2f img/s  ratio"
                    + " ORT/InferenceModel %.2fx  lowest cosine %.6f%n", spec.name(), median(nd4jRates),
                    median(ortRates), median(ortRates) / median(nd4jRates), lowest);
        }
    }

    private static float[][] runtime(OrtEnvironment environment, OrtSession session, float[] images, int batch,
            int size) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(images),
                new long[] {batch, 3, size, size});
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, tensor))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double cosine(float[] a, float[] b) {
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

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
