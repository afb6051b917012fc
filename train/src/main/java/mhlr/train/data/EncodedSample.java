package mhlr.train.data;

/**
 * One training image as stored: its label and encoded bytes, and where it was read from.
 *
 * @param readPosition the row's place in the epoch's read order (0 .. images - 1)
 * @param label the dense class label
 * @param image the encoded bytes (JPEG as ingest writes them); {@code null} while the shuffle is only being replayed
 * @param group the row group it came from
 * @param row its row inside the group
 */
record EncodedSample(long readPosition, int label, byte[] image, RowGroup group, int row) {

    /** A stand-in carrying only the read position, used when a resume replays the shuffle without reading. */
    static EncodedSample placeholder(long readPosition) {
        return new EncodedSample(readPosition, -1, null, null, -1);
    }

    boolean isPlaceholder() {
        return image == null;
    }

    /** {@code "/data/shard-00003.parquet row 17"}. */
    String source() {
        return group.describeRow(row);
    }
}
