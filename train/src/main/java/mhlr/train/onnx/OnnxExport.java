package mhlr.train.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.InferenceModel;
import mhlr.train.model.Layer;
import mhlr.train.model.NetworkBuilder;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.ByteString;

/**
 * A trained backbone as an ONNX model: input {@link #INPUT} [N, 3, H, W] float32 (RGB, (pixel - 127.5) / 127.5),
 * output {@link #OUTPUT} [N, D], the embedding before normalisation, computed as {@link InferenceModel#embed} computes
 * it (batch norm with the running statistics, no dropout). The graph is channel-first whatever layout the model
 * trains in and its weights are in PyTorch's layout under PyTorch's names ({@code layer1.0.conv1.weight}), so it
 * reads like arcface_torch's export without the batch norms folded into the convolutions. Opset
 * {@value #OPSET}, batch dimension {@code N} dynamic; the preprocessing and architecture are in
 * {@code metadata_props} ({@link OnnxMetadata}).
 */
public final class OnnxExport {

    /** The ONNX operator set the graph uses. */
    public static final int OPSET = 13;
    /** The IR version of opset 13 (ONNX 1.8). */
    public static final long IR_VERSION = 7;
    /** Name of the graph input. */
    public static final String INPUT = "data";
    /** Name of the graph output. */
    public static final String OUTPUT = "embedding";
    /** Name of the dynamic batch dimension. */
    public static final String BATCH = "N";

    private final BackboneSpec spec;
    private final Map<String, INDArray> arrays;
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("mhlr-face");
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, int[]> flattened = new HashMap<>();
    private int unnamed;

    private OnnxExport(InferenceModel model) {
        this.spec = model.spec();
        this.arrays = model.arrays();
    }

    /** The ONNX model of {@code model}. */
    public static ModelProto export(InferenceModel model) {
        return new OnnxExport(model).build(model.layers());
    }

