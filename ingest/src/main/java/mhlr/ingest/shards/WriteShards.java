package mhlr.ingest.shards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.prepared.ReadAhead;
import mhlr.ingest.prepared.SpillLocation;
import mhlr.ingest.prepared.SpillReader;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.RecordCodec;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * The Spark task that writes one shard: partition {@code i} (records keyed by {@link ShardOrder}, partitioned by
 * {@link ShardPartitioner} and sorted, each face's summary with where pass 1 spilled it) becomes
 * {@code shard-i.parquet} in the staging directory, each face read back from its spill file (positioned reads, no
 * decoding) on a thread of its own ({@link ReadAhead}), ahead of the Parquet writer; the task returns the file's
 * description for the manifest.
 */
public final class WriteShards
        implements Function2<Integer, Iterator<Tuple2<ShardOrder, byte[]>>, Iterator<WrittenFile>> {
    private static final long serialVersionUID = 1L;
    /** Faces read back and decoded ahead of the Parquet writer (about 4 KB each), handed over this many at a time. */
    private static final int READ_BATCH = 64;
    /** Batches of faces read ahead at most. */
    private static final int BATCHES_AHEAD = 4;

    private final String directory;
    private final String spillFolder;
    private final DatasetKind kind;
    private final long rowGroupBytes;
    private final Broadcast<SerializableConfiguration> hadoop;
    private final Function<FaceRecord, FaceRecord> finish;

    private WriteShards(Builder builder) {
        this.directory = builder.directory;
        this.spillFolder = builder.spillFolder;
        this.kind = builder.kind;
        this.rowGroupBytes = builder.rowGroupBytes;
        this.hadoop = builder.hadoop;
        this.finish = builder.finish;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Iterator<WrittenFile> call(Integer index, Iterator<Tuple2<ShardOrder, byte[]>> rows) {
        List<SpillLocation> locations = new ArrayList<>();
        while (rows.hasNext()) {
            locations.add(RecordCodec.spillLocation(rows.next()._2()));
        }
        String attempt = HadoopAtomicOutput.currentAttempt();
        try (SpillReader spilled = new SpillReader(new Path(spillFolder), hadoop.value().value());
                ReadAhead<FaceRecord> read = ReadAhead.start("shard-" + index + "-spill-reader", locations,
                        location -> RecordCodec.decodeFace(spilled.read(location)), READ_BATCH, BATCHES_AHEAD)) {
            Iterator<FaceRecord> faces = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return read.hasNext();
                }

                @Override
                public FaceRecord next() {
                    try {
                        return finish.call(read.next());
                    } catch (Exception e) {
                        throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                    }
                }
            };
            return List.of(WrittenFile.of(ShardWriter.write(hadoop.value().value(), new Path(directory), index,
                    attempt, kind, rowGroupBytes, faces))).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write shard " + index + " into " + directory, e);
        }
    }

    /** The shard writer's settings; all but {@code finish} (default: the face as it is) are required. */
    public static final class Builder {
        private String directory;
        private String spillFolder;
        private DatasetKind kind;
        private long rowGroupBytes;
        private Broadcast<SerializableConfiguration> hadoop;
        private Function<FaceRecord, FaceRecord> finish = face -> face;

        private Builder() {
        }

        /** The staging directory the shards are written into. */
        public Builder directory(String value) {
            this.directory = value;
            return this;
        }

        /** Where pass 1 spilled the prepared faces. */
        public Builder spillFolder(String value) {
            this.spillFolder = value;
            return this;
        }

        /** Training or evaluation rows. */
        public Builder kind(DatasetKind value) {
            this.kind = value;
            return this;
        }

        /** Parquet row group size ({@code ingest.row-group-mb}). */
        public Builder rowGroupBytes(long value) {
            this.rowGroupBytes = value;
            return this;
        }

        /** The Hadoop configuration, broadcast to the executors. */
        public Builder hadoop(Broadcast<SerializableConfiguration> value) {
            this.hadoop = value;
            return this;
        }

        /** Completes each face before it is written (e.g. gives its label). */
        public Builder finish(Function<FaceRecord, FaceRecord> value) {
            this.finish = value;
            return this;
        }

        public WriteShards build() {
            if (directory == null || spillFolder == null || kind == null || rowGroupBytes <= 0 || hadoop == null) {
                throw new IllegalStateException("WriteShards needs a directory, a spill folder, a kind, a row group"
                        + " size and the Hadoop configuration");
            }
            return new WriteShards(this);
        }
    }
}
