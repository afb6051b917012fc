package mhlr.train.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.dataset.ShardSchema;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads whole row groups of Parquet training shards (label and image columns only), keeping one shard file open at
 * a time, which suits the shard-by-shard read order of an epoch. Not thread-safe: one reader per stream.
 */
final class ParquetRowGroupReader implements RowGroupReader {
    private final TrainingShards shards;
    private ParquetFileReader reader;
    private int openShard = -1;
    private MessageType fileSchema;
    private MessageType projection;

    ParquetRowGroupReader(TrainingShards shards) {
        this.shards = shards;
    }

    @Override
    public List<EncodedSample> read(RowGroup group, long firstReadPosition) {
        String where = shards.describe(group.shard());
        try {
            PageReadStore pages = open(group.shard()).readRowGroup(group.index());
            if (pages == null || pages.getRowCount() != group.rows()) {
                throw new IOException("row group " + group.index() + " is missing or has "
                        + (pages == null ? 0 : pages.getRowCount()) + " rows instead of " + group.rows());
            }
            MessageColumnIO columns = new ColumnIOFactory().getColumnIO(projection, fileSchema);
            RecordReader<Group> records = columns.getRecordReader(pages, new GroupRecordConverter(projection));
            List<EncodedSample> samples = new ArrayList<>(group.rows());
            for (int row = 0; row < group.rows(); row++) {
                Group record = records.read();
                samples.add(sample(record, group, row, firstReadPosition + row));
            }
            return samples;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UsageException usage) {
                throw usage;
            }
            throw new UsageException("shard " + where + " is corrupt: cannot read row group " + group.index() + ": "
                    + TrainingShards.firstLine(e), e);
        }
    }

    private EncodedSample sample(Group record, RowGroup group, int row, long readPosition) {
        if (record.getFieldRepetitionCount(ShardSchema.LABEL) == 0
                || record.getFieldRepetitionCount(ShardSchema.IMAGE) == 0
                || record.getGroup(ShardSchema.IMAGE, 0).getFieldRepetitionCount(ShardSchema.BYTES) == 0) {
            throw new UsageException("shard " + shards.describe(group.shard()) + " row " + (group.firstRow() + row)
                    + " has no label or no image");
        }
        int label = record.getInteger(ShardSchema.LABEL, 0);
        if (label < 0 || label >= shards.classes()) {
            throw new UsageException("shard " + shards.describe(group.shard()) + " row " + (group.firstRow() + row)
                    + " has label " + label + ", outside 0.." + (shards.classes() - 1) + " (the manifest's classes)");
        }
        byte[] image = record.getGroup(ShardSchema.IMAGE, 0).getBinary(ShardSchema.BYTES, 0).getBytes();
        return new EncodedSample(readPosition, label, image, group.describeRow(row));
    }

    private ParquetFileReader open(int shard) throws IOException {
        if (shard != openShard) {
            close();
            reader = shards.openReader(shard);
            fileSchema = reader.getFooter().getFileMetaData().getSchema();
            projection = TrainingShards.projection(fileSchema);
            reader.setRequestedSchema(projection);
            openShard = shard;
        }
        return reader;
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UsageException("cannot close shard " + shards.describe(openShard) + ": " + e.getMessage(), e);
            }
            reader = null;
            openShard = -1;
        }
    }
}
