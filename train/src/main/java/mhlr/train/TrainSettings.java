package mhlr.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import mhlr.core.cli.UsageException;

/**
 * The loop's own settings from {@code train { }}.
 *
 * @param epochs passes over the training set
 * @param batchSize images per optimizer step
 * @param logEverySteps a metrics line and a progress update every this many steps
 * @param checkpointEverySteps a checkpoint every this many steps (0: only at epoch ends)
 * @param checkpointKeep how many checkpoints to keep
 * @param verificationEverySteps verification every this many steps (0: never)
 * @param verificationSets evaluation shard directories to verify on
 * @param verificationBatchSize images per embedding call during verification
 * @param decodeThreads threads decoding images (training and verification)
 */
public record TrainSettings(int epochs, int batchSize, int logEverySteps, long checkpointEverySteps,
                            int checkpointKeep, long verificationEverySteps, List<String> verificationSets,
                            int verificationBatchSize, int decodeThreads) {

    public TrainSettings {
        atLeast("train.epochs", epochs, 1);
        atLeast("train.batch-size", batchSize, 2);
        atLeast("train.log-every-steps", logEverySteps, 1);
        atLeast("train.checkpoint.every-steps", checkpointEverySteps, 0);
        atLeast("train.checkpoint.keep", checkpointKeep, 1);
        atLeast("train.verification.every-steps", verificationEverySteps, 0);
        atLeast("train.verification.batch-size", verificationBatchSize, 1);
        verificationSets = List.copyOf(verificationSets);
    }

    public static TrainSettings fromConfig(Config config) {
        try {
            Config train = config.getConfig("train");
            return new TrainSettings(train.getInt("epochs"), train.getInt("batch-size"),
                    train.getInt("log-every-steps"), train.getLong("checkpoint.every-steps"),
                    train.getInt("checkpoint.keep"), train.getLong("verification.every-steps"),
                    train.getStringList("verification.sets"), train.getInt("verification.batch-size"),
                    train.getInt("data.decode-threads"));
        } catch (ConfigException e) {
            throw new UsageException("config: " + e.getMessage(), e);
        }
    }

    private static void atLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new UsageException(key + " must be at least " + minimum + ", got " + value);
        }
    }
}
