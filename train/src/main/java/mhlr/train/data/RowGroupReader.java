package mhlr.train.data;

import java.util.List;

/**
 * Fetches whole row groups of a {@link TrainingData}. Not thread-safe: one reader per stream of groups.
 */
public interface RowGroupReader extends AutoCloseable {

    /**
     * The rows of a group in stored order.
     *
     * @param firstReadPosition the read position of the group's first row in the epoch
     * @throws mhlr.core.cli.UsageException naming the file and row when the data cannot be read or a label is out
     *     of range
     */
    List<EncodedSample> read(RowGroup group, long firstReadPosition);

    @Override
    void close();
}
