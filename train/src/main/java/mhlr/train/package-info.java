/**
 * The trainer: {@link mhlr.train.TrainMain} ({@code bin/train}) and the run {@link mhlr.train.Trainer}, which reads
 * its settings ({@code settings}) and drives the network ({@code model}, {@code loss}, {@code optim}), the
 * learning-rate schedule ({@code schedule}), the shard pipeline ({@code data}), the loop and its listeners
 * ({@code loop}), checkpoints ({@code checkpoint}), logs and charts ({@code report}) and verification during training
 * ({@code verification}). {@code replay} is {@code bin/mhlr-replay}; {@code onnx} is {@code bin/export} and the
 * pretrained backbones.
 */
package mhlr.train;
