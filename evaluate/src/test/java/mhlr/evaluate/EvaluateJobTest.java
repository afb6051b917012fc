package mhlr.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.IjbFaces;
import mhlr.core.format.IjbMeta;
import mhlr.core.format.IjbTemplatePairs;
import mhlr.evaluate.bench.SyntheticIjb;
import mhlr.evaluate.protocol.PairScorer;
import mhlr.evaluate.protocol.TemplateFeatures;
import mhlr.evaluate.protocol.TemplatePairs;
import mhlr.evaluate.protocol.TemplatePooling;
import mhlr.evaluate.roc.Roc;
import mhlr.evaluate.roc.RocCurve;
import mhlr.spark.SharedLocalSpark;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private record Run(int code, String err) {
    }

    private static Run evaluate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvaluateJob.run(SharedLocalSpark.session(), args, new PrintStream(out, true),
                new PrintStream(err, true));
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    /** A small IJB protocol written as IJB's meta files, and its features as [N, 2D] (embedding, flip). */
    private Path ijbRoot(SyntheticIjb protocol, int[] leftIds, String name) throws IOException {
        Path root = directory.resolve(name);
        int n = protocol.templateIds().length;
        String[] images = new String[n];
        Map<String, FaceLandmarks> landmarks = new HashMap<>();
        for (int i = 0; i < n; i++) {
            images[i] = (i + 1) + ".jpg";
            landmarks.put(images[i], new FaceLandmarks(new float[10], protocol.detectorScores()[i]));
        }
        IjbMeta.write(root, "ijbc", new IjbFaces(images, protocol.templateIds(), protocol.mediaIds()),
                new IjbTemplatePairs(leftIds, protocol.rightIds(), protocol.same()), landmarks);
        return root;
    }

    private static float[] withFlip(SyntheticIjb protocol, int dimension) {
        int n = protocol.templateIds().length;
        float[] values = new float[n * 2 * dimension];
        float[] row = new float[dimension];
        for (int i = 0; i < n; i++) {
            protocol.features().row(i, row);
            for (int k = 0; k < dimension; k++) {
                values[i * 2 * dimension + k] = row[k] * 0.75f;
                values[i * 2 * dimension + dimension + k] = row[k] * 0.25f;
            }
        }
        return values;
    }

    @Test
    void ijbFromMetaFilesAndNpyEqualsTheDirectComputation() throws IOException {
        int dimension = 16;
        SyntheticIjb protocol = SyntheticIjb.generate(3, 20, 24, 80, 1200, 2500, 70, dimension);
        Path root = ijbRoot(protocol, protocol.leftIds(), "ijb");
        float[] features = withFlip(protocol, dimension);
        Path npy = NpyFiles.write(directory.resolve("ijbc.npy"), features, protocol.templateIds().length, 2 * dimension);
        Path output = directory.resolve("report");

        Run run = evaluate("--embeddings", npy.toString(), "--data", root.toString(), "--output", output.toString(),
                "--set", "evaluate.embedding-size=" + dimension, "--set", "evaluate.roc-ranges=3");

        assertEquals(0, run.code(), run.err());
        JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
        assertEquals("ijb", report.get("protocol").asText());
        assertEquals(2500, report.get("pairs").asLong());
        assertEquals(70, report.get("genuine").asLong());
        TemplateFeatures templates = TemplatePooling.pool(
                mhlr.evaluate.embed.FeatureMatrix.of(features, protocol.templateIds().length, 2 * dimension, true),
                protocol.templateIds(), protocol.mediaIds(), protocol.detectorScores());
        TemplatePairs pairs = TemplatePairs.resolve(protocol.leftIds(), protocol.rightIds(), protocol.same(),
                templates, "test");
        double[] scores = new double[pairs.size()];
        new PairScorer(templates).score(pairs.left(), pairs.right(), 0, pairs.size(), scores);
        RocCurve direct = Roc.curve(scores, pairs.same());
        List<String> keys = new ArrayList<>();
        report.get("tar_at_far").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("1e-06", "1e-05", "1e-04", "1e-03", "1e-02", "1e-01"), keys);
        double[] fars = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1};
        for (int i = 0; i < fars.length; i++) {
            assertEquals(direct.tarAtFar(fars[i]), report.get("tar_at_far").get(keys.get(i)).asDouble(), keys.get(i));
        }
        assertTrue(Files.size(output.resolve("roc.png")) > 1000);
        assertTrue(Files.readString(output.resolve("report.md")).contains("TAR@FAR=1e-04"));
        try (Stream<Path> parts = Files.list(output.resolve("scores"))) {
            assertTrue(parts.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")));
        }
        long scoreRows = SharedLocalSpark.session().read().parquet(output.resolve("scores").toString()).count();
        assertEquals(2500, scoreRows);
    }

    @Test
    void badIjbInputsExitTwoWithCountsAndOffenders() throws IOException {
        int dimension = 8;
        SyntheticIjb protocol = SyntheticIjb.generate(5, 10, 12, 30, 300, 400, 20, dimension);
        int[] left = protocol.leftIds().clone();
        left[3] = 9001;
        left[7] = 9002;
        left[8] = 9002;
        Path absent = ijbRoot(protocol, left, "absent");
        float[] features = withFlip(protocol, dimension);
        int n = protocol.templateIds().length;
        Path npy = NpyFiles.write(directory.resolve("f.npy"), features, n, 2 * dimension);
        String size = "evaluate.embedding-size=" + dimension;

        Run missing = evaluate("--embeddings", npy.toString(), "--data", absent.toString(), "--output",
                directory.resolve("o1").toString(), "--set", size);
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("3 pairs name templates that have no images"), missing.err());
        assertTrue(missing.err().contains("template 9001"), missing.err());
        assertFalse(Files.exists(directory.resolve("o1")));

        Path good = ijbRoot(protocol, protocol.leftIds(), "good");
        Path shortRows = NpyFiles.write(directory.resolve("short.npy"), Arrays.copyOf(features, features.length
                - 2 * dimension), n - 1, 2 * dimension);
        Run rows = evaluate("--embeddings", shortRows.toString(), "--data", good.toString(), "--output",
                directory.resolve("o2").toString(), "--set", size);
        assertEquals(2, rows.code(), rows.err());
        assertTrue(rows.err().contains((n - 1) + " rows but ijbc lists " + n + " faces"), rows.err());

        Run columns = evaluate("--embeddings", npy.toString(), "--data", good.toString(), "--output",
                directory.resolve("o3").toString(), "--set", "evaluate.embedding-size=" + (dimension + 1));
        assertEquals(2, columns.code(), columns.err());
        assertTrue(columns.err().contains("columns"), columns.err());

        Path empty = directory.resolve("empty");
        IjbMeta.write(empty, "ijbc", new IjbFaces(new String[] {"1.jpg"}, new int[] {1}, new int[] {1}),
                new IjbTemplatePairs(new int[0], new int[0], new boolean[0]),
                Map.of("1.jpg", new FaceLandmarks(new float[10], 1f)));
        Path one = NpyFiles.write(directory.resolve("one.npy"), new float[dimension], 1, dimension);
        Run nothing = evaluate("--embeddings", one.toString(), "--data", empty.toString(), "--output",
                directory.resolve("o4").toString(), "--set", size);
        assertEquals(2, nothing.code(), nothing.err());
        assertTrue(nothing.err().contains("no pairs"), nothing.err());
    }

    @Test
    void anEmbeddingsFileWhoseShapeOverflowsExitsTwoNamingItWithoutAllocatingAndCommitsNothing() throws IOException {
        int dimension = 8;
        SyntheticIjb protocol = SyntheticIjb.generate(5, 10, 12, 30, 300, 400, 20, dimension);
        Path data = ijbRoot(protocol, protocol.leftIds(), "overflow-data");
        String dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 16), }";
        StringBuilder header = new StringBuilder(dictionary);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        npy.write(header.length() & 0xff);
        npy.write(header.length() >> 8);
        npy.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        npy.write(new byte[64]);
        Path hostile = Files.write(directory.resolve("overflow.npy"), npy.toByteArray());
        Path output = directory.resolve("overflow-out");

        Run run = evaluate("--embeddings", hostile.toString(), "--data", data.toString(), "--output",
                output.toString(), "--set", "evaluate.embedding-size=" + dimension);

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("overflow.npy"), run.err());
        try (Stream<Path> left = Files.list(directory)) {
            assertEquals(List.of(), left.map(path -> path.getFileName().toString())
                    .filter(name -> name.contains("overflow-out")).toList());
        }
    }

    @Test
    void answersHelpAndRefusesWrongFlagsWithExitTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int help = EvaluateJob.run(SharedLocalSpark.session(), new String[] {"--help"}, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, help);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--embeddings FILE.npy"));
        Run unknown = evaluate("--modle", "x", "--data", "d", "--output", "o");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown option '--modle'"), unknown.err());
        Run both = evaluate("--model", "m", "--embeddings", "e.npy", "--data", "d", "--output", "o");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("exactly one of --model"), both.err());
        Run key = evaluate("--embeddings", "e.npy", "--data", "d", "--output", "o", "--set", "evaluate.bach-size=3");
        assertEquals(2, key.code());
        assertTrue(key.err().contains("evaluate.bach-size"), key.err());
    }

    @Test
    void tenFoldOnTheRealLfwPairsOfFoldsOneAndTwoFromANpy() throws IOException {
        String shared = System.getProperty("mhlr.shared.data");
        Assumptions.assumeTrue(shared != null && Files.isRegularFile(Path.of(shared, "lfw_a_subset", "pairs.txt")),
                "shared data absent");
        List<String> lines = Files.readAllLines(Path.of(shared, "lfw_a_subset", "pairs.txt"));
        Path pairs = directory.resolve("pairs.txt");
        List<String> firstTwoFolds = new ArrayList<>();
        firstTwoFolds.add("2\t300");
        firstTwoFolds.addAll(lines.subList(1, 1201));
        Files.write(pairs, firstTwoFolds);
        Random random = new Random(11);
        float[] values = new float[2400 * 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        Path npy = NpyFiles.write(directory.resolve("lfw.npy"), values, 2400, 8);
        Path output = directory.resolve("lfw-report");

        Run run = evaluate("--embeddings", npy.toString(), "--data", pairs.toString(), "--output", output.toString(),
                "--set", "evaluate.embedding-size=8");

        assertEquals(0, run.code(), run.err());
        JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
        List<String> keys = new ArrayList<>();
        report.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("protocol", "pairs", "accuracy", "auc", "eer", "val_at_far_1e-3"), keys);
        assertEquals("tenfold", report.get("protocol").asText());
        assertEquals(1200, report.get("pairs").asLong());
        double accuracy = report.get("accuracy").get("mean").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        // Random features rank pairs at random. (Accuracy itself falls far below 0.5 here: KFold cuts 1,200 pairs
        // into 120-pair folds that are all same or all different, and the threshold learnt on the other nine
        // follows their majority, as insightface's would.)
        double auc = report.get("auc").asDouble();
        assertTrue(auc > 0.4 && auc < 0.6, "random features: AUC near 0.5, got " + auc);
        assertEquals(1200, SharedLocalSpark.session().read().parquet(output.resolve("scores").toString()).count());

        Run again = evaluate("--embeddings", npy.toString(), "--data", pairs.toString(), "--output", output.toString(),
                "--set", "evaluate.embedding-size=8");
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains("--overwrite"), again.err());
    }
}
