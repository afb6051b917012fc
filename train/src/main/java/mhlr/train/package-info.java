/**
 * The trainer: {@link mhlr.train.TrainMain} ({@code bin/train}) and the loop {@link mhlr.train.Trainer}, which
 * drives the network ({@code model}, {@code loss}, {@code optim}), the learning-rate schedule ({@code schedule}),
 * the shard pipeline ({@code data}), checkpoints ({@code checkpoint}), logs and charts ({@code report}) and
 * verification during training ({@code verification}).
 */
package mhlr.train;
