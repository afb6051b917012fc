/**
 * The networks, built as ND4J SameDiff graphs: the insightface arcface_torch backbones ({@link mhlr.train.model.IResNet}
 * 18/34/50/100/200 and {@link mhlr.train.model.MobileFaceNet}, chosen by name in {@link mhlr.train.model.Backbones}),
 * the training facade the trainer loop drives ({@link mhlr.train.model.TrainingModel}: one SGD step per batch, margin
 * head and optimiser state included) and the exported backbone that {@code evaluate} loads on Spark executors
 * ({@link mhlr.train.model.InferenceModel}, from a file or from broadcast bytes; it needs only this package).
 *
 * <p>A training graph carries its own backward pass ({@link mhlr.train.model.GradientTape}), because SameDiff's
 * automatic differentiation cannot differentiate batch norm in ND4J 1.0.0-M2.1. Batch norm normalises with the batch
 * statistics and keeps the running mean and variance here, updated after every step like PyTorch (momentum 0.1,
 * unbiased variance) and used by inference graphs. Graph executions reuse their arrays
 * ({@link mhlr.train.model.StepMemory}), since fresh memory is what a step mostly paid for on the measured machine.
 *
 * <p>While it builds a graph, {@link mhlr.train.model.NetworkBuilder} also records each layer as a
 * {@link mhlr.train.model.Layer}: the structure the ONNX exporter and importer ({@code mhlr.train.onnx}) work from.
 */
package mhlr.train.model;
