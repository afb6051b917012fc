package mhlr.train.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.InferenceModel;
import onnx.Onnx.ModelProto;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backbone weights {@code bin/train --init-from FILE} starts from: a {@code model.mhlr} this project wrote or an
 * ONNX model ({@link OnnxExport}'s, or an iResNet as arcface_torch's {@code torch2onnx.py} writes it), mapped onto
 * the configured backbone by structure ({@link OnnxImport}). A {@code model.mhlr} goes through its ONNX form too,
 * so that a model trained in one feature-map layout starts a run in the other.
 */
public final class PretrainedBackbone {

    private static final int MHLR_MAGIC = 0x4D484C52;

    private PretrainedBackbone() {
    }

    /**
     * The arrays of {@code target}'s backbone from {@code file}.
     *
     * @throws IOException when the file is neither format, or does not fit {@code target} (naming the first tensor)
     */
    public static Map<String, INDArray> load(Path file, BackboneSpec target) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ModelProto model = bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == MHLR_MAGIC
                ? OnnxExport.export(loadMhlr(bytes, file))
                : OnnxFile.parse(bytes, file + " (neither an MHLR-Face model.mhlr nor ONNX)");
        try {
            return OnnxImport.backbone(model, target);
        } catch (IllegalArgumentException mismatch) {
            throw new IOException(file + " does not fit " + target + ": " + mismatch.getMessage(), mismatch);
        }
    }

    private static InferenceModel loadMhlr(byte[] bytes, Path file) throws IOException {
        try {
            return InferenceModel.load(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
