package mhlr.ingest.prepared;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import mhlr.ingest.align.FacePreparer;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import mhlr.ingest.record.RecordCodec;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Ingest's first pass, one Spark task per partition of the input: prepares every read record ({@link FacePreparer}:
 * decode, align or resize, encode, hash), appends each prepared face ({@link RecordCodec} bytes, image included,
 * written as its head and its image without joining them first) to the task attempt's spill file in the spill
 * folder, and returns only the records' summary bytes ({@link RecordCodec#summaryBytes}: no image, but where the
 * face was spilled), packed into one {@link SummaryBlock}. The image bytes therefore never travel through Spark: not
 * cached, not shuffled, not sized; the second pass reads them back by location. A skipped record's summary is the
 * record itself. Partitions without faces write no file.
 */
public final class PrepareAndSpill implements Function2<Integer, Iterator<Outcome>, Iterator<byte[]>> {
    private static final long serialVersionUID = 1L;
    private static final int BUFFER_BYTES = 1 << 20;

    private final String folder;
    private final Broadcast<SerializableConfiguration> hadoop;
    private final FacePreparer preparer;

    /**
     * @param folder the spill folder (inside the output's staging directory)
     * @param progress counts records done
     */
    public PrepareAndSpill(String folder, Broadcast<SerializableConfiguration> hadoop, LongAccumulator progress) {
        this.folder = folder;
        this.hadoop = hadoop;
        this.preparer = new FacePreparer(progress);
    }

    @Override
    public Iterator<byte[]> call(Integer partition, Iterator<Outcome> records) {
        TaskContext task = TaskContext.get();
        long attempt = task == null ? 0 : task.taskAttemptId();
        Path file = new Path(folder, SpillLocation.fileName(partition, attempt));
        List<byte[]> summaries = new ArrayList<>();
        OutputStream out = null;
        long offset = 0;
        try {
            try {
                while (records.hasNext()) {
                    Outcome prepared = preparer.call(records.next());
                    if (!prepared.isFace()) {
                        summaries.add(RecordCodec.encode(prepared));
                        continue;
                    }
                    if (out == null) {
                        out = open(file);
                    }
                    FaceRecord face = prepared.face();
                    byte[] head = RecordCodec.head(face);
                    out.write(head);
                    out.write(face.image());
                    int length = head.length + face.image().length;
                    summaries.add(RecordCodec.summaryBytes(face, new SpillLocation(partition, attempt, offset,
                            length)));
                    offset += length;
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write prepared records to " + file, e);
        }
        return List.of(SummaryBlock.pack(summaries)).iterator();
    }

    private OutputStream open(Path file) throws IOException {
        Configuration configuration = hadoop.value().value();
        FileSystem fileSystem = HadoopAtomicOutput.fileSystem(file, configuration);
        return new BufferedOutputStream(fileSystem.create(file, true), BUFFER_BYTES);
    }
}
