package mhlr.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.core.testing.TestImages;
import mhlr.ingest.IngestRun;
import mhlr.ingest.ShardContents;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {
    private static final int IDENTITIES = 10;
    private static final int IMAGES = 8;

    @TempDir
    static Path temporary;

    static Path input;

    /** 80 good images in 10 identity folders, plus one of each kind of bad file and an exact duplicate. */
    @BeforeAll
    static void plantInput() {
        input = temporary.resolve("faces");
        for (int identity = 0; identity < IDENTITIES; identity++) {
            for (int index = 0; index < IMAGES; index++) {
                BufferedImage picture = TestImages.picture(identity, index, 60, 72);
                boolean png = index == 3;
                String name = png ? String.format("%03d", index) : String.format("%03d.jpg", index);
                TestImages.write(input.resolve(String.format("person_%02d", identity)).resolve(name),
                        png ? TestImages.png(picture) : TestImages.jpeg(picture));
            }
        }
        byte[] good = TestImages.jpeg(TestImages.picture(99, 0, 60, 72));
        TestImages.write(input.resolve("person_03/broken.jpg"), TestImages.corrupt(good));
        TestImages.write(input.resolve("person_04/cut.jpg"), TestImages.truncated(good));
        TestImages.write(input.resolve("person_05/empty.jpg"), new byte[0]);
        TestImages.write(input.resolve("person_06/notes.txt"), "not a face".getBytes());
        TestImages.write(input.resolve("person_07/zz_copy.jpg"),
                TestImages.jpeg(TestImages.picture(7, 1, 60, 72)));
        TestImages.write(input.resolve("README.md"), "files at the top are not records".getBytes());
        TestImages.write(input.resolve("person_01/.hidden"), new byte[] {1});
    }

    @Test
    void imageEstimateCountsEveryFileOfFewFoldersAndScalesASampleOfMany() throws IOException {
        Path root = temporary.resolve("estimate");
        List<FolderSource.IdentityFolder> folders = new ArrayList<>();
        for (int identity = 0; identity < 4 * FolderSource.SAMPLED_FOLDERS; identity++) {
            String name = String.format("id_%03d", identity);
            folders.add(new FolderSource.IdentityFolder(name, name));
            for (int index = 0; index < 1 + identity % 2; index++) {
                TestImages.write(root.resolve(name).resolve(index + ".jpg"), new byte[] {1});
            }
            TestImages.write(root.resolve(name).resolve(".hidden"), new byte[] {1});
            Files.createDirectories(root.resolve(name).resolve("folder"));
        }
        org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(root.toUri());
        Configuration hadoop = new Configuration();
        assertEquals(1 + 2 + 1, FolderSource.estimateImages(rootPath, folders.subList(0, 3), hadoop),
                "a folder's hidden files and subfolders are not images");
        assertEquals(3 * FolderSource.SAMPLED_FOLDERS / 2,
                FolderSource.estimateImages(rootPath, folders.subList(0, FolderSource.SAMPLED_FOLDERS), hadoop));
        // every fourth folder sampled: all of them hold one image, so the estimate is 1 a folder, not the 1.5 there is
        assertEquals(folders.size(), FolderSource.estimateImages(rootPath, folders, hadoop));
    }

    @Test
    void plantedBadFilesAreSkippedWithTheirReasonAndEveryGoodImageIsWritten() throws IOException {
        Path output = temporary.resolve("shards");
        IngestRun run = IngestRun.of("--format", "folders", "--input", input.toString(), "--output", output.toString(),
                "--set", "ingest.shard-rows=30", "--set", "ingest.max-skipped-fraction=0.06");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("warning: skipped 5 of 85 records"), run.stderr());
        assertTrue(run.stderr().contains("images/s"), "progress is printed: " + run.stderr());

        Manifest manifest = ShardSet.open(output.toString()).verify(ShardSet.Check.FULL).manifest();
        assertEquals(85, manifest.counts().read());
        assertEquals(80, manifest.counts().written());
        assertEquals(5, manifest.counts().skipped());
        assertEquals(1, manifest.counts().duplicates());
        assertEquals(IDENTITIES, manifest.counts().classes());
        assertEquals(3, manifest.shards().size(), "80 rows at 30 per shard");

        Map<String, String> reasons = ShardContents.skippedLines(output).stream()
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(',')),
                        line -> line.split(",")[1]));
        assertEquals(Map.of(
                "person_03/broken.jpg", "corrupt_image",
                "person_04/cut.jpg", "truncated_image",
                "person_05/empty.jpg", "empty_file",
                "person_06/notes.txt", "not_an_image",
                "person_07/zz_copy.jpg", "duplicate"), reasons);
        assertEquals(5, ShardContents.rows(output.resolve(ShardSchema.SKIPPED_FILE)).size());

        List<Group> rows = ShardContents.shardRows(output);
        assertEquals(80, rows.size());
        Map<String, Integer> labelOf = new TreeMap<>();
        Set<String> sources = new TreeSet<>();
        for (Group row : rows) {
            String identity = row.getString("identity", 0);
            Integer previous = labelOf.put(identity, row.getInteger("label", 0));
            assertTrue(previous == null || previous == row.getInteger("label", 0), "one label per identity");
            assertTrue(sources.add(row.getString("source", 0)), "each source once");
        }
        Map<String, Integer> expected = new HashMap<>();
        for (int identity = 0; identity < IDENTITIES; identity++) {
            expected.put(String.format("person_%02d", identity), identity);
        }
        assertEquals(expected, labelOf, "dense labels in sorted identity order");
        assertTrue(sources.contains("person_00/003"), "an image without extension is read by content");
        BufferedImage face = ShardContents.image(rows.get(0));
        assertEquals(112, face.getWidth());
        assertEquals(112, face.getHeight());
        assertEquals(3, face.getRaster().getNumBands());
    }

    @Test
    void sameInputAndSeedGiveIdenticalBytesAndAnotherSeedShufflesDifferently() throws IOException {
        Path first = temporary.resolve("run-1");
        Path second = temporary.resolve("run-2");
        Path reseeded = temporary.resolve("run-3");
        for (Path output : List.of(first, second)) {
            assertEquals(0, IngestRun.of("--input", input.toString(), "--output", output.toString(),
                    "--set", "ingest.shard-rows=30", "--set", "ingest.max-skipped-fraction=0.06").exitCode());
        }
        assertEquals(0, IngestRun.of("--input", input.toString(), "--output", reseeded.toString(),
                "--set", "ingest.shard-rows=30", "--set", "ingest.max-skipped-fraction=0.06", "--set", "seed=11")
                .exitCode());

        assertArrayEquals(Files.readAllBytes(first.resolve(ShardSchema.MANIFEST_FILE)),
                Files.readAllBytes(second.resolve(ShardSchema.MANIFEST_FILE)));
        for (ShardFile shard : ShardSet.open(first.toString()).manifest().shards()) {
            assertArrayEquals(Files.readAllBytes(first.resolve(shard.file())),
                    Files.readAllBytes(second.resolve(shard.file())), shard.file());
        }
        List<String> firstSums = ShardSet.open(first.toString()).manifest().shards().stream()
                .map(ShardFile::sha256).toList();
        List<String> reseededSums = ShardSet.open(reseeded.toString()).manifest().shards().stream()
                .map(ShardFile::sha256).toList();
        assertNotEquals(firstSums, reseededSums);
    }

    @Test
    void maxIdentitiesKeepsTheFirstIdentitiesAndListsTheOthersAsFilteredWithoutFailingTheLimit() {
        Path output = temporary.resolve("first-three");
        IngestRun run = IngestRun.of("--input", input.toString(), "--output", output.toString(),
                "--set", "ingest.max-identities=3", "--set", "ingest.max-skipped-fraction=0.06");

        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).manifest();
        assertEquals(3, manifest.counts().classes());
        assertEquals(3 * IMAGES, manifest.counts().written());
        assertEquals(85, manifest.counts().read());
        List<String> filtered = ShardContents.skippedLines(output).stream().filter(l -> l.contains(",filtered,"))
                .toList();
        assertEquals(7 * IMAGES, filtered.size());
        assertTrue(filtered.get(0).contains("after the first ingest.max-identities = 3"), filtered.get(0));
        assertEquals(Set.of("person_00", "person_01", "person_02"), ShardContents.shardRows(output).stream()
                .map(row -> row.getString("identity", 0)).collect(Collectors.toSet()));
    }

    @Test
    void tooManyBadRecordsFailWithExitTwoAndLeaveNoOutput() throws IOException {
        Path output = temporary.resolve("refused");
        IngestRun run = IngestRun.of("--input", input.toString(), "--output", output.toString(),
                "--set", "ingest.max-skipped-fraction=0.04");

        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("4 of 85 records"), run.stderr());
        assertTrue(run.stderr().contains("person_03/broken.jpg"), "the message names an example: " + run.stderr());
        assertFalse(Files.exists(output));
        try (Stream<Path> siblings = Files.list(temporary)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".refused")),
                    "no staging directory is left behind");
        }
    }
}
