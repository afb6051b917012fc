package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ProtocolEntry;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.spark.SharedLocalSpark;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faces from {@code ../shared/data} (path from the system property {@code mhlr.shared.data}); skipped when
 * the data is not on this machine.
 */
class SharedDataTest {
    @TempDir
    Path temporary;

    private static Path dataset(String name) {
        String root = System.getProperty("mhlr.shared.data");
        Assumptions.assumeTrue(root != null, "mhlr.shared.data is not set");
        Path path = Path.of(root, name);
        Assumptions.assumeTrue(Files.isDirectory(path), path + " is not on this machine");
        return path;
    }

    @Test
    void orlPgmFoldersBecomeFortyDenseClassesOf112x112ColourFaces() {
        Path input = dataset("orl_faces");
        Path output = temporary.resolve("orl");

        IngestRun run = IngestRun.of("--format", "folders", "--input", input.toString(), "--output", output.toString(),
                "--set", "ingest.shard-rows=100");

        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).manifest();
        assertEquals(400, manifest.counts().read());
        assertEquals(400, manifest.counts().written());
        assertEquals(0, manifest.counts().skipped());
        assertEquals(40, manifest.counts().classes());
        assertEquals(400, SharedLocalSpark.session().read().parquet(output.toString()).count(),
                "Spark pointed at the shard folder reads exactly the written rows");
        List<Group> rows = ShardContents.shardRows(output);
        Map<String, Integer> labels = new TreeMap<>();
        Map<Integer, Integer> perLabel = new TreeMap<>();
        for (Group row : rows) {
            labels.put(row.getString("identity", 0), row.getInteger("label", 0));
            perLabel.merge(row.getInteger("label", 0), 1, Integer::sum);
        }
        assertEquals(new ArrayList<>(new TreeSet<>(labels.values())), new ArrayList<>(labels.values()),
                "labels increase with the sorted identity names");
        assertEquals(40, perLabel.size());
        assertEquals(0, perLabel.keySet().iterator().next());
        assertTrue(perLabel.values().stream().allMatch(count -> count == 10));
        assertFace(rows.get(0));
        assertFace(rows.get(rows.size() - 1));
    }

    @Test
    void lfwSubsetWithItsPairsKeepsThePairsWhoseImagesArePresent() throws IOException {
        Path input = dataset("lfw_a_subset");
        Path output = temporary.resolve("lfw");
        Map<String, Boolean> named = new TreeMap<>();
        long expectedPairs = 0;
        long expectedGenuine = 0;
        for (String line : Files.readAllLines(input.resolve("pairs.txt")).subList(1, 6001)) {
            String[] f = line.split("\\s+");
            String left = key(f[0], f[1]);
            String right = f.length == 3 ? key(f[0], f[2]) : key(f[2], f[3]);
            boolean both = true;
            for (String key : List.of(left, right)) {
                boolean present = Files.exists(input.resolve(key));
                named.put(key, present);
                both &= present;
            }
            expectedPairs += both ? 1 : 0;
            expectedGenuine += both && f.length == 3 ? 1 : 0;
        }
        long present = named.values().stream().filter(p -> p).count();

        IngestRun run = IngestRun.of("--format", "lfw", "--input", input.toString(), "--output", output.toString(),
                "--set", "ingest.max-skipped-fraction=1");

        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).verify(ShardSet.Check.FULL).manifest();
        assertEquals(named.size(), manifest.counts().read());
        assertEquals(present, manifest.counts().written());
        assertEquals(named.size() - present, manifest.counts().skipped());
        assertEquals(List.of(new ProtocolEntry("lfw", ProtocolEntry.TENFOLD, expectedPairs, expectedGenuine)),
                manifest.protocols());
        assertEquals(expectedPairs, ShardContents.rows(output.resolve(ShardSchema.PAIRS_FILE)).size());
        assertTrue(expectedPairs >= 1200, "folds 1 and 2 are complete: " + expectedPairs);
        List<Group> rows = ShardContents.rows(output.resolve(manifest.shards().get(0).file()));
        assertFace(rows.get(0));
    }

    @Test
    void lfwFoldsOneAndTwoAsABinAreReadBackByPythonsPickle() throws IOException, InterruptedException {
        Path input = dataset("lfw_a_subset");
        Path pairs = temporary.resolve("pairs-folds-1-2.txt");
        List<String> lines = new ArrayList<>(List.of("2\t300"));
        lines.addAll(Files.readAllLines(input.resolve("pairs.txt")).subList(1, 1 + 1200));
        Files.write(pairs, lines);
        Path output = temporary.resolve("lfw-bin");

        IngestRun run = IngestRun.of("--format", "lfw", "--input", input.toString(), "--output", output.toString(),
                "--output-format", "bin", "--set", "ingest.pairs-file=" + pairs, "--set",
                "ingest.max-skipped-fraction=1");

        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).verify(ShardSet.Check.FULL).manifest();
        assertEquals(1200, manifest.file("lfw.bin").orElseThrow().rows());
        Optional<Path> python = python3();
        Assumptions.assumeTrue(python.isPresent(), "python3 is not on the PATH: pickle check skipped");
        Process process = new ProcessBuilder(python.get().toString(), "-c", "import pickle, sys\n"
                + "bins, issame = pickle.load(open(sys.argv[1], 'rb'), encoding='bytes')\n"
                + "print(len(bins), len(issame), sum(bool(x) for x in issame), bins[0][:2].hex())",
                output.resolve("lfw.bin").toString()).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), printed);
        assertEquals("2400 1200 600 ffd8", printed, "images, pairs, same pairs, a JPEG first");
    }

    private static Optional<Path> python3() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "python3")).filter(Files::isExecutable).findFirst();
    }

    private static String key(String name, String number) {
        return String.format("%s/%s_%04d.jpg", name, name, Integer.parseInt(number));
    }

    private static void assertFace(Group row) {
        BufferedImage face = ShardContents.image(row);
        assertEquals(112, face.getWidth());
        assertEquals(112, face.getHeight());
        assertEquals(3, face.getRaster().getNumBands(), "grayscale input becomes 3 channels");
    }
}
