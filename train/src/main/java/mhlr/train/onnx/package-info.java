/**
 * ONNX in and out: {@link mhlr.train.onnx.OnnxExport} writes a trained backbone as an ONNX graph in PyTorch's
 * layout (what arcface_torch's {@code torch2onnx.py} writes and insightface's tools read), and
 * {@link mhlr.train.onnx.OnnxImport} maps the weights of such a graph back onto a backbone by structure, to start
 * training from a pretrained model. The protobuf messages are the classes generated from the official
 * {@code onnx.proto} that ND4J ships ({@code onnx.Onnx}).
 */
package mhlr.train.onnx;
