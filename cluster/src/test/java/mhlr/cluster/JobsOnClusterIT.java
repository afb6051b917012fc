package mhlr.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two Spark jobs on a two-worker standalone cluster give byte for byte what they give on local[*] (and, for
 * the {@code recordio} ingest, on local[1]):
 * <ul>
 *   <li>{@code bin/ingest} writes the same manifest (so the same shards, by their SHA-256) for each source it reads
 *       here, each read once on the cluster: {@code folders} and {@code recordio} through the embedded launcher with
 *       {@code --master}, the {@code bin} verification pairs through spark-submit ({@code SPARK_HOME} set). The
 *       {@code recordio} run writes {@code --output-format both} and is compared with a run on one local core: each
 *       executor spills its prepared faces into the shared staging directory and the writers read them back, so
 *       neither the Parquet shards nor the RecordIO files may depend on which worker, or how many cores, read what.
 *       The {@code recordio} and {@code bin} cluster runs take the way of large inputs
 *       ({@code ingest.plan-on-driver-up-to = 0}: census and shard rows by Spark shuffles across the executors) and
 *       the local runs they are compared with the driver's way (these inputs are small), so the two ways are proven
 *       to write the same bytes across executors too.
 *       Launch mode, source, output format and way are independent of each other, so each run covers one of each
 *       rather than every combination (every cluster run costs its own executors);</li>
 *   <li>{@code bin/evaluate --model} writes the same {@code report.json}: the model's bytes are broadcast, and every
 *       executor JVM loads ND4J's native libraries and restores the model itself.</li>
 * </ul>
 * Each cluster run must also have finished tasks on both workers, so nothing passes by running on the driver alone.
 */
class JobsOnClusterIT {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension("jobs", 2, "ingest", "train", "evaluate");

    /** Several shards and more partitions than cores, so both executors get work and shards span tasks. */
    private static final List<String> INGEST_SETTINGS = List.of("--set", "ingest.shard-rows=40", "--set",
            "ingest.partitions=6");
    /** What bin/train writes as the exported model in its output directory. */
    private static final String MODEL_FILE = "model.mhlr";

    private static final Map<String, Path> LOCAL_INGESTS = new HashMap<>();

    private static JobRuns runs;
    private static Path data;

    @BeforeAll
    static void writeSampleData() {
        runs = new JobRuns(CLUSTER.cluster());
        data = runs.sampleData("sample", 30, 8,
                EnumSet.of(SampleFormat.FOLDERS, SampleFormat.RECORDIO, SampleFormat.VERIFICATION));
    }

    @Test
    void foldersIngestedOnTheClusterGiveTheSameManifestAsLocal() {
        assertIngestOnClusterMatchesLocal("folders", data.resolve("folders"));
    }

    @Test
    void recordioIngestedIntoBothFormatsOnTheClusterGivesTheSameManifestAsOnOneLocalCore() {
        Path input = data.resolve("recordio");
        Path local = runs.output("local-one-core", "recordio-both");
        List<String> oneCore = new ArrayList<>(settings("both"));
        oneCore.addAll(List.of("--master", "local[1]"));
        runs.ingest("recordio", input, local, oneCore);
        assertClusterMatches(local, "recordio", input, shuffled(settings("both")));
    }

    @Test
    void verificationPairsSubmittedThroughSparkSubmitGiveTheSameManifestAsLocal() {
        StandaloneCluster cluster = CLUSTER.cluster();
        Path submitted = runs.output("spark-submit", "bin");
        List<Long> before = cluster.finishedTasksByWorker();
        cluster.scripts().start("ingest", JobRuns.ingestArguments("bin", verificationBin(), submitted,
                onCluster(shuffled(settings("parquet")))), Optional.of(cluster.home())).await(JobRuns.JOB_TIMEOUT)
                .requireSuccess();
        runs.assertRanOnEveryWorker(before);
        JobRuns.assertSameManifest(localIngest("bin", verificationBin()), submitted);
    }

