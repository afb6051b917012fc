package mhlr.train.data;

/**
 * One training image as stored: its label and encoded bytes, and where it was read from.
 *
 * @param readPosition the row's place in the epoch's read order (0 .. images - 1)
 * @param label the dense class label
 * @param image the encoded bytes (JPEG as ingest writes them); {@code null} while the shuffle is only being replayed
 * @param source where the row came from, for messages: {@code "shard-00003.parquet row 17"},
 *     {@code "/data/train.rec key 17"}
 */
public record EncodedSample(long readPosition, int label, byte[] image, String source) {

    /** A stand-in carrying only the read position, used when a resume replays the shuffle without reading. */
    static EncodedSample placeholder(long readPosition) {
        return new EncodedSample(readPosition, -1, null, null);
    }

    boolean isPlaceholder() {
        return image == null;
    }
}
