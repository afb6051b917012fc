package mhlr.ingest.prepared;

import java.io.Serializable;

/**
 * Where pass 1 put one prepared record: in the spill file of a task attempt, at an offset, so many bytes.
 *
 * @param partition the Spark partition whose task wrote the file
 * @param attempt the task attempt's id (a retried or recomputed partition writes a new file; the summaries that
 *     point into it come from the same attempt)
 * @param offset the record's first byte in the file
 * @param length the record's size ({@link mhlr.ingest.record.RecordCodec} bytes of the prepared face)
 */
public record SpillLocation(int partition, long attempt, long offset, int length) implements Serializable {
    /** The size of a location in a summary's bytes. */
    public static final int BYTES = Integer.BYTES + Long.BYTES + Long.BYTES + Integer.BYTES;

    /** The name of the spill file inside the spill folder. */
    public String fileName() {
        return fileName(partition, attempt);
    }

    /** The name of the spill file of {@code partition} written by {@code attempt} (read for every face: no format). */
    public static String fileName(int partition, long attempt) {
        String number = Integer.toString(partition);
        return "part-" + "0".repeat(Math.max(0, 5 - number.length())) + number + "-" + attempt + ".records";
    }
}
