/**
 * The networks, built as ND4J SameDiff graphs: the insightface arcface_torch backbones ({@link mhlr.train.model.IResNet}
 * 18/34/50/100/200 and {@link mhlr.train.model.MobileFaceNet}, chosen by name in {@link mhlr.train.model.Backbones}),
 * the training facade the trainer loop drives ({@link mhlr.train.model.TrainingModel}: one SGD step per batch, margin
 * head and optimiser state included) and the exported backbone that {@code evaluate} loads on Spark executors
 * ({@link mhlr.train.model.InferenceModel}, from a file or from broadcast bytes).
 *
 * <p>Batch norm is written from primitives (mean, variance, normalise, scale, shift) because SameDiff's own
 * {@code batchNorm} has no working gradient in ND4J 1.0.0-M2.1; the running mean and variance are kept here, updated
 * after every training step like PyTorch (momentum 0.1, unbiased variance) and used in inference graphs.
 * PReLU is written from primitives too: the {@code prelu_bp} op of M2.1 rejects per-channel slopes on large inputs.
 */
package mhlr.train.model;
