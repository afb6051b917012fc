package mhlr.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mhlr.core.cli.UsageException;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import mhlr.core.dataset.Counts;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.train.testing.SyntheticFaces;
import mhlr.train.testing.TestRecordIo;
import mhlr.train.testing.TestShards;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIoTrainingSetTest {
    private static final int IMAGES = 48;
    private static final int BATCH = 8;

    @TempDir
    Path directory;

    /** 48 images, each its own class (so a label names an image). */
    private static List<TestShards.Sample> ownClassSamples() {
        return IntStream.range(0, IMAGES).mapToObj(i -> new TestShards.Sample(i, SyntheticFaces.jpeg(3, i, i)))
                .toList();
    }

    private Path recordIo(TestRecordIo.Layout layout, boolean withProperty) {
        Path folder = directory.resolve(layout + "-" + withProperty);
        TestRecordIo.write(folder, ownClassSamples(), IMAGES, layout, withProperty);
        return folder;
    }

    private static DataOptions options(boolean flip) {
        return new DataOptions(3407, BATCH, 28, flip, 2, 10, 3, ShardSet.Check.SIZE);
    }

    private static List<TrainingBatch> read(TrainingData data, DataOptions options, DataPosition start, int epochs,
                                            int batches) {
        List<TrainingBatch> out = new ArrayList<>();
        try (BatchPipeline pipeline = BatchPipeline.open(data, options, start, epochs)) {
            for (int i = 0; i < batches; i++) {
                out.add(pipeline.next());
            }
        }
        return out;
    }

    private static List<Integer> epochLabels(TrainingData data, int epoch) {
        List<Integer> labels = new ArrayList<>();
        try (EpochSamples samples = EpochSamples.open(data, 3407, epoch, 10, 0)) {
            for (EncodedSample sample = samples.next(); sample != null; sample = samples.next()) {
                labels.add(sample.label());
            }
        }
        return labels;
    }

    /** Label to pixels of one epoch without flips. */
    private static Map<Integer, float[]> pixelsByLabel(TrainingData data) {
        Map<Integer, float[]> images = new TreeMap<>();
        for (TrainingBatch batch : read(data, options(false), DataPosition.start(), 1, IMAGES / BATCH)) {
            int values = batch.pixels().length / batch.size();
            for (int i = 0; i < batch.size(); i++) {
                images.put(batch.labels()[i], java.util.Arrays.copyOfRange(batch.pixels(), i * values,
                        (i + 1) * values));
            }
        }
        return images;
    }

    private static UsageException refused(Path folder) {
        return assertThrows(UsageException.class, () -> {
            TrainingData data = TrainingData.open(folder.toString(), ShardSet.Check.SIZE);
            read(data, options(true), DataPosition.start(), 1, (int) (data.images() / BATCH));
        });
    }

    private static void assertMentions(UsageException error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "'" + part + "' missing from: " + error.getMessage());
        }
    }

    private static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(bytes);
        }
    }

    private static long offsetOf(Path folder, long key) throws IOException {
        return Files.readAllLines(folder.resolve("train.idx")).stream().map(line -> line.split("\t"))
                .filter(fields -> Long.parseLong(fields[0]) == key).mapToLong(fields -> Long.parseLong(fields[1]))
                .findFirst().orElseThrow();
    }

    @Test
    void theSampleDataWritersInsightfaceFolderTrainsWithItsHeaderAndIdentityRecordsLeftOut() throws IOException {
        Path sample = directory.resolve("sample");
        SampleDataWriter writer = SampleDataWriter.builder().identities(10).imagesPerIdentity(4).seed(5)
                .formats(EnumSet.of(SampleFormat.RECORDIO)).build();
        writer.write(sample);
        Path folder = sample.resolve(SampleFormat.RECORDIO.directory());
        int people = writer.trainingIdentities();
        List<Integer> expected = IntStream.range(0, people * 4).map(i -> i / 4).boxed().toList();

        TrainingData data = TrainingData.open(folder.toString(), ShardSet.Check.FULL);
        assertInstanceOf(RecordIoTrainingSet.class, data);
        assertEquals(people * 4, data.images());
        assertEquals(people, data.classes());
        assertEquals(expected, epochLabels(data, 0).stream().sorted().toList());

        Files.delete(folder.resolve("property"));
        TrainingData withoutProperty = TrainingData.open(folder.toString(), ShardSet.Check.SIZE);
        assertEquals(people, withoutProperty.classes(), "B - A identity records of the header");
        assertEquals(epochLabels(data, 1), epochLabels(withoutProperty, 1));
    }

    @Test
    void aFolderWithoutHeaderRecordOrPropertyTakesItsClassesFromTheLargestLabel() {
        List<TestShards.Sample> samples = IntStream.range(0, 12)
                .mapToObj(i -> new TestShards.Sample(2 * (i % 3), SyntheticFaces.flat(i))).toList();
        Path folder = directory.resolve("no-header");
        TestRecordIo.write(folder, samples, 5, TestRecordIo.Layout.INGEST, false);
        TrainingData data = TrainingData.open(folder.toString(), ShardSet.Check.SIZE);
        assertEquals(12, data.images());
        assertEquals(5, data.classes());
        assertEquals(List.of(0, 0, 0, 0, 2, 2, 2, 2, 4, 4, 4, 4), epochLabels(data, 0).stream().sorted().toList());
    }

    @Test
    void recordIoWithAndWithoutTheHeaderGivesTheSameDecodedSamplesAsParquetShardsOfTheSameFaces() {
        Path parquet = directory.resolve("parquet");
        TestShards.writeTraining(parquet, ownClassSamples(), IMAGES, 3, 7);
        Map<Integer, float[]> fromParquet = pixelsByLabel(TrainingData.open(parquet.toString(), ShardSet.Check.SIZE));
        assertEquals(IMAGES, fromParquet.size());
        for (TestRecordIo.Layout layout : TestRecordIo.Layout.values()) {
            Map<Integer, float[]> fromRecordIo = pixelsByLabel(TrainingData.open(recordIo(layout, true).toString(),
                    ShardSet.Check.SIZE));
            assertEquals(fromParquet.keySet(), fromRecordIo.keySet(), layout.toString());
            fromParquet.forEach((label, pixels) -> assertArrayEquals(pixels, fromRecordIo.get(label),
                    layout + ", label " + label));
        }
    }

    @Test
    void blocksOfRecordsMixTheClassGroupedFileAndEveryImageComesOnceAnEpoch() {
        Path folder = recordIo(TestRecordIo.Layout.INSIGHTFACE, true);
        RecordIoTrainingSet blocks = RecordIoTrainingSet.open(folder.toString(), ShardSet.Check.SIZE, 7);
        assertEquals(List.of(7, 7, 7, 7, 7, 7, 6), blocks.rowGroups(0).stream().map(RowGroup::rows).toList());
        RecordIoTrainingSet oneBlock = RecordIoTrainingSet.open(folder.toString(), ShardSet.Check.SIZE);
        assertEquals(1, oneBlock.rowGroups(0).size());
        for (RecordIoTrainingSet data : List.of(blocks, oneBlock)) {
            List<Integer> first = epochLabels(data, 0);
            List<Integer> second = epochLabels(data, 1);
            assertEquals(IntStream.range(0, IMAGES).boxed().toList(), first.stream().sorted().toList());
            assertEquals(IntStream.range(0, IMAGES).boxed().toList(), second.stream().sorted().toList());
            assertTrue(!first.equals(second), "epochs differ in order");
            long lateInFile = first.subList(0, IMAGES / 2).stream().filter(label -> label >= IMAGES * 3 / 4).count();
            assertTrue(lateInFile >= 2, "the first half of the epoch holds " + lateInFile + " images of the file's"
                    + " last quarter: the file's class order shows through " + first);
        }
    }

    @Test
    void aResumedPipelineOverRecordIoContinuesExactlyWhereTheUninterruptedOneWas() {
        RecordIoTrainingSet data = RecordIoTrainingSet.open(recordIo(TestRecordIo.Layout.INGEST, true).toString(),
                ShardSet.Check.SIZE, 5);
        List<TrainingBatch> whole = read(data, options(true), DataPosition.start(), 2, 12);
        for (DataPosition start : List.of(new DataPosition(0, 3), new DataPosition(1, 0), new DataPosition(1, 4))) {
            int skipped = (int) (start.epoch() * 6 + start.batch());
            List<TrainingBatch> resumed = read(data, options(true), start, 2, 12 - skipped);
            for (int i = 0; i < resumed.size(); i++) {
                assertArrayEquals(whole.get(skipped + i).labels(), resumed.get(i).labels(), "from " + start);
                assertArrayEquals(whole.get(skipped + i).pixels(), resumed.get(i).pixels(), "from " + start);
            }
        }
    }

    @Test
    void aWrongMagicIsRefusedNamingFileKeyAndMagicBeforeTrainingWithTheFullCheck() throws IOException {
        Path folder = recordIo(TestRecordIo.Layout.INGEST, true);
        overwrite(folder.resolve("train.rec"), 0, new byte[] {1, 2, 3, 4});
        assertMentions(refused(folder), "train.rec", "key 0", "expected magic 0xced7230a", "found 0x04030201");

        Path middle = recordIo(TestRecordIo.Layout.INSIGHTFACE, true);
        overwrite(middle.resolve("train.rec"), offsetOf(middle, 17), new byte[4]);
        assertMentions(refused(middle), "train.rec", "key 17", "expected magic 0xced7230a", "found 0x00000000");
        TrainingData.open(middle.toString(), ShardSet.Check.SIZE);
        assertMentions(assertThrows(UsageException.class, () -> TrainingData.open(middle.toString(),
                ShardSet.Check.FULL)), "train.rec", "key 17", "expected magic", "found 0x00000000");
    }

    @Test
    void aRecordRunningPastTheEndOfTheFileIsRefusedNamingFileAndKey() throws IOException {
        Path folder = recordIo(TestRecordIo.Layout.INGEST, true);
        Path rec = folder.resolve("train.rec");
        Files.write(rec, java.util.Arrays.copyOf(Files.readAllBytes(rec), (int) Files.size(rec) - 100));
        assertMentions(refused(folder), "train.rec", "key " + (IMAGES - 1), "remain in the file");
    }

    @Test
    void anIndexOffsetPastTheEndIsRefusedNamingIndexKeyAndSize() throws IOException {
        Path folder = recordIo(TestRecordIo.Layout.INSIGHTFACE, true);
        long size = Files.size(folder.resolve("train.rec"));
        List<String> lines = Files.readAllLines(folder.resolve("train.idx")).stream()
                .map(line -> line.startsWith("5\t") ? "5\t" + (size + 64) : line).toList();
        Files.write(folder.resolve("train.idx"), lines);
        assertMentions(refused(folder), "train.idx", "key 5", "offset " + (size + 64), "past the end",
                size + " bytes");
    }

    @Test
    void aHeaderOnlyFolderWithoutItsIndexOrAnIndexWithoutItsRecordsIsRefusedNamingTheMissingFile() throws IOException {
        Path folder = recordIo(TestRecordIo.Layout.INSIGHTFACE, true);
        Files.delete(folder.resolve("train.idx"));
        assertMentions(refused(folder), "train.idx is missing", "train.rec");

        Path indexOnly = recordIo(TestRecordIo.Layout.INGEST, true);
        Files.delete(indexOnly.resolve("train.rec"));
        assertMentions(refused(indexOnly), "train.rec is missing beside its index", "train.idx");
    }

    @Test
    void aLabelBeyondThePropertysClassesIsRefusedNamingTheKey() throws IOException {
        Path folder = recordIo(TestRecordIo.Layout.INGEST, true);
        Files.writeString(folder.resolve("property"), "40,112,112\n" + IMAGES + "\n");
        UsageException outside = refused(folder);
        assertMentions(outside, "train.rec", "outside 0..39 (the set's 40 classes)");
        assertTrue(outside.getMessage().matches(".*key 4\\d has label 4\\d, .*"), outside.getMessage());

        Files.writeString(folder.resolve("property"), IMAGES + ",112,112\n" + (IMAGES + 1) + "\n");
        assertMentions(refused(folder), "property", (IMAGES + 1) + " images", IMAGES + " image records");
    }

    @Test
    void ingestsManifestBesideTheRecordsMustMatchTheirSizes() throws IOException {
        Path folder = recordIo(TestRecordIo.Layout.INGEST, true);
        FileSystem local = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(folder.toUri());
        List<ShardFile> files = new ArrayList<>();
        for (String name : List.of("train.idx", "property")) {
            files.add(ShardSet.describe(local, root, name, 0));
        }
        Manifest manifest = new Manifest(ShardSchema.VERSION, DatasetKind.TRAIN,
                new Counts(IMAGES, IMAGES, 0, 0, IMAGES, IMAGES),
                List.of(ShardSet.describe(local, root, "train.rec", IMAGES)), files, List.of(), Map.of("format", "recordio"));
        Path manifestFile = Path.of(ShardSet.manifestPath(new org.apache.hadoop.fs.Path(folder.toUri())).toUri());
        Files.createDirectories(manifestFile.getParent());
        Files.write(manifestFile, manifest.toJson());
        assertEquals(IMAGES, TrainingData.open(folder.toString(), ShardSet.Check.FULL).images());

        Files.write(folder.resolve("property"), List.of(IMAGES + ",112,112", Integer.toString(IMAGES), ""));
        assertMentions(refused(folder), "property", "the manifest says");
    }

    @Test
    void aFolderIngestWroteInBothFormatsIsReadFromItsParquetShards() throws IOException {
        Path folder = directory.resolve("both");
        TestShards.writeTraining(folder, ownClassSamples(), IMAGES, 2, 7);
        TestRecordIo.write(folder.resolve("records"), ownClassSamples(), IMAGES, TestRecordIo.Layout.INGEST, true);
        for (String name : List.of("train.rec", "train.idx")) {
            Files.move(folder.resolve("records").resolve(name), folder.resolve(name));
        }
        assertInstanceOf(TrainingShards.class, TrainingData.open(folder.toString(), ShardSet.Check.SIZE));
        List<Integer> labels = new ArrayList<>(epochLabels(TrainingData.open(folder.toString(), ShardSet.Check.SIZE),
                0));
        Collections.sort(labels);
        assertEquals(IntStream.range(0, IMAGES).boxed().collect(Collectors.toList()), labels);
    }
}
