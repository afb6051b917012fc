package mhlr.ingest.recordio;

import java.io.Serializable;
import java.util.Comparator;

/**
 * The place of a face in {@code train.rec}: by label, then by source name inside a class, so the records of a
 * class are contiguous and their order depends on nothing but the input.
 *
 * @param label the face's dense label
 * @param source its source name
 */
public record RecordIoOrder(int label, String source) implements Serializable, Comparable<RecordIoOrder> {
    private static final Comparator<RecordIoOrder> ORDER = Comparator.comparingInt(RecordIoOrder::label)
            .thenComparing(RecordIoOrder::source);

    @Override
    public int compareTo(RecordIoOrder other) {
        return ORDER.compare(this, other);
    }
}
