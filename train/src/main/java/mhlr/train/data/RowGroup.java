package mhlr.train.data;

/**
 * One Parquet row group of a training shard: the unit the reader fetches.
 *
 * @param shard index of the shard in manifest order
 * @param file the shard's file name (for messages)
 * @param index the row group's index inside its file
 * @param firstRow the row of the file the group starts at
 * @param rows how many rows it holds
 */
public record RowGroup(int shard, String file, int index, long firstRow, int rows) {

    /** {@code "shard-00003.parquet row 17"}: where a row of this group comes from, for messages. */
    public String describeRow(int row) {
        return file + " row " + (firstRow + row);
    }
}
