package mhlr.train.data;

import java.util.List;
import mhlr.core.dataset.ShardSet;

/**
 * A training set as the data path reads it: images with dense labels, stored in files ("shards"), each cut into
 * groups of rows that a {@link RowGroupReader} fetches at once. {@link EpochOrder} shuffles the shards and the groups
 * inside each, {@link EpochSamples} streams the rows through the shuffle buffer, and {@link BatchPipeline} decodes
 * them; none of them knows how the rows are stored.
 *
 * <p>Two kinds: the Parquet shards ingest writes ({@link TrainingShards}: a shard per file, its Parquet row groups),
 * and a folder holding insightface's {@code train.rec} + {@code train.idx} ({@link RecordIoTrainingSet}: one shard,
 * blocks of records).
 */
public sealed interface TrainingData permits TrainingShards, RecordIoTrainingSet {

    /**
     * Opens and checks the training set in {@code directory}: a RecordIO folder when it holds {@code train.rec} or
     * {@code train.idx} and no Parquet shards (see {@link RecordIoFolder#holdsRecordIo}), ingest's Parquet shards
     * otherwise.
     *
     * @throws mhlr.core.cli.UsageException when the set is missing, incomplete, altered or unreadable, naming the
     *     file
     */
    static TrainingData open(String directory, ShardSet.Check check) {
        if (RecordIoFolder.holdsRecordIo(directory)) {
            return RecordIoTrainingSet.open(directory, check);
        }
        return TrainingShards.open(directory, check);
    }

    /** Images in the set. */
    long images();

    /** Classes in the set; labels run from 0 to {@code classes - 1}. */
    int classes();

    /** Files the set is stored in. */
    int shardCount();

    /** The row groups of one shard, in file order. */
    List<RowGroup> rowGroups(int shard);

    /** A reader for one stream of row groups (not thread-safe); the caller closes it. */
    RowGroupReader openReader();
}
