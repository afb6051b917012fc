package mhlr.ingest.source;

import mhlr.ingest.record.Outcome;
import org.apache.spark.api.java.JavaRDD;

/**
 * What a source hands to the pipeline.
 *
 * @param records one outcome per input record: a face with its input bytes, or a record already skipped while
 *     reading
 * @param expected how many records there are (for progress and ETA), 0 when unknown
 */
public record SourceRecords(JavaRDD<Outcome> records, long expected) {
}
