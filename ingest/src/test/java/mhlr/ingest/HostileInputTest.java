package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import mhlr.core.format.IjbMeta;
import mhlr.core.format.RecordIoReader;
import mhlr.core.format.RecordIoWriter;
import mhlr.core.image.FaceAligner;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.core.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input built to escape its root, to hang the job or to exhaust its memory: each run ends within a minute, reads
 * nothing outside the root, and lists what it refused with its reason or exits 2 with nothing committed.
 */
class HostileInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path temporary;
    static Path samples;

    @BeforeAll
    static void writeSamples() throws IOException {
        samples = temporary.resolve("samples");
        SampleDataWriter.builder().identities(10).imagesPerIdentity(3).seed(5).photoSize(96).threads(2)
                .formats(EnumSet.of(SampleFormat.FOLDERS, SampleFormat.LFW, SampleFormat.IJB,
                        SampleFormat.CFP)).build().write(samples);
    }

    @Test
    void anLfwPairsFileThatClimbsOutOfTheRootIsSkippedAsOutsideRootAndNothingOutsideIsRead() throws IOException {
        Path lfw = samples.resolve("lfw");
        Path pairs = lfw.resolve("pairs.txt");
        List<String> lines = Files.readAllLines(pairs, StandardCharsets.UTF_8);
        String name = lines.get(1).split("\t")[0];
        lines.set(1, lines.get(1).replace(name, "../outside"));
        Files.write(pairs, lines, StandardCharsets.UTF_8);
        Path secret = Files.copy(firstImage(lfw), samples.resolve("outside_0001.jpg"));

        Path output = temporary.resolve("lfw-out");
        IngestRun run = assertTimeoutPreemptively(LIMIT, () -> IngestRun.of("--format", "lfw", "--input",
                lfw.toString(), "--output", output.toString(), "--set", "ingest.max-skipped-fraction=1.0"));

        assertEquals(0, run.exitCode(), run.stderr());
        String skipped = Files.readString(output.resolve(ShardSchema.SKIPPED_CSV));
        assertTrue(skipped.contains("../outside/../outside_0001.jpg,outside_root"), skipped);
        assertTrue(Files.exists(secret), "the file outside the root is still there, and was not read");
        Manifest manifest = ShardSet.open(output.toString()).verify(ShardSet.Check.FULL).manifest();
        assertTrue(manifest.counts().skipped() >= 1, manifest.counts().toString());
    }

    @Test
    void aNamedPipeAndLinksOutOfTheRootInAFoldersSetAreSkippedWithoutHanging() throws Exception {
        Path folders = samples.resolve("folders");
        Path identity = firstImage(folders).getParent();
        Path outside = Files.copy(firstImage(identity), temporary.resolve("outside.jpg"));
        Files.createSymbolicLink(identity.resolve("link-out.jpg"), outside);
        Path outsideFolder = Files.createDirectories(temporary.resolve("outside-identity"));
        Files.copy(firstImage(identity), outsideFolder.resolve("secret.jpg"));
        Files.createSymbolicLink(identity.resolveSibling("linked-identity"), outsideFolder);
        Path pipe = identity.resolve("pipe.jpg");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        } catch (IOException e) {
            mkfifo = null;
        }
        assumeTrue(mkfifo != null && mkfifo.waitFor() == 0, "mkfifo is not available");

        Path output = temporary.resolve("folders-out");
        IngestRun run = assertTimeoutPreemptively(LIMIT, () -> IngestRun.of("--format", "folders", "--input",
                folders.toString(), "--output", output.toString(), "--set", "ingest.max-skipped-fraction=1.0"));

        assertEquals(0, run.exitCode(), run.stderr());
        String skipped = Files.readString(output.resolve(ShardSchema.SKIPPED_CSV));
        assertTrue(skipped.contains("not_a_regular_file") && skipped.contains("pipe.jpg"), skipped);
        assertTrue(skipped.contains("outside_root") && skipped.contains("link-out.jpg"), skipped);
        assertTrue(skipped.contains("linked-identity/secret.jpg,outside_root"), "a linked identity folder: "
                + skipped);
    }

    @Test
    void anIjbMetaFileNamingDevZeroIsSkippedAsOutsideRootWithoutReadingIt() throws IOException {
        Path ijb = samples.resolve("ijb");
        Path faces;
        try (var files = Files.list(ijb.resolve(IjbMeta.META))) {
            faces = files.filter(file -> file.toString().endsWith(IjbMeta.FACES_SUFFIX)).findFirst().orElseThrow();
        }
        String image = Files.readAllLines(faces).get(0).split(" ")[0];
        String devZero = "../../../../../../../../../../dev/zero";
        Path landmarks = faces.resolveSibling(faces.getFileName().toString().replace(IjbMeta.FACES_SUFFIX,
                IjbMeta.LANDMARKS_SUFFIX));
        for (Path meta : List.of(faces, landmarks)) {
            Files.writeString(meta, Files.readString(meta).replaceFirst("(?m)^" + java.util.regex.Pattern.quote(image)
                    + " ", devZero + " "));
        }

        Path output = temporary.resolve("ijb-out");
        IngestRun run = assertTimeoutPreemptively(LIMIT, () -> IngestRun.of("--format", "ijb", "--input",
                ijb.toString(), "--output", output.toString(), "--set", "ingest.max-skipped-fraction=1.0"));

        assertEquals(0, run.exitCode(), run.stderr());
        String skipped = Files.readString(output.resolve(ShardSchema.SKIPPED_CSV));
        assertTrue(skipped.contains("dev/zero,outside_root"), skipped);
    }

    @Test
    void aCfpListClimbingOutOfTheRootIsSkippedAsOutsideRoot() throws IOException {
        Path cfp = samples.resolve("cfp");
        Path list = cfp.resolve("Protocol/Pair_list_F.txt");
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        lines.set(0, lines.get(0).split(" ")[0] + " ../Data/../../outside.jpg");
        Files.write(list, lines, StandardCharsets.UTF_8);
        Files.copy(firstImage(cfp), samples.resolve("outside.jpg"));

        Path output = temporary.resolve("cfp-out");
        IngestRun run = assertTimeoutPreemptively(LIMIT, () -> IngestRun.of("--format", "cfp", "--input",
                cfp.toString(), "--output", output.toString(), "--set", "ingest.max-skipped-fraction=1.0"));

        assertEquals(0, run.exitCode(), run.stderr());
        String skipped = Files.readString(output.resolve(ShardSchema.SKIPPED_CSV));
        assertTrue(skipped.contains("Data/../../outside.jpg,outside_root"), skipped);
    }

    @Test
    void aMemoBombBinIsRefusedWithExitTwoNamingTheFileAndNothingIsCommitted() throws IOException {
        int imageBytes = 100_000;
        int fetches = 49_999;
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.writeBytes(new byte[] {(byte) 0x80, 4, ']', '(', 'B', (byte) imageBytes, (byte) (imageBytes >> 8),
            (byte) (imageBytes >> 16), 0});
        pickle.writeBytes(new byte[imageBytes]);
        pickle.writeBytes(new byte[] {'q', 0});
        for (int i = 0; i < fetches; i++) {
            pickle.writeBytes(new byte[] {'h', 0});
        }
        pickle.writeBytes(new byte[] {'e', ']', '('});
        for (int i = 0; i < (fetches + 1) / 2; i++) {
            pickle.write(0x88);
        }
        pickle.writeBytes(new byte[] {'e', (byte) 0x86, '.'});
        Path bomb = Files.write(temporary.resolve("bomb.bin"), pickle.toByteArray());

        Path output = temporary.resolve("bomb-out");
        IngestRun run = assertTimeoutPreemptively(LIMIT, () -> IngestRun.of("--format", "bin", "--input",
                bomb.toString(), "--output", output.toString()));

        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("bomb.bin: byte ") && run.stderr().contains("memo fetches repeat"),
                run.stderr());
        assertNothingCommitted("bomb-out");
    }

    @Test
    void aRecordIoRecordOfManyPartsAndOnePastTheCapAreSkippedWithTheirReasonsWithinAMinute() throws IOException {
        Path input = Files.createDirectories(temporary.resolve("recordio"));
        Path rec = input.resolve("train.rec");
        Path idx = input.resolve("train.idx");
        try (RecordIoWriter writer = RecordIoWriter.create(rec, idx)) {
            for (int key = 0; key < 4; key++) {
                writer.writeImage(key, key % 2, TestImages.jpeg(TestImages.picture(key % 2, key, 112, 112)));
            }
        }
        long manyParts = Files.size(rec);
        int parts = 200_000;
        ByteBuffer crafted = ByteBuffer.allocate(8 + 24 + 12 * (parts - 1)).order(ByteOrder.LITTLE_ENDIAN);
        crafted.putInt(RecordIoWriter.MAGIC).putInt(1 << 29 | 24).putInt(0).putFloat(1f).putLong(0).putLong(0);
        for (int part = 1; part < parts; part++) {
            crafted.putInt(RecordIoWriter.MAGIC).putInt((part == parts - 1 ? 3 : 2) << 29 | 4).putInt(part);
        }
        long pastTheCap = manyParts + crafted.capacity();
        long claimed = RecordIoReader.MAX_RECORD_BYTES + 4L;
        try (FileChannel channel = FileChannel.open(rec, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(crafted.flip());
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(RecordIoWriter.MAGIC)
                    .putInt((int) claimed).flip());
        }
        try (FileChannel channel = FileChannel.open(rec, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4), pastTheCap + 8 + claimed - 4);
        }
        Files.writeString(idx, Files.readString(idx) + "4\t" + manyParts + "\n5\t" + pastTheCap + "\n");

        Path output = temporary.resolve("recordio-out");
        IngestRun run = assertTimeoutPreemptively(LIMIT, () -> IngestRun.of("--format", "recordio", "--input",
                input.toString(), "--output", output.toString(), "--set", "ingest.max-skipped-fraction=1.0"));

        assertEquals(0, run.exitCode(), run.stderr());
        String skipped = Files.readString(output.resolve(ShardSchema.SKIPPED_CSV));
        assertTrue(skipped.contains("train.rec#4,not_an_image"), skipped);
        assertTrue(skipped.contains("train.rec#5,bad_record") && skipped.contains("cap of 67,108,864 bytes"),
                skipped);
        assertEquals(4, ShardSet.open(output.toString()).verify(ShardSet.Check.FULL).manifest().counts().images());
    }

    @Test
    void aTenThousandPixelSquareJpegIsAlignedFromASubsampledDecodeOrSkippedAsTooLargeWhenItsFaceIsSmall()
            throws IOException {
        Path input = Files.createDirectories(temporary.resolve("huge"));
        byte[] huge = TestImages.hugeJpeg(10_000);
        TestImages.write(input.resolve("a/whole.jpg"), huge);
        TestImages.write(input.resolve("b/tiny-face.jpg"), huge);
        TestImages.write(input.resolve("b/small.jpg"), TestImages.jpeg(TestImages.picture(1, 1, 200, 200)));
        float[] template = FaceAligner.template();
        StringBuilder lines = new StringBuilder();
        for (String name : List.of("a/whole.jpg", "b/tiny-face.jpg", "b/small.jpg")) {
            float scale = name.equals("a/whole.jpg") ? 10_000 / 112f : 1;
            lines.append(name);
            for (float value : template) {
                lines.append(' ').append(value * scale);
            }
            lines.append('\n');
        }
        Files.writeString(input.resolve("landmarks.txt"), lines);

        Path output = temporary.resolve("huge-out");
        IngestRun run = assertTimeoutPreemptively(LIMIT, () -> IngestRun.of("--format", "landmarks", "--input",
                input.toString(), "--output", output.toString(), "--set", "ingest.max-skipped-fraction=1.0"));

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(2, ShardSet.open(output.toString()).verify(ShardSet.Check.FULL).manifest().counts().images());
        String skipped = Files.readString(output.resolve(ShardSchema.SKIPPED_CSV));
        assertTrue(skipped.contains("b/tiny-face.jpg,image_too_large") && skipped.contains("10000x10000"), skipped);
    }

    @Test
    void anIdentityFolderThatCannotBeListedFailsTheIngestInsteadOfCountingAsOneSkippedRecord() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "running as root, which lists a folder whatever its permissions");
        Path folders = Files.createDirectories(temporary.resolve("unlistable"));
        for (String person : List.of("a", "b")) {
            Path folder = Files.createDirectories(folders.resolve(person));
            Files.write(folder.resolve("1.jpg"), TestImages.jpeg(TestImages.picture(1, 1, 96, 96)));
        }
        Path closed = folders.resolve("b");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        try {
            Path output = temporary.resolve("unlistable-out");
            IngestRun run = assertTimeoutPreemptively(LIMIT, () -> IngestRun.of("--format", "folders", "--input",
                    folders.toString(), "--output", output.toString(), "--set", "ingest.max-skipped-fraction=1.0"));

            assertEquals(1, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("identity folder") && run.stderr().contains("cannot be listed"),
                    run.stderr());
            assertNothingCommitted("unlistable-out");
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aPgmWhoseHeaderPromisesMorePixelsThanItHoldsIsSkippedAsTruncated() throws IOException {
        Path set = temporary.resolve("pgm-set");
        Path person = Files.createDirectories(set.resolve("person_a"));
        Files.copy(firstImage(samples.resolve("folders")), person.resolve("good.jpg"));
        ByteArrayOutputStream pgm = new ByteArrayOutputStream();
        pgm.write("P5\n92 112\n255\n".getBytes(StandardCharsets.US_ASCII));
        pgm.write(new byte[100]);
        Files.write(person.resolve("cut.pgm"), pgm.toByteArray());

        Path output = temporary.resolve("pgm-out");
        IngestRun run = assertTimeoutPreemptively(LIMIT, () -> IngestRun.of("--format", "folders", "--input",
                set.toString(), "--output", output.toString(), "--set", "ingest.max-skipped-fraction=1.0"));

        assertEquals(0, run.exitCode(), run.stderr());
        String skipped = Files.readString(output.resolve(ShardSchema.SKIPPED_CSV));
        assertTrue(skipped.contains("cut.pgm") && skipped.contains("truncated_image"), skipped);
        Manifest manifest = ShardSet.open(output.toString()).verify(ShardSet.Check.FULL).manifest();
        assertEquals(1, manifest.counts().written(), manifest.counts().toString());
    }

    /** Neither the output nor its staging or lock is left beside it. */
    private static void assertNothingCommitted(String output) throws IOException {
        try (var files = Files.list(temporary)) {
            List<String> left = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.contains(output)).toList();
            assertEquals(List.of(), left);
        }
    }

    private static Path firstImage(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
        }
    }
}
