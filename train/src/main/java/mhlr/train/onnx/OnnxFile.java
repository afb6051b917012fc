package mhlr.train.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx.ModelProto;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/** Reads an ONNX model file, refusing bytes that are not one with a message naming the source. */
public final class OnnxFile {

    private OnnxFile() {
    }

    /** The model in {@code file}. */
    public static ModelProto read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * The model in {@code bytes}.
     *
     * @param source names the file or buffer in the error
     * @throws IOException when the bytes do not parse as an ONNX model with a graph, an IR version and an opset
     */
    public static ModelProto parse(byte[] bytes, String source) throws IOException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(source + " is not an ONNX model: " + e.getMessage(), e);
        }
        if (model.getIrVersion() <= 0 || model.getOpsetImportCount() == 0 || model.getGraph().getNodeCount() == 0
                || model.getGraph().getInputCount() == 0 || model.getGraph().getOutputCount() == 0) {
            throw new IOException(source + " is not an ONNX model (no IR version, opset, graph nodes, input or output)");
        }
        return model;
    }
}
