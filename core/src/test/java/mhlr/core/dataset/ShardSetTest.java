package mhlr.core.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mhlr.core.cli.UsageException;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardSetTest {
    @TempDir
    Path directory;

    @BeforeEach
    void writeSet() throws IOException {
        Files.write(directory.resolve(ShardSchema.shardName(0)), new byte[] {1, 2, 3, 4});
        Files.write(directory.resolve(ShardSchema.shardName(1)), new byte[] {5, 6});
        FileSystem local = FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(directory.toUri());
        List<ShardFile> shards = List.of(
                ShardSet.describe(local, folder, ShardSchema.shardName(0), 3),
                ShardSet.describe(local, folder, ShardSchema.shardName(1), 2));
        Manifest manifest = new Manifest(ShardSchema.VERSION, DatasetKind.TRAIN, new Counts(6, 5, 1, 0, 5, 2),
                shards, List.of(), List.of(), Map.of("seed", 3407, "format", "folders"));
        Files.createDirectories(directory.resolve(ShardSchema.SIDE_FOLDER));
        Files.write(directory.resolve(ShardSchema.MANIFEST_FILE), manifest.toJson());
    }

    @Test
    void intactSetPassesFullVerification() {
        ShardSet set = ShardSet.open(directory.toString()).verify(ShardSet.Check.FULL);
        assertEquals(5, set.manifest().counts().written());
        assertEquals(2, set.shardPaths().size());
    }

    @Test
    void manifestRoundTripsToIdenticalBytes() throws IOException {
        byte[] json = Files.readAllBytes(directory.resolve(ShardSchema.MANIFEST_FILE));
        assertArrayEquals(json, Manifest.parse(json, "m").toJson());
    }

    @Test
    void missingShardIsRefusedByName() throws IOException {
        Files.delete(directory.resolve(ShardSchema.shardName(1)));
        UsageException error = assertThrows(UsageException.class,
                () -> ShardSet.open(directory.toString()).verify(ShardSet.Check.SIZE));
        assertTrue(error.getMessage().contains(ShardSchema.shardName(1)), error.getMessage());
        assertTrue(error.getMessage().contains("missing"), error.getMessage());
    }

    @Test
    void truncatedShardIsRefusedByName() throws IOException {
        Files.write(directory.resolve(ShardSchema.shardName(0)), new byte[] {1, 2});
        UsageException error = assertThrows(UsageException.class,
                () -> ShardSet.open(directory.toString()).verify(ShardSet.Check.SIZE));
        assertTrue(error.getMessage().contains(ShardSchema.shardName(0)), error.getMessage());
    }

    @Test
    void alteredShardOfTheSameSizeIsCaughtByTheHash() throws IOException {
        Files.write(directory.resolve(ShardSchema.shardName(0)), new byte[] {1, 2, 3, 5});
        ShardSet set = ShardSet.open(directory.toString());
        set.verify(ShardSet.Check.SIZE);
        UsageException error = assertThrows(UsageException.class, () -> set.verify(ShardSet.Check.FULL));
        assertTrue(error.getMessage().contains(ShardSchema.shardName(0)) && error.getMessage().contains("altered"));
    }

    @Test
    void directoryWithoutManifestIsNotAShardSet() throws IOException {
        Files.delete(directory.resolve(ShardSchema.MANIFEST_FILE));
        UsageException error = assertThrows(UsageException.class, () -> ShardSet.open(directory.toString()));
        assertTrue(error.getMessage().contains("manifest.json"), error.getMessage());
    }

    @Test
    void folderInTheOldLayoutIsRefusedWithTheCommandThatRebuildsIt() throws IOException {
        Files.delete(directory.resolve(ShardSchema.MANIFEST_FILE));
        Files.writeString(directory.resolve(ShardSchema.OLD_MANIFEST_FILE), "{\"schema_version\" : 1, \"parameters\""
                + " : {\"format\" : \"folders\", \"input\" : \"faces\"}}");
        UsageException error = assertThrows(UsageException.class, () -> ShardSet.open(directory.toString()));
        assertTrue(error.getMessage().contains("older layout"), error.getMessage());
        assertTrue(error.getMessage().contains("bin/ingest --format folders --input faces --output " + directory
                + " --overwrite"), error.getMessage());
    }

    @Test
    void truncatedManifestIsRefused() throws IOException {
        Path manifest = directory.resolve(ShardSchema.MANIFEST_FILE);
        byte[] json = Files.readAllBytes(manifest);
        Files.write(manifest, java.util.Arrays.copyOf(json, json.length / 2));
        UsageException error = assertThrows(UsageException.class, () -> ShardSet.open(directory.toString()));
        assertTrue(error.getMessage().contains("manifest.json"), error.getMessage());
    }

    @Test
    void manifestNamesItsKindInLowerCase() throws IOException {
        String json = Files.readString(directory.resolve(ShardSchema.MANIFEST_FILE));
        assertTrue(json.contains("\"kind\" : \"train\""), json);
    }

    @Test
    void countsMustReconcile() {
        assertThrows(IllegalArgumentException.class, () -> new Counts(10, 5, 4, 0, 5, 1));
    }
}
