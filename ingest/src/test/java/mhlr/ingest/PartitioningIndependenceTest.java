package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spill files of ingest's first pass are cut by Spark partition (one per task), yet the output must not depend on
 * the partitioning: one partition (as on one core) and seven (as on many cores or executors) give byte-identical
 * manifests, so byte-identical Parquet shards and RecordIO files, and no spill file is left in the output. Nor may
 * it depend on the way the census and the shard rows are made ({@link PassOneSummaries}): on the driver, as for
 * these small inputs by default, or by Spark shuffles, as for large ones ({@code ingest.plan-on-driver-up-to = 0}).
 */
class PartitioningIndependenceTest {
    @TempDir
    static Path temporary;
    static Path samples;

    @BeforeAll
    static void writeSamples() throws IOException {
        samples = temporary.resolve("samples");
        SampleDataWriter.builder().identities(7).imagesPerIdentity(4).seed(5).photoSize(96).threads(2)
                .formats(EnumSet.of(SampleFormat.FOLDERS, SampleFormat.RECORDIO, SampleFormat.VERIFICATION)).build()
                .write(samples);
    }

    @ParameterizedTest
    @ValueSource(strings = {"folders", "recordio"})
    void oneOrSevenPartitionsOnTheDriverOrShuffledGiveTheSameBytesInBothOutputFormats(String format)
            throws IOException {
        Path single = ingest(format, 1, true);
        Path many = ingest(format, 7, true);
        Path shuffled = ingest(format, 7, false);

        byte[] expected = Files.readAllBytes(single.resolve(ShardSchema.MANIFEST_FILE));
        assertArrayEquals(expected, Files.readAllBytes(many.resolve(ShardSchema.MANIFEST_FILE)),
                "the manifest hashes every file");
        assertArrayEquals(expected, Files.readAllBytes(shuffled.resolve(ShardSchema.MANIFEST_FILE)),
                "shuffled as for a large input");
        Manifest manifest = ShardSet.open(many.toString()).verify(ShardSet.Check.FULL).manifest();
        assertTrue(manifest.shards().size() > 1, "several shards, so records of many spill files meet in each");
        List<String> files = manifest.files().stream().map(ShardFile::file).toList();
        assertTrue(files.contains(ShardSchema.RECORDIO_BESIDE_SHARDS + "/" + ShardSchema.RECORDIO_FILE), files.toString());
        assertEquals(manifest.counts().read(), manifest.counts().written() + manifest.counts().skipped());
        try (Stream<Path> all = Files.walk(many)) {
            assertTrue(all.noneMatch(path -> path.getFileName().toString().endsWith(".records")),
                    "no spill file is committed");
        }
    }

    @Test
    void anEvaluationSetOnTheDriverOrShuffledGivesTheSameBytes() throws IOException {
        Path onDriver = ingest("bin", 3, true);
        Path shuffled = ingest("bin", 3, false);

        assertArrayEquals(Files.readAllBytes(onDriver.resolve(ShardSchema.MANIFEST_FILE)),
                Files.readAllBytes(shuffled.resolve(ShardSchema.MANIFEST_FILE)));
        assertTrue(ShardSet.open(shuffled.toString()).verify(ShardSet.Check.FULL).manifest().shards().size() > 1);
    }

    /** @param onDriver whether the census and shard rows are made on the driver (else by Spark shuffles) */
    private static Path ingest(String format, int partitions, boolean onDriver) {
        Path output = temporary.resolve(format + "-" + partitions + (onDriver ? "-driver" : "-shuffled"));
        boolean training = !format.equals("bin");
        Path input = training ? samples.resolve(format) : samples.resolve("verification")
                .resolve(SampleDataWriter.BIN_NAME);
        IngestRun run = IngestRun.of("--format", format, "--input", input.toString(), "--output",
                output.toString(), "--output-format", training ? "both" : "parquet", "--set", "ingest.shard-rows=6",
                "--set", "ingest.partitions=" + partitions, "--set",
                "ingest.plan-on-driver-up-to=" + (onDriver ? 200_000 : 0));
        assertEquals(0, run.exitCode(), run.stderr());
        return output;
    }
}
