package mhlr.train.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Locale;
import mhlr.core.cli.UsageException;
import mhlr.core.shard.ShardSet;

/**
 * How the data path turns shards into batches.
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

    public DataOptions {
        positive("train.batch-size", batchSize);
        positive("train.image-size", imageSize);
        positive("train.data.decode-threads", decodeThreads);
        positive("train.data.shuffle-buffer", shuffleBuffer);
        positive("train.data.prefetch-batches", prefetchBatches);
    }

    /** The options in {@code seed} and {@code train { batch-size, image-size, data { ... } }}. */
    public static DataOptions fromConfig(Config config) {
        try {
            Config data = config.getConfig("train.data");
            String verify = data.getString("verify").toUpperCase(Locale.ROOT);
            ShardSet.Check check;
            try {
                check = ShardSet.Check.valueOf(verify);
            } catch (IllegalArgumentException e) {
                throw new UsageException("train.data.verify: '" + data.getString("verify") + "' is not size or full");
            }
            return new DataOptions(config.getLong("seed"), config.getInt("train.batch-size"),
                    config.getInt("train.image-size"), data.getBoolean("flip"), data.getInt("decode-threads"),
                    data.getInt("shuffle-buffer"), data.getInt("prefetch-batches"), check);
        } catch (ConfigException e) {
            throw new UsageException("config: " + e.getMessage(), e);
        }
    }

    /** Floats in one image of the batch: 3 planes of {@code imageSize^2}. */
    public int imageValues() {
        return 3 * imageSize * imageSize;
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new UsageException(key + " must be at least 1, got " + value);
        }
    }
}
