package mhlr.ingest.recordio;

import java.io.Serializable;

/**
 * A part a Spark task wrote, as it travels back to the driver.
 *
 * @param index the part's number (its Spark partition)
 * @param records the records in it
 */
public record RecordIoPart(int index, long records) implements Serializable {
    /** The part's {@code .rec} file name inside the parts folder. */
    public String recordFile() {
        return String.format("part-%05d.rec", index);
    }

    /** The part's {@code .idx} file name inside the parts folder. */
    public String indexFile() {
        return String.format("part-%05d.idx", index);
    }
}
