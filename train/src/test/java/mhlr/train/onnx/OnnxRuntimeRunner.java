package mhlr.train.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model's first input to its first output with ONNX Runtime's Java API (default session options). */
final class OnnxRuntimeRunner implements AutoCloseable {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OnnxRuntimeRunner(byte[] model) throws OrtException {
        this.session = environment.createSession(model, new OrtSession.SessionOptions());
    }

    /** The output for {@code n} images of {@code 3 x size x size} values. */
    float[][] run(float[] images, int n, int size) throws OrtException {
        String input = session.getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(images),
                new long[] {n, 3, size, size}); OrtSession.Result result = session.run(Map.of(input, tensor))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    /** The session's view of the model (inputs, outputs, metadata). */
    OrtSession session() {
        return session;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