    private ModelProto build(List<Layer> layers) {
        for (Layer layer : layers) {
            add(layer);
        }
        graph.getNodeBuilder(graph.getNodeCount() - 1).setOutput(0, OUTPUT);
        graph.addInput(value(INPUT, dimension(BATCH), dimension(3), dimension(spec.inputSize()),
                dimension(spec.inputSize())));
        graph.addOutput(value(OUTPUT, dimension(BATCH), dimension(spec.embeddingSize())));
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("mhlr-face")
                .setProducerVersion("1")
                .setDocString("Face embedding " + spec + ": input " + INPUT + " [N, 3, " + spec.inputSize() + ", "
                        + spec.inputSize() + "] RGB (pixel - 127.5) / 127.5, output " + OUTPUT + " [N, "
                        + spec.embeddingSize() + "] before L2 normalisation")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph);
        metadata(model, OnnxMetadata.INPUT_MEAN, "127.5");
        metadata(model, OnnxMetadata.INPUT_STD, "127.5");
        metadata(model, OnnxMetadata.COLOR_ORDER, "RGB");
        metadata(model, OnnxMetadata.INPUT_LAYOUT, "NCHW");
        metadata(model, OnnxMetadata.EMBEDDING, "raw");
        metadata(model, OnnxMetadata.BACKBONE_SPEC, spec.toProperties());
        return model.build();
    }

    private void add(Layer layer) {
        if (layer instanceof Layer.Images images) {
            names.put(images.output(), INPUT);
        } else if (layer instanceof Layer.Convolution conv) {
            String weight = initializer(conv.name() + ".weight",
                    TorchLayout.convolutionToTorch(array(conv.name() + ".weight"), conv.depthwise()));
            graph.addNode(node("Conv", conv.name(), conv.output(), name(conv.input()), weight)
                    .addAttribute(ints("kernel_shape", conv.kernel(), conv.kernel()))
                    .addAttribute(ints("strides", conv.stride(), conv.stride()))
                    .addAttribute(ints("pads", conv.padding(), conv.padding(), conv.padding(), conv.padding()))
                    .addAttribute(ints("dilations", 1, 1))
                    .addAttribute(integer("group", conv.depthwise() ? conv.inChannels() : 1)));
        } else if (layer instanceof Layer.BatchNorm norm) {
            INDArray scale = norm.learnScale() ? array(norm.name() + ".weight")
                    : Nd4j.ones(DataType.FLOAT, norm.channels());
            graph.addNode(node("BatchNormalization", norm.name(), norm.output(), name(norm.input()),
                    initializer(norm.name() + ".weight", scale),
                    initializer(norm.name() + ".bias", array(norm.name() + ".bias")),
                    initializer(norm.name() + ".running_mean", array(norm.name() + ".running_mean")),
                    initializer(norm.name() + ".running_var", array(norm.name() + ".running_var")))
                    .addAttribute(AttributeProto.newBuilder().setName("epsilon")
                            .setType(AttributeProto.AttributeType.FLOAT)
                            .setF((float) NetworkBuilder.BATCH_NORM_EPSILON)));
        } else if (layer instanceof Layer.PRelu prelu) {
            graph.addNode(node("PRelu", prelu.name(), prelu.output(), name(prelu.input()),
                    initializer(prelu.name() + ".weight", TorchLayout.slopesToTorch(array(prelu.name() + ".weight")))));
        } else if (layer instanceof Layer.Add sum) {
            graph.addNode(node("Add", "add_" + unnamed++, sum.output(), name(sum.first()), name(sum.second())));
        } else if (layer instanceof Layer.Flatten flatten) {
            flattened.put(flatten.output(), new int[] {flatten.channels(), flatten.height(), flatten.width()});
            graph.addNode(node("Flatten", "flatten_" + unnamed++, flatten.output(), name(flatten.input()))
                    .addAttribute(integer("axis", 1)));
        } else if (layer instanceof Layer.Linear linear) {
            String weight = initializer(linear.name() + ".weight", TorchLayout.linearToTorch(
                    array(linear.name() + ".weight"), spec.layout(), flattened.get(linear.input())));
            NodeProto.Builder node = node("Gemm", linear.name(), linear.output(), name(linear.input()), weight);
            if (linear.bias()) {
                node.addInput(initializer(linear.name() + ".bias", array(linear.name() + ".bias")));
            }
            graph.addNode(node.addAttribute(integer("transB", 1)));
        } else {
            throw new IllegalStateException("no ONNX form for layer " + layer);
        }
    }

    private NodeProto.Builder node(String operator, String nodeName, String output, String... inputs) {
        names.put(output, nodeName);
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(operator).setName(nodeName).addOutput(nodeName);
        for (String input : inputs) {
            node.addInput(input);
        }
        return node;
    }

    private String name(String variable) {
        String name = names.get(variable);
        if (name == null) {
            throw new IllegalStateException("layer input " + variable + " comes from no exported layer");
        }
        return name;
    }

    private INDArray array(String name) {
        INDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalStateException("the model has no array " + name);
        }
        return array;
    }

    private String initializer(String name, INDArray array) {
        graph.addInitializer(tensor(name, array));
        return name;
    }

    /** A float32 tensor with its values as little-endian raw data. */
    static TensorProto tensor(String name, INDArray array) {
        float[] values = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(bytes.array()));
        for (long dimension : array.shape()) {
            tensor.addDims(dimension);
        }
        return tensor.build();
    }

    private static ValueInfoProto value(String name, TensorShapeProto.Dimension... dimensions) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (TensorShapeProto.Dimension dimension : dimensions) {
            shape.addDim(dimension);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }

    private static TensorShapeProto.Dimension dimension(String parameter) {
        return TensorShapeProto.Dimension.newBuilder().setDimParam(parameter).build();
    }

    private static TensorShapeProto.Dimension dimension(long value) {
        return TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static void metadata(ModelProto.Builder model, String key, String value) {
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
    }
}
