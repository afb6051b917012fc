package mhlr.train.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mhlr.core.dataset.Counts;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ProtocolEntry;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** Writes shard sets the way ingest does (Parquet columns of {@link ShardSchema}, manifest last). */
public final class TestShards {
    static final MessageType TRAINING = Types.buildMessage()
            .required(PrimitiveTypeName.INT32).named(ShardSchema.LABEL)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ShardSchema.IDENTITY)
            .optionalGroup()
                .optional(PrimitiveTypeName.BINARY).named(ShardSchema.BYTES)
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ShardSchema.PATH)
                .named(ShardSchema.IMAGE)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ShardSchema.SOURCE)
            .named("spark_schema");
    static final MessageType EVALUATION = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ShardSchema.KEY)
            .optionalGroup()
                .optional(PrimitiveTypeName.BINARY).named(ShardSchema.BYTES)
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ShardSchema.PATH)
                .named(ShardSchema.IMAGE)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ShardSchema.SOURCE)
            .named("spark_schema");
    static final MessageType PAIRS = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ShardSchema.PROTOCOL)
            .required(PrimitiveTypeName.INT64).named(ShardSchema.PAIR_INDEX)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ShardSchema.LEFT)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ShardSchema.RIGHT)
            .required(PrimitiveTypeName.BOOLEAN).named(ShardSchema.SAME)
            .required(PrimitiveTypeName.INT32).named(ShardSchema.FOLD)
            .named("spark_schema");

    /** A training image. */
    public record Sample(int label, byte[] image) {
    }

    /** An evaluation image under its protocol key. */
    public record KeyedImage(String key, byte[] image) {
    }

    /** A verification pair of image keys. */
    public record Pair(String left, String right, boolean same) {
    }

    private TestShards() {
    }

    /**
     * Writes a training set: the samples in order, spread over {@code shards} files of consecutive rows, each file
     * cut into row groups of at most {@code rowsPerGroup} rows.
     */
    public static Manifest writeTraining(Path directory, List<Sample> samples, int classes, int shards,
                                         int rowsPerGroup) {
        try {
            Files.createDirectories(directory);
            List<ShardFile> files = new ArrayList<>();
            SimpleGroupFactory rows = new SimpleGroupFactory(TRAINING);
            int perShard = (samples.size() + shards - 1) / shards;
            for (int shard = 0; shard < shards; shard++) {
                List<Sample> part = samples.subList(Math.min(samples.size(), shard * perShard),
                        Math.min(samples.size(), (shard + 1) * perShard));
                Path file = directory.resolve(ShardSchema.shardName(shard));
                try (ParquetWriter<Group> writer = writer(file, TRAINING, rowsPerGroup)) {
                    for (int i = 0; i < part.size(); i++) {
                        Sample sample = part.get(i);
                        Group row = rows.newGroup()
                                .append(ShardSchema.LABEL, sample.label())
                                .append(ShardSchema.IDENTITY, "id" + sample.label());
                        row.addGroup(ShardSchema.IMAGE).append(ShardSchema.BYTES,
                                org.apache.parquet.io.api.Binary.fromConstantByteArray(sample.image()));
                        writer.write(row.append(ShardSchema.SOURCE, "generated/" + shard + "/" + i + ".jpg"));
                    }
                }
                files.add(describe(directory, ShardSchema.shardName(shard), part.size()));
            }
            Manifest manifest = new Manifest(ShardSchema.VERSION, DatasetKind.TRAIN,
                    new Counts(samples.size(), samples.size(), 0, 0, samples.size(), classes), files, List.of(),
                    List.of(), Map.of("format", "generated"));
            Files.createDirectories(directory.resolve(ShardSchema.SIDE_FOLDER));
            Files.write(directory.resolve(ShardSchema.MANIFEST_FILE), manifest.toJson());
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an evaluation set with one ten-fold protocol named {@code protocol}. */
    public static Manifest writeEvaluation(Path directory, String protocol, List<KeyedImage> images,
                                           List<Pair> pairs) {
        try {
            Files.createDirectories(directory);
            Path shard = directory.resolve(ShardSchema.shardName(0));
            SimpleGroupFactory rows = new SimpleGroupFactory(EVALUATION);
            try (ParquetWriter<Group> writer = writer(shard, EVALUATION, 1 << 20)) {
                for (KeyedImage image : images) {
                    Group row = rows.newGroup().append(ShardSchema.KEY, image.key());
                    row.addGroup(ShardSchema.IMAGE).append(ShardSchema.BYTES,
                            org.apache.parquet.io.api.Binary.fromConstantByteArray(image.image()));
                    writer.write(row.append(ShardSchema.SOURCE, "generated/" + image.key()));
                }
            }
            Files.createDirectories(directory.resolve(ShardSchema.SIDE_FOLDER));
            Path pairFile = directory.resolve(ShardSchema.PAIRS_FILE);
            SimpleGroupFactory pairRows = new SimpleGroupFactory(PAIRS);
            long genuine = 0;
            try (ParquetWriter<Group> writer = writer(pairFile, PAIRS, 1 << 20)) {
                for (int i = 0; i < pairs.size(); i++) {
                    Pair pair = pairs.get(i);
                    genuine += pair.same() ? 1 : 0;
                    writer.write(pairRows.newGroup()
                            .append(ShardSchema.PROTOCOL, protocol)
                            .append(ShardSchema.PAIR_INDEX, (long) i)
                            .append(ShardSchema.LEFT, pair.left())
                            .append(ShardSchema.RIGHT, pair.right())
                            .append(ShardSchema.SAME, pair.same())
                            .append(ShardSchema.FOLD, i * 10 / pairs.size()));
                }
            }
            Manifest manifest = new Manifest(ShardSchema.VERSION, DatasetKind.EVAL,
                    new Counts(images.size(), images.size(), 0, 0, images.size(), 0),
                    List.of(describe(directory, ShardSchema.shardName(0), images.size())),
                    List.of(describe(directory, ShardSchema.PAIRS_FILE, pairs.size())),
                    List.of(new ProtocolEntry(protocol, ProtocolEntry.TENFOLD, pairs.size(), genuine)),
                    Map.of("format", "generated"));
            Files.createDirectories(directory.resolve(ShardSchema.SIDE_FOLDER));
            Files.write(directory.resolve(ShardSchema.MANIFEST_FILE), manifest.toJson());
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ParquetWriter<Group> writer(Path file, MessageType schema, int rowsPerGroup) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withRowGroupRowCountLimit(rowsPerGroup)
                .withConf(new Configuration())
                .build();
    }

    private static ShardFile describe(Path directory, String name, long rows) throws IOException {
        return ShardSet.describe(FileSystem.getLocal(new Configuration()),
                new org.apache.hadoop.fs.Path(directory.toUri()), name, rows);
    }
}
