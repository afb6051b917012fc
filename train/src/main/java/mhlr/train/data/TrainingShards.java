package mhlr.train.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mhlr.core.cli.UsageException;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * A training shard set checked before the first step: the manifest is read and verified (sizes, or SHA-256 with
 * {@link ShardSet.Check#FULL}), it must describe a training set, and every shard's Parquet footer must be readable,
 * hold the {@link ShardSchema#LABEL} column and the {@link ShardSchema#IMAGE} struct's bytes and the row count the
 * manifest gives.
 * Any failure is a {@link UsageException} naming the file. Files are read through {@link ShardSetFiles}.
 */
public final class TrainingShards implements TrainingData {
    private final ShardSet shardSet;
    private final List<List<RowGroup>> rowGroups;
    private final long images;
    private final int classes;

    private TrainingShards(ShardSet shardSet, List<List<RowGroup>> rowGroups) {
        this.shardSet = shardSet;
        this.rowGroups = rowGroups;
        this.images = rowGroups.stream().flatMap(List::stream).mapToLong(RowGroup::rows).sum();
        this.classes = Math.toIntExact(shardSet.manifest().counts().classes());
    }

    /**
     * Opens and checks the training shards in {@code directory}.
     *
     * @throws UsageException when the manifest or a shard is missing, altered, unreadable or not a training set
     */
    public static TrainingShards open(String directory, ShardSet.Check check) {
        return open(directory, check, new Configuration());
    }

    public static TrainingShards open(String directory, ShardSet.Check check, Configuration hadoop) {
        ShardSet set = ShardSet.open(directory, hadoop);
        Manifest manifest = set.manifest();
        if (manifest.kind() != DatasetKind.TRAIN) {
            throw new UsageException(set.resolve(ShardSchema.MANIFEST_FILE) + " describes a "
                    + manifest.kind().jsonName() + " set; training needs the output of ingest for a training set");
        }
        if (manifest.counts().classes() <= 0 || manifest.shards().isEmpty()) {
            throw new UsageException(set.resolve(ShardSchema.MANIFEST_FILE) + " lists no classes or no shards");
        }
        set.verify(check);
        TrainingShards probe = new TrainingShards(set, List.of());
        List<List<RowGroup>> groups = new ArrayList<>();
        for (int shard = 0; shard < manifest.shards().size(); shard++) {
            groups.add(probe.readLayout(shard));
        }
        return new TrainingShards(set, List.copyOf(groups));
    }

    /** Images in the set (the rows of all shards). */
    @Override
    public long images() {
        return images;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** Shards in manifest order. */
    @Override
    public int shardCount() {
        return rowGroups.size();
    }

    /** The row groups of one shard, in file order. */
    @Override
    public List<RowGroup> rowGroups(int shard) {
        return rowGroups.get(shard);
    }

    @Override
    public RowGroupReader openReader() {
        return new ParquetRowGroupReader(this);
    }

    public ShardSet shardSet() {
        return shardSet;
    }

    /** The shard's full path, for messages. */
    public String describe(int shard) {
        return shardSet.resolve(shardFile(shard).file()).toString();
    }

    ShardFile shardFile(int shard) {
        return shardSet.manifest().shards().get(shard);
    }

    /** Opens a shard for reading. The caller closes the reader. */
    ParquetFileReader openReader(int shard) throws IOException {
        return ShardSetFiles.open(shardSet, shardFile(shard).file());
    }

    /** The two columns training reads, as the file declares them; identity and source stay on disk. */
    static MessageType projection(MessageType fileSchema) {
        return new MessageType(fileSchema.getName(), fileSchema.getType(ShardSchema.LABEL),
                fileSchema.getType(ShardSchema.IMAGE));
    }

    private List<RowGroup> readLayout(int shard) {
        ShardFile file = shardFile(shard);
        String where = describe(shard);
        List<BlockMetaData> blocks;
        MessageType schema;
        try (ParquetFileReader reader = openReader(shard)) {
            blocks = reader.getRowGroups();
            schema = reader.getFooter().getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            throw new UsageException("shard " + where + " is not a readable Parquet file: " + firstLine(e), e);
        }
        requireColumn(schema, PrimitiveTypeName.INT32, where, ShardSchema.LABEL);
        requireColumn(schema, PrimitiveTypeName.BINARY, where, ShardSchema.IMAGE, ShardSchema.BYTES);
        List<RowGroup> groups = new ArrayList<>();
        long row = 0;
        for (int i = 0; i < blocks.size(); i++) {
            long rows = blocks.get(i).getRowCount();
            if (rows == 0) {
                continue;
            }
            groups.add(new RowGroup(shard, file.file(), i, row, Math.toIntExact(rows)));
            row += rows;
        }
        if (row != file.rows()) {
            throw new UsageException("shard " + where + " holds " + row + " rows but the manifest says " + file.rows()
                    + " (mismatched shard)");
        }
        return List.copyOf(groups);
    }

    /** Checks that the column at {@code path} (a top-level name, or a struct and its field) is a single value. */
    private static void requireColumn(MessageType schema, PrimitiveTypeName type, String where, String... path) {
        String name = String.join(".", path);
        if (!schema.containsPath(path)) {
            throw new UsageException("shard " + where + " has no column '" + name + "' (schema: " + schema.getFields()
                    .stream().map(Type::getName).toList() + "; a shard of schema version " + ShardSchema.VERSION
                    + " holds the image as a struct {bytes, path})");
        }
        Type field = schema.getType(path);
        if (!field.isPrimitive() || field.asPrimitiveType().getPrimitiveTypeName() != type
                || field.isRepetition(Type.Repetition.REPEATED)) {
            throw new UsageException("shard " + where + " column '" + name + "' is " + field.toString().strip()
                    + ", expected a single " + type.name().toLowerCase(Locale.ROOT));
        }
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("");
    }
}
