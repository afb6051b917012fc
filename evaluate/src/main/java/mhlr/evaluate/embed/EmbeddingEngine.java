package mhlr.evaluate.embed;

import java.io.IOException;
import java.util.Locale;
import mhlr.core.cli.UsageException;
import mhlr.train.model.InferenceModel;
import mhlr.train.onnx.OnnxExport;

/**
 * What runs a {@code model.mhlr} on the executors (config key {@code evaluate.engine}); an ONNX model always runs on
 * ONNX Runtime.
 *
 * <p>{@link #ONNX_RUNTIME}, the default, exports the model to ONNX on the driver ({@link OnnxExport}, the same graph
 * {@code bin/export} writes) and runs that: on the CPU it embedded 2.0x (iResNet-50) to 3.6x (MobileFaceNet) faster
 * than ND4J with embeddings of cosine 1.000000 (docs/BENCHMARKS.md). {@link #ND4J} restores the model on ND4J, the
 * engine of the {@code cuda} build profile, where a GPU does the work.
 */
public enum EmbeddingEngine {
    /** ONNX Runtime on the CPU; a {@code model.mhlr} is exported to ONNX once, on the driver. */
    ONNX_RUNTIME("onnx-runtime"),
    /** ND4J (the {@code cuda} profile's GPU, or the CPU). */
    ND4J("nd4j");

    private final String key;

    EmbeddingEngine(String key) {
        this.key = key;
    }

    /** The engine a config value names; a {@link UsageException} listing the choices otherwise. */
    public static EmbeddingEngine fromKey(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (EmbeddingEngine engine : values()) {
            if (engine.key.equals(wanted)) {
                return engine;
            }
        }
        throw new UsageException("evaluate.engine: '" + value + "' is not onnx-runtime or nd4j");
    }

    /**
     * The bytes to broadcast for {@code model}: an ONNX model as it is; a {@code model.mhlr} as it is on ND4J, or
     * exported to ONNX for ONNX Runtime. Called once per job, where the model is read, so that the driver's check and
     * every protocol's embedding use the same bytes.
     *
     * @param source names the file in errors
     */
    public byte[] modelBytes(byte[] model, String source) {
        if (this != ONNX_RUNTIME || !FaceModels.isMhlr(model)) {
            return model;
        }
        try {
            return OnnxExport.export(InferenceModel.load(model)).toByteArray();
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(source + " is not a model bin/train exported: " + e.getMessage(), e);
        }
    }
}
