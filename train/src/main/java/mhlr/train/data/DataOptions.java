package mhlr.train.data;

import mhlr.core.dataset.ShardSet;

/**
 * How the data path turns shards into batches; built and checked from the config by
 * {@code mhlr.train.settings.TrainingSettings#dataOptions()}.
 *
 * @param seed the run's seed (shuffles and flips derive from it)
 * @param batchSize images per batch
 * @param imageSize side of the network input; stored faces (112) are resized when it differs
 * @param flip whether to mirror images left-right at random (probability 1/2)
 * @param decodeThreads threads decoding JPEGs
 * @param shuffleBuffer images held by the shuffle buffer
 * @param prefetchBatches batches prepared ahead of the consumer
 * @param check how the manifest's files are verified before reading
 */
public record DataOptions(long seed, int batchSize, int imageSize, boolean flip, int decodeThreads, int shuffleBuffer,
                          int prefetchBatches, ShardSet.Check check) {

    /** Floats in one image of the batch: 3 planes of {@code imageSize^2}. */
    public int imageValues() {
        return 3 * imageSize * imageSize;
    }
}
