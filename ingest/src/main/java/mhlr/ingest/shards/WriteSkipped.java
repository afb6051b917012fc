package mhlr.ingest.shards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import mhlr.ingest.record.SkippedRecord;
import org.apache.hadoop.fs.Path;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The Spark task that writes the skipped table from its single, sorted partition (streamed, never collected on the
 * driver: a filter can skip millions of records); it returns the descriptions of {@code skipped.parquet} and
 * {@code skipped.csv}.
 */
public final class WriteSkipped implements FlatMapFunction<Iterator<SkippedRecord>, WrittenFile> {
    private static final long serialVersionUID = 1L;

    private final String directory;
    private final long rowGroupBytes;
    private final Broadcast<SerializableConfiguration> hadoop;

    public WriteSkipped(String directory, long rowGroupBytes, Broadcast<SerializableConfiguration> hadoop) {
        this.directory = directory;
        this.rowGroupBytes = rowGroupBytes;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<WrittenFile> call(Iterator<SkippedRecord> records) {
        try {
            return SkippedTable.write(hadoop.value().value(), new Path(directory), HadoopAtomicOutput.currentAttempt(),
                    rowGroupBytes, records).stream()
                    .map(WrittenFile::of).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the skipped table into " + directory, e);
        }
    }
}
