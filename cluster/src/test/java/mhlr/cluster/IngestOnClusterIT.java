package mhlr.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.sample.SampleFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bin/ingest} on a two-worker standalone cluster writes byte for byte what it writes on local[*]: the same
 * manifest (so the same shards, by their SHA-256), for the {@code folders} and {@code recordio} sources, run
 * through the embedded launcher with {@code --master} and through spark-submit ({@code SPARK_HOME} set).
 */
class IngestOnClusterIT {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension("ingest", 2, "ingest");

    /** Several shards and more partitions than cores, so both executors get work and shards span tasks. */
    private static final List<String> SETTINGS = List.of("--set", "ingest.shard-rows=40", "--set", "ingest.partitions=6");

    private static final Map<String, Path> LOCAL_RUNS = new HashMap<>();

    private static JobRuns runs;
    private static Path data;

    @BeforeAll
    static void writeSampleData() {
        runs = new JobRuns(CLUSTER.cluster());
        data = runs.sampleData("sample", 30, 10, EnumSet.of(SampleFormat.FOLDERS, SampleFormat.RECORDIO));
    }

    @Test
    void foldersOnTheClusterGiveTheSameManifestAsLocal() {
        assertClusterMatchesLocal("folders", data.resolve("folders"));
    }

    @Test
    void recordioOnTheClusterGivesTheSameManifestAsLocal() {
        assertClusterMatchesLocal("recordio", data.resolve("recordio"));
    }

    @Test
    void sparkSubmitToTheClusterGivesTheSameManifestAsLocal() {
        Path local = localRun("folders");
        StandaloneCluster cluster = CLUSTER.cluster();
        Path submitted = runs.output("spark-submit", "folders");
        List<Long> before = cluster.finishedTasksByWorker();
        cluster.scripts().start("ingest", JobRuns.ingestArguments("folders", data.resolve("folders"), submitted,
                withClusterArguments(SETTINGS)), Optional.of(cluster.home())).await(JobRuns.JOB_TIMEOUT)
                .requireSuccess();
        runs.assertRanOnEveryWorker(before);
        JobRuns.assertSameManifest(local, submitted);
    }

    private static void assertClusterMatchesLocal(String format, Path input) {
        Path local = localRun(format);
        Path distributed = runs.output("cluster", format);
        List<Long> before = CLUSTER.cluster().finishedTasksByWorker();
        runs.ingest(format, input, distributed, withClusterArguments(SETTINGS));
        runs.assertRanOnEveryWorker(before);
        JobRuns.assertSameManifest(local, distributed);
    }

    /** The local[*] run of a format, made once for the tests that compare with it. */
    private static Path localRun(String format) {
        return LOCAL_RUNS.computeIfAbsent(format, name -> {
            Path output = runs.output("local", name);
            runs.ingest(name, data.resolve(name), output, SETTINGS);
            return output;
        });
    }

    private static List<String> withClusterArguments(List<String> settings) {
        List<String> arguments = new ArrayList<>(settings);
        arguments.addAll(runs.onCluster());
        return arguments;
    }
}
