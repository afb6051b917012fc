/**
 * Where image features come from: a face model run over the evaluation shards in Spark
 * ({@link mhlr.evaluate.embed.ShardEmbedder}; a {@code model.mhlr} on ND4J or an ONNX model on ONNX Runtime, fed as
 * {@link mhlr.evaluate.embed.OnnxInput} says), or a {@code .npy} computed anywhere
 * ({@link mhlr.evaluate.embed.NpyFile}).
 * Either way the result is a {@link mhlr.evaluate.embed.FeatureMatrix}: one row per image in protocol order,
 * the image's embedding and optionally its horizontal flip's beside it.
 */
package mhlr.evaluate.embed;
