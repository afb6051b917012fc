package mhlr.evaluate.identification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import mhlr.evaluate.EvaluateJob;
import mhlr.spark.SharedLocalSpark;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1:N through {@code bin/evaluate --embeddings} equals {@code ijb_1n_reference.py}, a numpy transcription of
 * insightface's {@code ijb_1n.py} kept beside this test, on a synthetic IJB-format set with ties.
 */
class OneToNReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private record Run(int code, String err) {
    }

    private static Run evaluate(Path root, Path features, Path output) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvaluateJob.run(SharedLocalSpark.session(), new String[] {"--embeddings", features.toString(),
            "--data", root.toString(), "--output", output.toString(), "--set",
            "evaluate.embedding-size=" + SyntheticIdentification.DIMENSION, "--set", "evaluate.partitions=3"},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rankAccuraciesAndTpirsEqualNumpysIjb1nWithTies() throws Exception {
        Path root = directory.resolve("ijb");
        Path features = SyntheticIdentification.write(root, 24, 11);
        Path output = directory.resolve("report");

        Run run = evaluate(root, features, output);

        assertEquals(0, run.code(), run.err());
        JsonNode ours = JSON.readTree(output.resolve("report.json").toFile()).get("ijb_1n");
        JsonNode numpy = JSON.readTree(reference(root, features));
        assertEquals(24, ours.get("gallery").asInt());
        assertEquals(32, ours.get("probes").asInt());
        for (String rank : List.of("rank_1", "rank_5", "rank_10")) {
            assertEquals(numpy.get(rank).asDouble(), ours.get(rank).asDouble(), rank);
        }
        for (String fpir : List.of("1e-02", "1e-01")) {
            assertEquals(numpy.get("tpir_at_fpir").get(fpir).asDouble(), ours.get("tpir_at_fpir").get(fpir).asDouble(),
                    "TPIR at " + fpir);
            assertEquals(numpy.get("threshold_at_fpir").get(fpir).asDouble(),
                    ours.get("threshold_at_fpir").get(fpir).asDouble(), 1e-12, "threshold at " + fpir);
        }
        assertEquals(1.0, ours.get("threshold_at_fpir").get("1e-02").asDouble(), 1e-15,
                "the tied probes' non-mate score 1.0 is the largest");
        assertTrue(ours.get("rank_1").asDouble() < 1.0 && ours.get("rank_10").asDouble() > ours.get("rank_1").asDouble(),
                ours.toString());
        assertTrue(Files.size(output.resolve("cmc.png")) > 0);
        assertTrue(Files.readString(output.resolve("report.md")).contains("TPIR@FPIR=1e-02"));
    }

    @Test
    void aOneToNFileNamingTemplatesWithoutImagesIsRefusedWithCountsAndOffenders() throws Exception {
        Path root = directory.resolve("ijb");
        Path features = SyntheticIdentification.write(root, 12, 3);
        Path probes = root.resolve("meta").resolve("ijbc_1N_probe_mixed.csv");
        Files.writeString(probes, "9001,5000,img/none.jpg\n9002,5001,img/none.jpg\n", StandardOpenOption.APPEND);
        Path output = directory.resolve("report");

        Run run = evaluate(root, features, output);

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("ijbc_1N_probe_mixed.csv names 2 of its 18 templates, first [9001, 9002]"),
                run.err());
        assertFalse(Files.exists(output));
    }

    /** The reference script's JSON; skips when python3 with numpy is not there. */
    private String reference(Path root, Path features) throws IOException, InterruptedException {
        Path script = directory.resolve("ijb_1n_reference.py");
        try (InputStream in = getClass().getResourceAsStream("ijb_1n_reference.py")) {
            Files.copy(in, script);
        }
        Process process;
        try {
            process = new ProcessBuilder("python3", script.toString(), root.toString(), SyntheticIdentification.PREFIX,
                    features.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not on the PATH: " + e.getMessage());
            throw e;
        }
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        Assumptions.assumeFalse(text.contains("No module named 'numpy'"), "numpy is not installed for python3");
        assertEquals(0, code, text);
        return text;
    }
}