    @Test
    void evaluateWithAModelOnTheClusterReportsTheSameFiguresAsLocal() {
        StandaloneCluster cluster = CLUSTER.cluster();
        Path model = train(cluster, localIngest("folders", data.resolve("folders")), runs.output("local", "model"));
        Path shards = localIngest("bin", verificationBin());

        Path localReport = runs.output("local", "report");
        evaluate(cluster, model, shards, localReport, List.of());
        Path clusterReport = runs.output("cluster", "report");
        List<Long> before = cluster.finishedTasksByWorker();
        evaluate(cluster, model, shards, clusterReport, runs.onCluster());
        runs.assertRanOnEveryWorker(before);

        List<Path> reports = reportFiles(localReport);
        assertFalse(reports.isEmpty(), "no report.json under " + localReport);
        assertEquals(reports, reportFiles(clusterReport), "report files of the two runs");
        for (Path report : reports) {
            byte[] local = JobRuns.read(localReport.resolve(report));
            byte[] distributed = JobRuns.read(clusterReport.resolve(report));
            assertTrue(new String(local, StandardCharsets.UTF_8).contains("\"accuracy\""), "a ten-fold report: "
                    + new String(local, StandardCharsets.UTF_8));
            assertArrayEquals(local, distributed, () -> report + " differs:\n" + new String(local, StandardCharsets.UTF_8)
                    + "\nversus\n" + new String(distributed, StandardCharsets.UTF_8));
        }
    }

    private static void assertIngestOnClusterMatchesLocal(String format, Path input) {
        assertIngestOnClusterMatchesLocal(format, input, "parquet");
    }

    private static void assertIngestOnClusterMatchesLocal(String format, Path input, String outputFormat) {
        assertClusterMatches(localIngest(format, input, outputFormat), format, input, settings(outputFormat));
    }

    /**
     * Ingests {@code input} on the cluster with {@code settings} and compares its manifest with the local output
     * {@code local}.
     */
    private static void assertClusterMatches(Path local, String format, Path input, List<String> settings) {
        Path distributed = runs.output("cluster", local.getFileName().toString());
        List<Long> before = CLUSTER.cluster().finishedTasksByWorker();
        runs.ingest(format, input, distributed, onCluster(settings));
        runs.assertRanOnEveryWorker(before);
        JobRuns.assertSameManifest(local, distributed);
    }

    /** The local[*] ingest of a format writing Parquet shards, made once for the tests that use it. */
    private static Path localIngest(String format, Path input) {
        return localIngest(format, input, "parquet");
    }

    private static Path localIngest(String format, Path input, String outputFormat) {
        return LOCAL_INGESTS.computeIfAbsent(format + "-" + outputFormat, name -> {
            Path output = runs.output("local", name);
            runs.ingest(format, input, output, settings(outputFormat));
            return output;
        });
    }

    private static List<String> settings(String outputFormat) {
        List<String> arguments = new ArrayList<>(INGEST_SETTINGS);
        arguments.addAll(List.of("--output-format", outputFormat));
        return arguments;
    }

    private static Path verificationBin() {
        return data.resolve("verification").resolve(SampleDataWriter.BIN_NAME);
    }

    /** {@code settings} and the way of large inputs: census and shard rows by Spark shuffles. */
    private static List<String> shuffled(List<String> settings) {
        List<String> arguments = new ArrayList<>(settings);
        arguments.addAll(List.of("--set", "ingest.plan-on-driver-up-to=0"));
        return arguments;
    }

    private static List<String> onCluster(List<String> settings) {
        List<String> arguments = new ArrayList<>(settings);
        arguments.addAll(runs.onCluster());
        return arguments;
    }

    /** Trains the tiny network of the test preset with {@code bin/train} and returns its exported model file. */
    private static Path train(StandaloneCluster cluster, Path shards, Path output) {
        List<String> arguments = List.of("--config", tinyPreset().toString(), "--data", shards.toString(),
                "--output", output.toString());
        cluster.scripts().start("train", arguments, Optional.empty()).await(JobRuns.JOB_TIMEOUT).requireSuccess();
        Path model = output.resolve(MODEL_FILE);
        assertTrue(Files.isRegularFile(model), "bin/train wrote no " + model);
        return model;
    }

    /** The tiny training preset (a test resource). */
    private static Path tinyPreset() {
        URL preset = JobsOnClusterIT.class.getResource("/mhlr/cluster/tiny-train.conf");
        if (preset == null) {
            throw new IllegalStateException("the test resource mhlr/cluster/tiny-train.conf is missing");
        }
        try {
            return Path.of(preset.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the test resource " + preset + " is not a file", e);
        }
    }

    private static void evaluate(StandaloneCluster cluster, Path model, Path shards, Path output, List<String> extra) {
        List<String> arguments = new ArrayList<>(List.of("--model", model.toString(), "--data", shards.toString(),
                "--output", output.toString()));
        arguments.addAll(extra);
        cluster.scripts().start("evaluate", arguments, Optional.empty()).await(JobRuns.JOB_TIMEOUT).requireSuccess();
    }

    /** The report.json files under a report directory, relative to it, sorted. */
    private static List<Path> reportFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.getFileName().toString().equals("report.json"))
                    .map(directory::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
