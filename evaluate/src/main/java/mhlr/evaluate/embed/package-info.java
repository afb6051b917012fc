/**
 * Where image features come from: a trained model run over the evaluation shards in Spark
 * ({@link mhlr.evaluate.embed.Embedder}), or a {@code .npy} computed anywhere ({@link mhlr.evaluate.embed.NpyFile}).
 * Either way the result is a {@link mhlr.evaluate.embed.FeatureMatrix}: one row per image in protocol order,
 * the image's embedding and optionally its horizontal flip's beside it.
 */
package mhlr.evaluate.embed;
