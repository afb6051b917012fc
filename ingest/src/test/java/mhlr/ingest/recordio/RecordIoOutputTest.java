package mhlr.ingest.recordio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import mhlr.core.format.RecordIoReader;
import mhlr.core.format.RecordIoRecord;
import mhlr.core.skip.BadRecordException;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.core.testing.TestImages;
import mhlr.ingest.IngestRun;
import mhlr.ingest.ShardContents;
import mhlr.spark.SharedLocalSpark;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output-format recordio|both} on a small training set with one bad file: the RecordIO files hold the same
 * faces as the Parquet shards of the same run, in insightface's layout, byte-identical on a rerun.
 */
class RecordIoOutputTest {
    private static final int IDENTITIES = 6;
    private static final int IMAGES = 5;
    private static final int MAGIC = 0xced7230a;

    @TempDir
    static Path temporary;

    static Path input;
    static Path both;

    @BeforeAll
    static void ingestBoth() {
        input = temporary.resolve("faces");
        for (int identity = 0; identity < IDENTITIES; identity++) {
            for (int index = 0; index < IMAGES; index++) {
                TestImages.write(input.resolve(String.format("person_%02d/%03d.jpg", identity, index)),
                        TestImages.jpeg(TestImages.picture(identity, index, 60, 72)));
            }
        }
        TestImages.write(input.resolve("person_02/broken.jpg"), new byte[] {1, 2, 3});
        both = ingest("both", "both");
    }

    private static Path ingest(String name, String format) {
        Path output = temporary.resolve(name);
        IngestRun run = IngestRun.of("--format", "folders", "--input", input.toString(), "--output", output.toString(),
                "--output-format", format, "--set", "ingest.shard-rows=7", "--set", "ingest.max-skipped-fraction=0.1");
        assertEquals(0, run.exitCode(), run.stderr());
        return output;
    }

    @Test
    void recordIoHoldsTheSameLabelsAndImageBytesAsTheParquetShardsOfTheRun() throws IOException {
        Path folder = both.resolve(ShardSchema.RECORDIO_BESIDE_SHARDS);
        List<String> fromRecordIo = new ArrayList<>();
        try (RecordIoReader reader = RecordIoReader.open(folder.resolve(ShardSchema.RECORDIO_FILE),
                folder.resolve(ShardSchema.RECORDIO_INDEX))) {
            for (int i = 0; i < reader.index().size(); i++) {
                RecordIoRecord record = read(reader, reader.index().key(i));
                fromRecordIo.add((int) record.label() + ":" + HexFormat.of().formatHex(record.image()));
            }
        }
        List<String> fromParquet = new ArrayList<>();
        for (Group row : ShardContents.shardRows(both)) {
            fromParquet.add(row.getInteger(ShardSchema.LABEL, 0) + ":"
                    + HexFormat.of().formatHex(ShardContents.imageBytes(row)));
        }
        assertEquals(IDENTITIES * IMAGES, fromRecordIo.size());
        assertEquals(fromParquet.stream().sorted().toList(), fromRecordIo.stream().sorted().toList());
        Manifest manifest = ShardSet.open(both.toString()).verify(ShardSet.Check.FULL).manifest();
        assertEquals(1, manifest.counts().skipped(), "the bad file is skipped and counted once for both outputs");
        assertTrue(manifest.file(ShardSchema.RECORDIO_BESIDE_SHARDS + "/" + ShardSchema.RECORDIO_FILE).isPresent());
    }

    @Test
    void recordsFollowMxnetsLayoutGroupedByClassWithKeysZeroToN() throws IOException {
        Path folder = both.resolve(ShardSchema.RECORDIO_BESIDE_SHARDS);
        ByteBuffer rec = ByteBuffer.wrap(Files.readAllBytes(folder.resolve(ShardSchema.RECORDIO_FILE)))
                .order(ByteOrder.LITTLE_ENDIAN);
        List<String> index = Files.readAllLines(folder.resolve(ShardSchema.RECORDIO_INDEX));
        assertEquals(IDENTITIES * IMAGES, index.size());
        float previousLabel = 0;
        for (int key = 0; key < index.size(); key++) {
            String[] line = index.get(key).split("\t");
            assertEquals(Integer.toString(key), line[0], "keys 0..N-1 in order");
            assertEquals(rec.position(), Long.parseLong(line[1]), "offset of key " + key);
            assertEquals(MAGIC, rec.getInt(), "magic of key " + key);
            int lrecord = rec.getInt();
            assertEquals(0, lrecord >>> 29, "a face record is one whole part (cflag 0)");
            int length = lrecord & ((1 << 29) - 1);
            int start = rec.position();
            assertEquals(0, rec.getInt(), "IRHeader flag");
            float label = rec.getFloat();
            assertEquals(key, rec.getLong(), "IRHeader id = key");
            assertEquals(0, rec.getLong(), "IRHeader id2");
            assertTrue(label == previousLabel || label == previousLabel + 1, "grouped by class in label order");
            previousLabel = label;
            assertEquals((byte) 0xff, rec.get(), "a JPEG follows the header");
            rec.position(start + length + (4 - length % 4) % 4);
        }
        assertFalse(rec.hasRemaining(), "nothing after the last record");
        assertEquals(IDENTITIES - 1, (int) previousLabel);
        assertEquals(IDENTITIES + ",112,112\n" + IDENTITIES * IMAGES + "\n",
                Files.readString(folder.resolve(ShardSchema.RECORDIO_PROPERTY)));
    }

    @Test
    void rerunAndRecordIoAloneGiveTheSameBytes() throws IOException {
        Path again = ingest("again", "both");
        Path alone = ingest("alone", "recordio");
        assertArrayEquals(Files.readAllBytes(both.resolve(ShardSchema.MANIFEST_FILE)),
                Files.readAllBytes(again.resolve(ShardSchema.MANIFEST_FILE)), "the manifest hashes every file");
        for (String file : List.of(ShardSchema.RECORDIO_FILE, ShardSchema.RECORDIO_INDEX,
                ShardSchema.RECORDIO_PROPERTY)) {
            assertArrayEquals(Files.readAllBytes(both.resolve(ShardSchema.RECORDIO_BESIDE_SHARDS).resolve(file)),
                    Files.readAllBytes(alone.resolve(file)), file);
        }
        Manifest manifest = ShardSet.open(alone.toString()).verify(ShardSet.Check.FULL).manifest();
        assertTrue(manifest.shards().isEmpty(), "recordio alone writes no Parquet shard");
        try (Stream<Path> top = Files.list(alone)) {
            assertEquals(List.of(ShardSchema.SIDE_FOLDER, ShardSchema.RECORDIO_PROPERTY, ShardSchema.RECORDIO_INDEX,
                    ShardSchema.RECORDIO_FILE), top.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void sparkReadsExactlyTheWrittenRowsFromAFolderWithBothOutputs() {
        long written = ShardSet.open(both.toString()).manifest().counts().written();
        assertEquals(written, SharedLocalSpark.session().read().parquet(both.toString()).count());
    }

    @Test
    void recordIoOfAnEvaluationSetIsRefused() {
        IngestRun run = IngestRun.of("--format", "lfw", "--input", input.toString(), "--output",
                temporary.resolve("refused").toString(), "--output-format", "recordio");
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("--output-format recordio writes a training set"), run.stderr());
        assertFalse(Files.exists(temporary.resolve("refused")));
    }

    private static RecordIoRecord read(RecordIoReader reader, long key) throws IOException {
        try {
            return reader.read(key);
        } catch (BadRecordException e) {
            throw new AssertionError(e);
        }
    }
}
