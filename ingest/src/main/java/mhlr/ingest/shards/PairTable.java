package mhlr.ingest.shards;

import java.io.IOException;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;

/** Writes {@code pairs.parquet} on the driver, one pair at a time (IJB-C has 15 million), in the order given. */
public final class PairTable implements AutoCloseable {
    private final FileSystem fileSystem;
    private final Path path;
    private final CanonicalFooterOutputFile file;
    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory groups = new SimpleGroupFactory(ParquetSchemas.PAIRS);
    private long rows;
    private ShardFile written;

    private PairTable(FileSystem fileSystem, Path path, CanonicalFooterOutputFile file, ParquetWriter<Group> writer) {
        this.fileSystem = fileSystem;
        this.path = path;
        this.file = file;
        this.writer = writer;
    }

    /** Opens {@code pairs.parquet} in {@code directory}. */
    public static PairTable create(Configuration hadoop, Path directory, long rowGroupBytes) throws IOException {
        Path path = new Path(directory, ShardSchema.PAIRS_FILE);
        CanonicalFooterOutputFile file = CanonicalFooterOutputFile.at(path, hadoop);
        return new PairTable(HadoopAtomicOutput.fileSystem(path, hadoop), path, file,
                ParquetFiles.writer(file, hadoop, ParquetSchemas.PAIRS, rowGroupBytes));
    }

    public void add(PairRow pair) throws IOException {
        Group row = groups.newGroup();
        row.add(ShardSchema.PROTOCOL, pair.protocol());
        row.add(ShardSchema.PAIR_INDEX, pair.index());
        row.add(ShardSchema.LEFT, pair.left());
        row.add(ShardSchema.RIGHT, pair.right());
        row.add(ShardSchema.SAME, pair.same());
        row.add(ShardSchema.FOLD, pair.fold());
        writer.write(row);
        rows++;
    }

    /** Closes the file and describes it. */
    public ShardFile finish() throws IOException {
        if (written == null) {
            writer.close();
            written = file.describe(fileSystem, path, ShardSchema.PAIRS_FILE, rows);
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
