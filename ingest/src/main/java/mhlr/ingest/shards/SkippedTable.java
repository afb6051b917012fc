package mhlr.ingest.shards;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.ingest.record.SkippedRecord;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes the skipped table twice from one pass over the sorted records: {@code skipped.parquet} for programs and
 * {@code skipped.csv} (header {@code source,reason,detail}, RFC 4180 quoting) for people. Reasons are written as
 * their stable codes ({@code corrupt_image}, ...).
 */
public final class SkippedTable {
    private SkippedTable() {
    }

    /**
     * Writes both files into {@code directory} and describes them (Parquet first). Each is written under a hidden
     * name of this attempt and renamed when complete, so a retried or speculative task never leaves half a table
     * under the final name (both attempts write the same bytes).
     *
     * @param attempt a name unique to this attempt (e.g. Spark's task attempt id)
     */
    public static List<ShardFile> write(Configuration hadoop, Path directory, String attempt, long rowGroupBytes,
            Iterator<SkippedRecord> records) throws IOException {
        Path parquet = HadoopAtomicOutput.attemptPath(new Path(directory, ShardSchema.SKIPPED_FILE), attempt);
        Path csv = HadoopAtomicOutput.attemptPath(new Path(directory, ShardSchema.SKIPPED_CSV), attempt);
        FileSystem fileSystem = HadoopAtomicOutput.fileSystem(parquet, hadoop);
        SimpleGroupFactory groups = new SimpleGroupFactory(ParquetSchemas.SKIPPED);
        long count = 0;
        CanonicalFooterOutputFile parquetFile = CanonicalFooterOutputFile.at(parquet, hadoop);
        try (ParquetWriter<Group> table = ParquetFiles.writer(parquetFile, hadoop, ParquetSchemas.SKIPPED,
                        rowGroupBytes);
                FSDataOutputStream stream = fileSystem.create(csv, true);
                Writer text = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
            text.write(String.join(",", ShardSchema.SOURCE, ShardSchema.REASON, ShardSchema.DETAIL) + "\n");
            while (records.hasNext()) {
                SkippedRecord record = records.next();
                Group row = groups.newGroup();
                row.add(ShardSchema.SOURCE, record.source());
                row.add(ShardSchema.REASON, record.reason().code());
                row.add(ShardSchema.DETAIL, record.detail());
                table.write(row);
                text.write(csvField(record.source()) + "," + record.reason().code() + "," + csvField(record.detail())
                        + "\n");
                count++;
            }
        }
        Path parquetTarget = new Path(directory, ShardSchema.SKIPPED_FILE);
        HadoopAtomicOutput.land(fileSystem, parquet, parquetTarget);
        HadoopAtomicOutput.land(fileSystem, csv, new Path(directory, ShardSchema.SKIPPED_CSV));
        return List.of(parquetFile.describe(fileSystem, parquetTarget, ShardSchema.SKIPPED_FILE, count),
                ShardSet.describe(fileSystem, directory, ShardSchema.SKIPPED_CSV, count));
    }

    /** A CSV field, quoted when it holds a comma, quote or line break. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
