package mhlr.ingest.recordio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import mhlr.core.format.RecordIoWriter;
import mhlr.ingest.prepared.SpillReader;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.RecordCodec;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * The Spark task that writes one part: the faces of a label range (their summaries), sorted by
 * {@link RecordIoOrder}, each face read back from where pass 1 spilled it, as image records
 * (IRHeader flag 0, label = class as float, id = key, id2 = 0, then the encoded face) with keys counted from the
 * part's first key, and the part's index with offsets from the part's start. Both files are written under hidden
 * attempt names and renamed when complete, so a retried task never leaves half a part.
 */
public final class WriteRecordIoParts
        implements Function2<Integer, Iterator<Tuple2<RecordIoOrder, byte[]>>, Iterator<RecordIoPart>> {
    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String spillFolder;
    private final RecordIoPlan plan;
    private final Broadcast<SerializableConfiguration> hadoop;

    /**
     * @param directory the parts folder
     * @param spillFolder where pass 1 spilled the prepared faces
     */
    public WriteRecordIoParts(String directory, String spillFolder, RecordIoPlan plan,
            Broadcast<SerializableConfiguration> hadoop) {
        this.directory = directory;
        this.spillFolder = spillFolder;
        this.plan = plan;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<RecordIoPart> call(Integer index, Iterator<Tuple2<RecordIoOrder, byte[]>> faces) {
        RecordIoPart part = new RecordIoPart(index, 0);
        String attempt = HadoopAtomicOutput.currentAttempt();
        Configuration configuration = hadoop.value().value();
        Path folder = new Path(directory);
        Path rec = new Path(folder, part.recordFile());
        Path idx = new Path(folder, part.indexFile());
        Path partialRec = HadoopAtomicOutput.attemptPath(rec, attempt);
        Path partialIdx = HadoopAtomicOutput.attemptPath(idx, attempt);
        long key = plan.firstKey(index);
        try {
            FileSystem fileSystem = HadoopAtomicOutput.fileSystem(folder, configuration);
            try (SpillReader spilled = new SpillReader(new Path(spillFolder), configuration);
                    RecordIoWriter writer = RecordIoWriter.open(fileSystem.create(partialRec, true),
                            fileSystem.create(partialIdx, true))) {
                while (faces.hasNext()) {
                    Tuple2<RecordIoOrder, byte[]> face = faces.next();
                    FaceRecord record = RecordCodec.decodeFace(spilled.read(RecordCodec.spillLocation(face._2())));
                    writer.writeImage(key++, face._1().label(), record.image());
                }
            }
            HadoopAtomicOutput.land(fileSystem, partialRec, rec);
            HadoopAtomicOutput.land(fileSystem, partialIdx, idx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write RecordIO part " + index + " into " + directory, e);
        }
        return List.of(new RecordIoPart(index, key - plan.firstKey(index))).iterator();
    }
}
