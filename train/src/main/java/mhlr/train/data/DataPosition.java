package mhlr.train.data;

/**
 * Where the training data stands: the next batch to be taken is batch {@code batch} (0-based) of epoch
 * {@code epoch} (0-based). Checkpoints save it; a pipeline opened at it continues exactly there.
 *
 * @param epoch 0-based epoch
 * @param batch 0-based batch within the epoch, below the epoch's batch count
 */
public record DataPosition(int epoch, long batch) {

    public DataPosition {
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("data position must not be negative: epoch " + epoch + ", batch "
                    + batch);
        }
    }

    /** The start of training. */
    public static DataPosition start() {
        return new DataPosition(0, 0);
    }

    /** The position after {@code steps} batches from the start, with {@code batchesPerEpoch} batches an epoch. */
    public static DataPosition afterSteps(long steps, long batchesPerEpoch) {
        return new DataPosition(Math.toIntExact(steps / batchesPerEpoch), steps % batchesPerEpoch);
    }

    /** The position after this one's batch. */
    public DataPosition next(long batchesPerEpoch) {
        return batch + 1 < batchesPerEpoch ? new DataPosition(epoch, batch + 1) : new DataPosition(epoch + 1, 0);
    }
}
