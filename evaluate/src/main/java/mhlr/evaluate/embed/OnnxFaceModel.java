package mhlr.evaluate.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import mhlr.core.cli.UsageException;

/**
 * An ONNX face model run by ONNX Runtime (one session, shared by the tasks of a JVM: {@code run} is thread-safe).
 * The model must take one float tensor [N, 3, H, W] with H = W (or left open) and give [N, D]; anything else is
 * refused naming the source and the shape it has.
 */
final class OnnxFaceModel implements FaceModel {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String inputName;
    private final OnnxInput input;
    private final int embeddingSize;

    /**
     * @param defaults preprocessing and input size used where the model's metadata and shape say nothing
     * @throws UsageException when the bytes are not an ONNX model or its input or output cannot be used
     */
    OnnxFaceModel(byte[] model, String source, OnnxInput defaults) {
        try {
            this.session = environment.createSession(model, sessionOptions());
        } catch (OrtException e) {
            throw new UsageException(source + " is not an ONNX model ONNX Runtime can load: " + e.getMessage(), e);
        }
        try {
            if (session.getInputInfo().size() != 1 || session.getOutputInfo().isEmpty()) {
                throw new UsageException(source + ": a face model has one input and an output, this one has inputs "
                        + session.getInputNames() + " and outputs " + session.getOutputNames());
            }
            Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
            this.inputName = in.getKey();
            long[] inputShape = shape(in.getValue(), source, "input " + inputName);
            boolean square = inputShape.length == 4 && inputShape[2] == inputShape[3];
            if (inputShape.length != 4 || (inputShape[1] != 3 && inputShape[1] != -1) || !square
                    || inputShape[2] == 0) {
                throw new UsageException(source + ": input " + inputName + " has shape " + Arrays.toString(inputShape)
                        + "; a face model takes [N, 3, S, S] (-1 = open)");
            }
            OnnxInput sized = inputShape[2] > 0 ? defaults.withInputSize((int) inputShape[2]) : defaults;
            this.input = sized.withMetadata(session.getMetadata().getCustomMetadata(), source);
            NodeInfo out = session.getOutputInfo().values().iterator().next();
            long[] outputShape = shape(out, source, "output " + out.getName());
            if (outputShape.length != 2 || outputShape[1] < 1) {
                throw new UsageException(source + ": output " + out.getName() + " has shape "
                        + Arrays.toString(outputShape) + "; a face model gives [N, D] with D fixed");
            }
            this.embeddingSize = (int) outputShape[1];
        } catch (OrtException e) {
            throw new UsageException(source + ": cannot read the model's inputs and outputs: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * ONNX Runtime's defaults (a thread per core, all graph optimisations) except that idle threads sleep instead of
     * spinning: the tasks of an executor share its cores, and spinning takes the CPU the other tasks need.
     */
    static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static long[] shape(NodeInfo node, String source, String what) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new UsageException(source + ": " + what + " is " + node.getInfo() + ", not a float32 tensor");
        }
        return tensor.getShape();
    }

    @Override
    public int inputSize() {
        return input.inputSize();
    }

    @Override
    public int embeddingSize() {
        return embeddingSize;
    }

    /** The preprocessing this model gets. */
    OnnxInput input() {
        return input;
    }

    @Override
    public float[][] embed(float[] chwBatch, int n) {
        input.prepare(chwBatch, n);
        int size = input.inputSize();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(chwBatch),
                new long[] {n, 3, size, size}); OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + n + ": " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // the session is being discarded after a refusal; the refusal is what the user needs to see
        }
    }
}
