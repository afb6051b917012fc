package mhlr.train.onnx;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import mhlr.train.model.NetworkBuilder;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Rewrites an exported graph the way PyTorch's ONNX export in eval mode does: every batch norm that directly follows
 * a convolution is folded into it (weight times scale / sqrt(var + eps) per output channel, bias shift - mean *
 * that factor), and the folded tensors get PyTorch's anonymous names ({@code onnx::Conv_N}).
 */
final class TorchStyleGraph {

    private TorchStyleGraph() {
    }

    static ModelProto foldBatchNorms(ModelProto model) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(tensor -> initializers.put(tensor.getName(), tensor));
        Map<String, NodeProto> convolutionByOutput = new HashMap<>();
        Map<String, String> renamedOutputs = new HashMap<>();
        GraphProto.Builder folded = graph.toBuilder().clearNode().clearInitializer();
        Map<String, NodeProto.Builder> kept = new LinkedHashMap<>();
        int anonymous = 0;
        for (NodeProto node : graph.getNodeList()) {
            NodeProto.Builder copy = node.toBuilder();
            for (int i = 0; i < copy.getInputCount(); i++) {
                copy.setInput(i, renamedOutputs.getOrDefault(copy.getInput(i), copy.getInput(i)));
            }
            if (node.getOpType().equals("BatchNormalization") && convolutionByOutput.containsKey(copy.getInput(0))) {
                NodeProto.Builder conv = kept.get(copy.getInput(0));
                INDArray scale = OnnxImport.values(initializers.get(node.getInput(1)));
                INDArray shift = OnnxImport.values(initializers.get(node.getInput(2)));
                INDArray mean = OnnxImport.values(initializers.get(node.getInput(3)));
                INDArray variance = OnnxImport.values(initializers.get(node.getInput(4)));
                INDArray factor = scale.div(Transforms.sqrt(variance.add(NetworkBuilder.BATCH_NORM_EPSILON)));
                INDArray weight = OnnxImport.values(initializers.get(conv.getInput(1)));
                INDArray foldedWeight = weight.reshape(weight.size(0), -1).mulColumnVector(factor.reshape(-1, 1))
                        .reshape(weight.shape());
                INDArray bias = shift.sub(mean.mul(factor));
                String weightName = "onnx::Conv_" + anonymous++;
                String biasName = "onnx::Conv_" + anonymous++;
                initializers.put(weightName, OnnxExport.tensor(weightName, foldedWeight));
                initializers.put(biasName, OnnxExport.tensor(biasName, bias));
                initializers.remove(conv.getInput(1));
                conv.setInput(1, weightName).addInput(biasName);
                renamedOutputs.put(node.getOutput(0), conv.getOutput(0));
                if (node.getOutput(0).equals(OnnxExport.OUTPUT)) {
                    throw new IllegalStateException("the graph ends in a folded batch norm");
                }
                for (int i = 1; i <= 4; i++) {
                    initializers.remove(node.getInput(i));
                }
                continue;
            }
            if (node.getOpType().equals("Conv")) {
                convolutionByOutput.put(node.getOutput(0), node);
            }
            kept.put(node.getOutput(0), copy);
        }
        kept.values().forEach(folded::addNode);
        initializers.values().forEach(folded::addInitializer);
        return model.toBuilder().setGraph(folded).build();
    }
}
