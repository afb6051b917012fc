/**
 * The training data path: Parquet shards (read with parquet-hadoop, no Spark) or an insightface RecordIO folder to
 * batches of pixels.
 *
 * <p>{@link mhlr.train.data.TrainingData} is the seam between storage and pipeline: a set of shards cut into row
 * groups, with a reader that fetches a whole group. {@link mhlr.train.data.TrainingShards} checks the manifest and
 * every shard's footer before the first step; {@link mhlr.train.data.RecordIoTrainingSet} checks that a
 * {@code train.rec}'s index and size agree and reads it as one shard of record blocks;
 * {@link mhlr.train.data.EpochOrder} fixes, from the seed and the epoch alone, the order in which row groups are read
 * (shard order shuffled, row groups shuffled inside each shard); {@link mhlr.train.data.EpochSamples} streams the
 * rows through a {@link mhlr.train.data.ShuffleBuffer} so that every image comes out exactly once per epoch;
 * {@link mhlr.train.data.BatchPipeline} decodes the JPEGs on a thread pool (random horizontal flip, resize when
 * {@code train.image-size} is not 112, pixels to [-1, 1], CHW) and keeps {@code prefetch-batches} batches ready.
 *
 * <p>Determinism and resuming: every random choice comes from the seed, the epoch and a position, never from
 * thread timing (the flip of the sample at output position {@code i} of epoch {@code e} is drawn from
 * {@code (seed, e, i)}). The position of the data is {@link mhlr.train.data.DataPosition} (epoch, batch within the
 * epoch); a pipeline opened at a position yields exactly the batches an uninterrupted pipeline yields from there.
 * Resuming mid-epoch replays the shuffle buffer's decisions on row indices only (no I/O) and then reads back just
 * the rows still waiting in the buffer.
 *
 * <p>Epochs hold {@code floor(images / batch-size)} batches: the last partial batch of each epoch is dropped, as
 * arcface_torch's {@code DataLoader(drop_last=True)} does; which images fall into it changes with the epoch's
 * shuffle, so none is left out for good.
 */
package mhlr.train.data;
