package mhlr.train.data;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import mhlr.core.cli.UsageException;
import mhlr.core.dataset.ShardSet;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Plain parquet-hadoop access to the files of a shard set, without Spark: local files through
 * {@link LocalInputFile}, anything else ({@code hdfs://}, {@code s3a://}) through Hadoop's file system.
 */
public final class ShardSetFiles {
    private ShardSetFiles() {
    }

    /** The Parquet input for a file of the set. */
    public static InputFile inputFile(ShardSet set, String file) throws IOException {
        Path path = set.resolve(file);
        if (set.fileSystem() instanceof LocalFileSystem) {
            return new LocalInputFile(java.nio.file.Path.of(path.toUri().getPath()));
        }
        return HadoopInputFile.fromPath(path, set.fileSystem().getConf());
    }

    /** Opens a file of the set for reading. The caller closes the reader. */
    static ParquetFileReader open(ShardSet set, String file) throws IOException {
        return ParquetFileReader.open(inputFile(set, file), ParquetReadOptions.builder().build());
    }

    /**
     * Calls {@code action} for every row of a file of the set, reading only the named columns.
     *
     * @throws UsageException naming the file when it is unreadable or lacks a column
     */
    public static void forEachRow(ShardSet set, String file, List<String> columns, Consumer<Group> action) {
        String where = set.resolve(file).toString();
        try (ParquetFileReader reader = open(set, file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (String column : columns) {
                if (!schema.containsField(column)) {
                    throw new UsageException(where + " has no column '" + column + "' (schema: "
                            + schema.getFields().stream().map(Type::getName).toList() + ")");
                }
            }
            MessageType projection = new MessageType(schema.getName(),
                    columns.stream().map(schema::getType).toList());
            reader.setRequestedSchema(projection);
            ColumnIOFactory factory = new ColumnIOFactory();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = factory.getColumnIO(projection, schema)
                        .getRecordReader(pages, new GroupRecordConverter(projection));
                for (long row = 0; row < pages.getRowCount(); row++) {
                    action.accept(records.read());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UsageException usage) {
                throw usage;
            }
            throw new UsageException(where + " is not a readable Parquet file: " + TrainingShards.firstLine(e), e);
        }
    }
}
