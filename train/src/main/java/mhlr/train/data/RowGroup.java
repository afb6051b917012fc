package mhlr.train.data;

/**
 * A group of rows of a training set that the reader fetches at once: a Parquet row group of a shard, or a block of
 * records of a RecordIO file ({@link RecordIoTrainingSet}).
 *
 * @param shard index of the shard (file) in the set
 * @param file the file's name (for messages)
 * @param index the group's index inside its file
 * @param firstRow the row of the file (for RecordIO: the place in the set's block order) the group starts at
 * @param rows how many rows it holds
 */
public record RowGroup(int shard, String file, int index, long firstRow, int rows) {

    /** {@code "shard-00003.parquet row 17"}: where a row of this group comes from, for messages. */
    public String describeRow(int row) {
        return file + " row " + (firstRow + row);
    }
}
