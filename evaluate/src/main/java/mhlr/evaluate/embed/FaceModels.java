package mhlr.evaluate.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import mhlr.core.cli.UsageException;
import mhlr.train.model.InferenceModel;

/** Restores a face model from its bytes: a {@code model.mhlr} (by its magic number) or else an ONNX model. */
final class FaceModels {

    private static final int MHLR_MAGIC = 0x4D484C52;

    private FaceModels() {
    }

    /**
     * The model in {@code bytes}.
     *
     * @param source   names the file in errors
     * @param defaults an ONNX model's preprocessing where its metadata says nothing
     * @throws UsageException when the bytes are neither, or the model's input or output cannot be used
     */
    static FaceModel load(byte[] bytes, String source, OnnxInput defaults) {
        if (isMhlr(bytes)) {
            try {
                return new MhlrFaceModel(InferenceModel.load(bytes));
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException(source + " is not a model bin/train exported: " + e.getMessage(), e);
            }
        }
        return new OnnxFaceModel(bytes, source, defaults);
    }

    /** Whether {@code bytes} start with the magic number of a {@code model.mhlr}. */
    static boolean isMhlr(byte[] bytes) {
        return bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == MHLR_MAGIC;
    }
}
