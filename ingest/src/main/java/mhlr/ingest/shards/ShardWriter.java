package mhlr.ingest.shards;

import java.io.IOException;
import java.util.Iterator;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.ingest.record.FaceRecord;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one shard file from an executor: the rows of one shard, already in their order, into
 * {@code shard-NNNNN.parquet} of the staging directory. The file is written under a hidden attempt name and
 * renamed when complete, so a retried or speculative task never leaves half a file under the shard's name;
 * the content is deterministic, so whichever attempt lands last writes the same bytes.
 */
public final class ShardWriter {
    private ShardWriter() {
    }

    /**
     * Writes shard {@code index} into {@code directory} and describes it (rows, size, SHA-256 of the bytes as they
     * were written, the size checked against the stored file).
     *
     * @param attempt a name unique to this attempt (e.g. Spark's task attempt id)
     */
    public static ShardFile write(Configuration hadoop, Path directory, int index, String attempt, DatasetKind kind,
            long rowGroupBytes, Iterator<FaceRecord> rows) throws IOException {
        String name = ShardSchema.shardName(index);
        Path target = new Path(directory, name);
        Path partial = HadoopAtomicOutput.attemptPath(target, attempt);
        FileSystem fileSystem = HadoopAtomicOutput.fileSystem(target, hadoop);
        MessageType schema = kind == DatasetKind.TRAIN ? ParquetSchemas.TRAINING : ParquetSchemas.EVALUATION;
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        long count = 0;
        CanonicalFooterOutputFile file = CanonicalFooterOutputFile.at(partial, hadoop);
        try (ParquetWriter<Group> writer = ParquetFiles.writer(file, hadoop, schema, rowGroupBytes)) {
            while (rows.hasNext()) {
                FaceRecord face = rows.next();
                writer.write(kind == DatasetKind.TRAIN ? trainingRow(groups, face) : evaluationRow(groups, face));
                count++;
            }
        }
        HadoopAtomicOutput.land(fileSystem, partial, target);
        return file.describe(fileSystem, target, name, count);
    }

    private static Group trainingRow(SimpleGroupFactory groups, FaceRecord face) {
        if (face.label() == null) {
            throw new IllegalStateException("training record without a label: " + face.source());
        }
        Group row = groups.newGroup();
        row.add(ShardSchema.LABEL, face.label());
        row.add(ShardSchema.IDENTITY, face.identity());
        row.addGroup(ShardSchema.IMAGE).add(ShardSchema.BYTES, Binary.fromConstantByteArray(face.image()));
        row.add(ShardSchema.SOURCE, face.source());
        return row;
    }

    private static Group evaluationRow(SimpleGroupFactory groups, FaceRecord face) {
        Group row = groups.newGroup();
        row.add(ShardSchema.KEY, face.key());
        row.addGroup(ShardSchema.IMAGE).add(ShardSchema.BYTES, Binary.fromConstantByteArray(face.image()));
        row.add(ShardSchema.SOURCE, face.source());
        if (face.templateId() != null) {
            row.add(ShardSchema.TEMPLATE_ID, face.templateId());
        }
        if (face.mediaId() != null) {
            row.add(ShardSchema.MEDIA_ID, face.mediaId());
        }
        if (face.detectorScore() != null) {
            row.add(ShardSchema.DETECTOR_SCORE, face.detectorScore());
        }
        return row;
    }
}
