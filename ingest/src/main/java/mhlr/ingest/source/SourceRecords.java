package mhlr.ingest.source;

import mhlr.ingest.record.Outcome;
import org.apache.spark.api.java.JavaRDD;

/**
 * What a source hands to the pipeline.
 *
 * @param records one outcome per input record: a face with its input bytes, or a record already skipped while
 *     reading
 * @param expected how many records there are (for progress and ETA), 0 when unknown
 * @param estimated whether {@code expected} is an estimate (from a sample of the input) rather than a count
 */
public record SourceRecords(JavaRDD<Outcome> records, long expected, boolean estimated) {
    /** Records whose number is known. */
    public SourceRecords(JavaRDD<Outcome> records, long expected) {
        this(records, expected, false);
    }
}
