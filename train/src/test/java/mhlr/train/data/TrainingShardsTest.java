package mhlr.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import mhlr.core.cli.UsageException;
import mhlr.core.dataset.Counts;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.train.testing.SyntheticFaces;
import mhlr.train.testing.TestShards;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingShardsTest {
    @TempDir
    Path directory;
    private Path set;

    @BeforeEach
    void writeSet() {
        set = directory.resolve("set");
        TestShards.writeTraining(set, IntStream.range(0, 24)
                .mapToObj(i -> new TestShards.Sample(i % 4, SyntheticFaces.jpeg(1, i % 4, i))).toList(), 4, 2, 5);
    }

    private static void overwrite(Path file, long offset, int length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            for (int i = 0; i < length; i++) {
                raf.write(0x5A);
            }
        }
    }

    private static String readEverything(TrainingShards shards) {
        DataOptions options = new DataOptions(1, 4, 112, true, 2, 8, 2, ShardSet.Check.SIZE);
        try (BatchPipeline pipeline = BatchPipeline.open(shards, options, DataPosition.start(), 1)) {
            for (long i = 0; i < pipeline.batchesPerEpoch(); i++) {
                pipeline.next();
            }
        }
        return "read";
    }

    @Test
    void anIntactSetOpensAndReads() {
        TrainingShards shards = TrainingShards.open(set.toString(), ShardSet.Check.FULL);
        assertEquals(24, shards.images());
        assertEquals(4, shards.classes());
        assertEquals("read", readEverything(shards));
    }

    @Test
    void aTruncatedShardIsRefusedByName() throws IOException {
        Path shard = set.resolve(ShardSchema.shardName(1));
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        UsageException error = assertThrows(UsageException.class,
                () -> TrainingShards.open(set.toString(), ShardSet.Check.SIZE));
        assertTrue(error.getMessage().contains(ShardSchema.shardName(1)), error.getMessage());
    }

    @Test
    void anAlteredShardIsRefusedByNameBeforeTrainingWithTheFullCheck() throws IOException {
        overwrite(set.resolve(ShardSchema.shardName(0)), 2000, 64);
        UsageException error = assertThrows(UsageException.class,
                () -> TrainingShards.open(set.toString(), ShardSet.Check.FULL));
        assertTrue(error.getMessage().contains(ShardSchema.shardName(0)), error.getMessage());
        assertTrue(error.getMessage().contains("SHA-256"), error.getMessage());
    }

    @Test
    void damagedDataIsRefusedByNameWhileReading() throws IOException {
        overwrite(set.resolve(ShardSchema.shardName(1)), 4, 400);
        UsageException error = assertThrows(UsageException.class,
                () -> readEverything(TrainingShards.open(set.toString(), ShardSet.Check.SIZE)));
        assertTrue(error.getMessage().contains(ShardSchema.shardName(1)), error.getMessage());
    }

    @Test
    void aShardThatIsNotParquetIsRefusedByName() throws IOException {
        Path shard = set.resolve(ShardSchema.shardName(1));
        Files.write(shard, new byte[(int) Files.size(shard)]);
        UsageException error = assertThrows(UsageException.class,
                () -> TrainingShards.open(set.toString(), ShardSet.Check.SIZE));
        assertTrue(error.getMessage().contains(ShardSchema.shardName(1)), error.getMessage());
        assertTrue(error.getMessage().contains("not a readable Parquet file"), error.getMessage());
    }

    @Test
    void aShardWithOtherRowsThanTheManifestSaysIsRefusedByName() throws IOException {
        Manifest manifest = Manifest.parse(Files.readAllBytes(set.resolve(ShardSchema.MANIFEST_FILE)), "m");
        ShardFile first = manifest.shards().get(0);
        Manifest lying = new Manifest(manifest.schemaVersion(), manifest.kind(), new Counts(25, 25, 0, 0, 25, 4),
                List.of(new ShardFile(first.file(), first.rows() + 1, first.bytes(), first.sha256()),
                        manifest.shards().get(1)), List.of(), List.of(), manifest.parameters());
        Files.write(set.resolve(ShardSchema.MANIFEST_FILE), lying.toJson());
        UsageException error = assertThrows(UsageException.class,
                () -> TrainingShards.open(set.toString(), ShardSet.Check.SIZE));
        assertTrue(error.getMessage().contains(ShardSchema.shardName(0)), error.getMessage());
        assertTrue(error.getMessage().contains("manifest says 13"), error.getMessage());
    }

    @Test
    void anEvaluationSetIsNotTrainedOn() {
        Path eval = directory.resolve("eval");
        TestShards.writeEvaluation(eval, "lfw", List.of(new TestShards.KeyedImage("a", SyntheticFaces.flat(1))),
                List.of(new TestShards.Pair("a", "a", true)));
        UsageException error = assertThrows(UsageException.class,
                () -> TrainingShards.open(eval.toString(), ShardSet.Check.SIZE));
        assertTrue(error.getMessage().contains("eval"), error.getMessage());
    }
}
