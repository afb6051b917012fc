package mhlr.train.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mhlr.train.model.BackboneGraph;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.GraphMode;
import mhlr.train.model.Layer;
import mhlr.train.model.NetworkBuilder;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maps the weights of an ONNX face model onto a backbone by structure: the graph's weighted operators (Conv,
 * BatchNormalization, PRelu, Gemm or MatMul) in node order are matched one by one with the backbone's layers in
 * graph order, and each tensor is converted from PyTorch's layout ({@link TorchLayout}) and must have exactly the
 * shape the layer needs. This reads the files {@link OnnxExport} writes and the iResNets arcface_torch's
 * {@code torch2onnx.py} writes. PyTorch's export folds a batch norm that follows a convolution into the
 * convolution (its weight scaled, a bias added); such a pair is restored as the folded convolution followed by a
 * batch norm that adds the bias and changes nothing else (scale 1, mean 0, variance 1 - epsilon), which computes
 * the same function.
 */
public final class OnnxImport {

    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final List<NodeProto> weighted = new ArrayList<>();
    private final Map<String, INDArray> result = new LinkedHashMap<>();
    private final BackboneSpec target;
    private int next;
    private int[] lastFlatten;

    private OnnxImport(GraphProto graph, BackboneSpec target) {
        this.target = target;
        for (TensorProto tensor : graph.getInitializerList()) {
            initializers.put(tensor.getName(), tensor);
        }
        for (NodeProto node : graph.getNodeList()) {
            switch (node.getOpType()) {
                case "Conv", "BatchNormalization", "PRelu", "Gemm" -> weighted.add(node);
                case "MatMul" -> {
                    if (node.getInputCount() == 2 && initializers.containsKey(node.getInput(1))) {
                        weighted.add(node);
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * The arrays of {@code target}'s backbone (parameters and running statistics by name) from {@code model}.
     *
     * @throws IllegalArgumentException naming the first tensor (or layer) that does not fit
     */
    public static Map<String, INDArray> backbone(ModelProto model, BackboneSpec target) {
        return new OnnxImport(model.getGraph(), target).map();
    }

    private Map<String, INDArray> map() {
        BackboneGraph graph = BackboneGraph.build(SameDiff.create(), target, GraphMode.INFERENCE, DataType.FLOAT,
                Map.of(), Nd4j.getRandomFactory().getNewRandomInstance(0));
        Map<String, INDArray> shapes = new HashMap<>(graph.parameters());
        shapes.putAll(graph.buffers());
        NodeProto folded = null;
        for (Layer layer : graph.layers()) {
            if (layer instanceof Layer.Convolution conv) {
                NodeProto node = take("Conv", conv.name());
                INDArray weight = TorchLayout.convolutionFromTorch(tensor(node, 1, conv.name() + ".weight"),
                        conv.depthwise());
                put(conv.name() + ".weight", weight, node.getInput(1), shapes);
                long group = attribute(node, "group", 1);
                if (group != (conv.depthwise() ? conv.inChannels() : 1) || conv.stride() != attributes(node, "strides")
                        || conv.kernel() != weight.size(0)) {
                    throw new IllegalArgumentException("ONNX node " + node.getName() + " (" + node.getInput(1)
                            + ") has group " + group + ", stride " + attributes(node, "strides") + ", kernel "
                            + weight.size(0) + "; " + conv.name() + " needs " + (conv.depthwise() ? conv.inChannels() : 1)
                            + ", " + conv.stride() + ", " + conv.kernel());
                }
                folded = node.getInputCount() > 2 ? node : null;
                if (folded != null && next < weighted.size()
                        && weighted.get(next).getOpType().equals("BatchNormalization")
                        && weighted.get(next).getInput(0).equals(node.getOutput(0))) {
                    throw new IllegalArgumentException("ONNX convolution " + node.getName() + " has a bias ("
                            + node.getInput(2) + "); " + conv.name() + " has none");
                }
            } else if (layer instanceof Layer.BatchNorm norm) {
                if (folded != null) {
                    restoreFolded(norm, folded, shapes);
                    folded = null;
                } else {
                    NodeProto node = take("BatchNormalization", norm.name());
                    INDArray scale = tensor(node, 1, norm.name() + ".weight");
                    if (norm.learnScale()) {
                        put(norm.name() + ".weight", scale, node.getInput(1), shapes);
                    } else if (!scale.equals(Nd4j.ones(DataType.FLOAT, scale.shape()))) {
                        throw new IllegalArgumentException("ONNX tensor " + node.getInput(1) + " is not all ones; "
                                + norm.name() + " has its scale fixed at 1");
                    }
                    put(norm.name() + ".bias", tensor(node, 2, norm.name() + ".bias"), node.getInput(2), shapes);
                    put(norm.name() + ".running_mean", tensor(node, 3, norm.name() + ".running_mean"),
                            node.getInput(3), shapes);
                    put(norm.name() + ".running_var", tensor(node, 4, norm.name() + ".running_var"),
                            node.getInput(4), shapes);
                }
            } else if (layer instanceof Layer.PRelu prelu) {
                NodeProto node = take("PRelu", prelu.name());
                put(prelu.name() + ".weight", TorchLayout.slopesFromTorch(tensor(node, 1, prelu.name() + ".weight")),
                        node.getInput(1), shapes);
            } else if (layer instanceof Layer.Flatten flatten) {
                lastFlatten = new int[] {flatten.channels(), flatten.height(), flatten.width()};
            } else if (layer instanceof Layer.Linear linear) {
                linear(linear, shapes);
            }
            requireNoFoldedBias(folded, layer);
        }
        if (next < weighted.size()) {
            NodeProto extra = weighted.get(next);
            throw new IllegalArgumentException("the ONNX graph has more weighted layers than " + target.name()
                    + ": the first left over is " + extra.getOpType() + " " + extra.getName() + " ("
                    + String.join(", ", extra.getInputList()) + ")");
        }
        return result;
    }

    private void requireNoFoldedBias(NodeProto folded, Layer layer) {
        if (folded != null && !(layer instanceof Layer.Convolution)) {
            throw new IllegalArgumentException("ONNX convolution " + folded.getName() + " has a bias ("
                    + folded.getInput(2) + ") but no batch norm follows it in " + target.name());
        }
    }

    private void linear(Layer.Linear linear, Map<String, INDArray> shapes) {
        if (next >= weighted.size()) {
            throw missing("Gemm", linear.name());
        }
        NodeProto node = weighted.get(next++);
        INDArray torchWeight;
        if (node.getOpType().equals("Gemm")) {
            INDArray weight = tensor(node, 1, linear.name() + ".weight");
            torchWeight = attribute(node, "transB", 0) == 1 ? weight : weight.transpose().dup('c');
        } else if (node.getOpType().equals("MatMul")) {
            torchWeight = tensor(node, 1, linear.name() + ".weight").transpose().dup('c');
        } else {
            throw new IllegalArgumentException("ONNX node " + node.getName() + " is " + node.getOpType() + " where "
                    + target.name() + " has the fully connected layer " + linear.name());
        }
        put(linear.name() + ".weight", TorchLayout.linearFromTorch(torchWeight, target.layout(), lastFlatten),
                node.getInput(1), shapes);
        boolean hasBias = node.getOpType().equals("Gemm") && node.getInputCount() > 2;
        if (linear.bias() != hasBias) {
            throw new IllegalArgumentException("ONNX node " + node.getName() + (hasBias ? " has" : " has no")
                    + " bias; " + linear.name() + (linear.bias() ? " has one" : " has none"));
        }
        if (hasBias) {
            put(linear.name() + ".bias", tensor(node, 2, linear.name() + ".bias").reshape(linear.outFeatures()),
                    node.getInput(2), shapes);
        }
    }

    private void restoreFolded(Layer.BatchNorm norm, NodeProto conv, Map<String, INDArray> shapes) {
        INDArray bias = tensor(conv, 2, norm.name() + ".bias");
        put(norm.name() + ".weight", Nd4j.ones(DataType.FLOAT, norm.channels()), conv.getInput(2), shapes);
        put(norm.name() + ".bias", bias, conv.getInput(2), shapes);
        put(norm.name() + ".running_mean", Nd4j.zeros(DataType.FLOAT, norm.channels()), conv.getInput(2), shapes);
        put(norm.name() + ".running_var",
                Nd4j.ones(DataType.FLOAT, norm.channels()).muli(1 - NetworkBuilder.BATCH_NORM_EPSILON),
                conv.getInput(2), shapes);
    }

    private NodeProto take(String operator, String layer) {
        if (next >= weighted.size()) {
            throw missing(operator, layer);
        }
        NodeProto node = weighted.get(next);
        if (!node.getOpType().equals(operator)) {
            throw new IllegalArgumentException("ONNX node " + node.getName() + " (" + String.join(", ",
                    node.getInputList()) + ") is " + node.getOpType() + " where " + target.name() + " has the "
                    + operator + " layer " + layer);
        }
        next++;
        return node;
    }

    private IllegalArgumentException missing(String operator, String layer) {
        return new IllegalArgumentException("the ONNX graph ends before " + target.name() + "'s " + operator
                + " layer " + layer + ": it has " + weighted.size() + " weighted layers");
    }

    private void put(String name, INDArray value, String tensorName, Map<String, INDArray> shapes) {
        INDArray expected = shapes.get(name);
        if (expected == null) {
            throw new IllegalStateException(target.name() + " has no array " + name);
        }
        if (!Arrays.equals(expected.shape(), value.shape())) {
            throw new IllegalArgumentException("ONNX tensor " + tensorName + " has shape "
                    + Arrays.toString(value.shape()) + " (as " + name + "); " + target.name() + " needs "
                    + Arrays.toString(expected.shape()));
        }
        result.put(name, value);
    }

    private INDArray tensor(NodeProto node, int input, String forName) {
        if (node.getInputCount() <= input) {
            throw new IllegalArgumentException("ONNX node " + node.getName() + " lacks input " + input + " for "
                    + forName);
        }
        TensorProto tensor = initializers.get(node.getInput(input));
        if (tensor == null) {
            throw new IllegalArgumentException("ONNX tensor " + node.getInput(input) + " (for " + forName
                    + ") is not a constant initializer");
        }
        return values(tensor);
    }

    /** A float32 initializer as an array (raw little-endian data or the float_data field). */
    static INDArray values(TensorProto tensor) {
        if (tensor.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("ONNX tensor " + tensor.getName() + " is of type "
                    + TensorProto.DataType.forNumber(tensor.getDataType()) + ", not float32");
        }
        long[] shape = tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] values = new float[Math.toIntExact(length)];
        if (!tensor.getRawData().isEmpty()) {
            if (tensor.getRawData().size() != values.length * Float.BYTES) {
                throw new IllegalArgumentException("ONNX tensor " + tensor.getName() + " holds "
                        + tensor.getRawData().size() + " bytes, its shape " + Arrays.toString(shape) + " needs "
                        + values.length * Float.BYTES);
            }
            ByteBuffer.wrap(tensor.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                    .get(values);
        } else if (tensor.getFloatDataCount() == values.length) {
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.getFloatData(i);
            }
        } else {
            throw new IllegalArgumentException("ONNX tensor " + tensor.getName() + " has no data for shape "
                    + Arrays.toString(shape) + " (external data is not read)");
        }
        return Nd4j.create(values, shape.length == 0 ? new long[0] : shape, 'c');
    }

    private static long attribute(NodeProto node, String name, long fallback) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getI();
            }
        }
        return fallback;
    }

    /** The first value of an ints attribute (strides), 1 when absent. */
    private static long attributes(NodeProto node, String name) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name) && attribute.getIntsCount() > 0) {
                return attribute.getInts(0);
            }
        }
        return 1;
    }
}
