package mhlr.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import mhlr.core.dataset.ShardSet;
import mhlr.evaluate.embed.FeatureMatrix;
import mhlr.evaluate.embed.NpyFile;
import mhlr.ingest.IngestJob;
import mhlr.spark.SharedLocalSpark;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.TrainingModel;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/embed} on shards {@code bin/ingest} wrote from core's sample data, with an exported (untrained) tiny
 * model: its {@code .npy} evaluated with {@code bin/evaluate --embeddings} gives the report of
 * {@code bin/evaluate --model} on the same shards, byte for byte (IJB 1:1 and 1:N, and 10-fold).
 */
class EmbedJobTest {
    private static final int DIMENSION = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    static Path model;

    private record Run(int code, String err) {
    }

    @BeforeAll
    static void shardsAndModel() throws IOException {
        Path samples = directory.resolve("samples");
        SampleDataWriter.builder().identities(10).imagesPerIdentity(4).seed(3).photoSize(96).threads(2)
                .formats(EnumSet.of(SampleFormat.FOLDERS, SampleFormat.VERIFICATION, SampleFormat.IJB)).build()
                .write(samples);
        for (String[] format : new String[][] {{"ijb", "ijb"}, {"bin", "verification"}, {"folders", "folders"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = IngestJob.run(SharedLocalSpark.session(), new String[] {"--format", format[0], "--input",
                samples.resolve(format[1]).toString(), "--output", directory.resolve("shards-" + format[0]).toString()},
                    new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        }
        model = directory.resolve("model.mhlr");
        TrainingModel.builder(BackboneSpec.builder("tiny").inputSize(56).embeddingSize(DIMENSION).build(), 10).build()
                .exportInferenceModel(model);
    }

    private static Run run(boolean embed, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
        int code = embed ? EmbedJob.run(SharedLocalSpark.session(), args, out, new PrintStream(err, true))
                : EvaluateJob.run(SharedLocalSpark.session(), args, out, new PrintStream(err, true));
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    private static Path embed(String shards, String name) {
        Path output = directory.resolve(name);
        Run run = run(true, "--model", model.toString(), "--data", directory.resolve(shards).toString(), "--output",
                output.toString(), "--set", "evaluate.batch-size=8");
        assertEquals(0, run.code(), run.err());
        return output;
    }

    /** report.json of evaluate --model and of evaluate --embeddings NPY, on the same shards. */
    private static void assertSameReports(String shards, Path npy, String name) throws IOException {
        Path fromModel = directory.resolve(name + "-model");
        Path fromNpy = directory.resolve(name + "-npy");
        Run byModel = run(false, "--model", model.toString(), "--data", directory.resolve(shards).toString(),
                "--output", fromModel.toString());
        Run byNpy = run(false, "--embeddings", npy.toString(), "--data", directory.resolve(shards).toString(),
                "--output", fromNpy.toString(), "--set", "evaluate.embedding-size=" + DIMENSION);
        assertEquals(0, byModel.code(), byModel.err());
        assertEquals(0, byNpy.code(), byNpy.err());
        assertEquals(Files.readString(fromModel.resolve("report.json")), Files.readString(fromNpy.resolve("report.json")));
    }

    @Test
    void ijbNpyEvaluatesExactlyAsTheModelDoesOneToOneAndOneToN() throws IOException {
        Path output = embed("shards-ijb", "embedded-ijb");
        Path npy = output.resolve("ijbc.npy");
        FeatureMatrix matrix = NpyFile.read(npy, true);
        assertEquals(16, matrix.rows(), "four evaluation people of four images");
        assertEquals(2 * DIMENSION, matrix.columns());

        assertSameReports("shards-ijb", npy, "ijb");
        JsonNode report = JSON.readTree(directory.resolve("ijb-npy").resolve("report.json").toFile());
        assertEquals(4, report.get("ijb_1n").get("gallery").asInt());
        assertTrue(Files.size(directory.resolve("ijb-npy").resolve("cmc.png")) > 0);
    }

    @Test
    void tenFoldNpyEvaluatesExactlyAsTheModelDoes() throws IOException {
        Path output = embed("shards-bin", "embedded-bin");
        assertSameReports("shards-bin", output.resolve("sample.npy"), "bin");
    }

    @Test
    void parquetRowsCarryTheShardColumnsAndBothEmbeddingsAsPyarrowReadsThem() throws Exception {
        Path output = embed("shards-folders", "embedded-folders");
        List<Row> rows = SharedLocalSpark.session().read().parquet(output.resolve("embeddings").toString())
                .select("source", "identity", "key", "label", "embedding", "flip_embedding").collectAsList();
        long written = ShardSet.open(directory.resolve("shards-folders").toString()).manifest().counts().written();
        assertEquals(written, rows.size());
        Row first = rows.get(0);
        assertFalse(first.getString(0).isEmpty());
        assertTrue(first.getString(1) != null && !first.isNullAt(3), first.toString());
        assertNull(first.get(2));
        assertEquals(DIMENSION, first.getList(4).size());
        assertEquals(DIMENSION, first.getList(5).size());
        assertFalse(Files.exists(output.resolve("folders.npy")), "a training set has no protocol");
        String pyarrow = python("import pyarrow.parquet as pq, sys; t = pq.read_table(sys.argv[1]);"
                + " print(t.num_rows, t.schema.field('embedding').type, len(t.column('embedding')[0]))",
                output.resolve("embeddings").toString());
        assertEquals(written + " list<element: float not null> " + DIMENSION, pyarrow);
    }

    @Test
    void numpyLoadsTheNpy() throws IOException, InterruptedException {
        Path output = embed("shards-bin", "embedded-numpy");
        FeatureMatrix ours = NpyFile.read(output.resolve("sample.npy"), true);
        float[] row = new float[ours.columns()];
        ours.row(ours.rows() - 1, row);
        String numpy = python("import numpy, sys; a = numpy.load(sys.argv[1]); print(a.shape, a.dtype, repr(float(a[-1, -1])))",
                output.resolve("sample.npy").toString());
        assertEquals("(" + ours.rows() + ", " + 2 * DIMENSION + ") float32 " + (double) row[row.length - 1], numpy);
    }

    /** What a python3 one-liner prints; skips when python3 or its module is missing. */
    private static String python(String script, String argument) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("python3", "-c", script, argument).redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("python3 is not on the PATH");
            throw e;
        }
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int code = process.waitFor();
        org.junit.jupiter.api.Assumptions.assumeFalse(text.contains("ModuleNotFoundError"), text);
        assertEquals(0, code, text);
        return text;
    }

    @Test
    void theSameInputGivesTheSameBytes() throws IOException {
        Path first = embed("shards-bin", "again-1");
        Path second = embed("shards-bin", "again-2");
        assertArrayEquals(Files.readAllBytes(first.resolve("sample.npy")), Files.readAllBytes(second.resolve("sample.npy")));
        assertArrayEquals(Files.readAllBytes(first.resolve("embeddings").resolve("part-00000.parquet")),
                Files.readAllBytes(second.resolve("embeddings").resolve("part-00000.parquet")));
    }

    @Test
    void aDirectoryThatIsNotAShardSetOrAMissingModelExitsTwo() {
        Run notShards = run(true, "--model", model.toString(), "--data", directory.resolve("samples").toString(),
                "--output", directory.resolve("never-1").toString());
        assertEquals(2, notShards.code(), notShards.err());
        assertTrue(notShards.err().contains("manifest.json is missing"), notShards.err());
        Run noModel = run(true, "--model", directory.resolve("none.mhlr").toString(), "--data",
                directory.resolve("shards-bin").toString(), "--output", directory.resolve("never-2").toString());
        assertEquals(2, noModel.code(), noModel.err());
        assertTrue(noModel.err().contains("--model"), noModel.err());
        assertFalse(Files.exists(directory.resolve("never-1")) || Files.exists(directory.resolve("never-2")));
    }
}
