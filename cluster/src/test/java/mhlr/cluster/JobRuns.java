package mhlr.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;

/**
 * The jobs the cluster tests run, each the same command on local[*] and on a {@link StandaloneCluster}: generated
 * sample data, {@code bin/ingest} and {@code bin/evaluate} runs with their outputs under the cluster's folder, and
 * the comparisons of what they wrote.
 */
final class JobRuns {
    /** Generous: the machine running the build may be busy with other work. */
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);

    private final StandaloneCluster cluster;

    JobRuns(StandaloneCluster cluster) {
        this.cluster = cluster;
    }

    /** Writes generated sample data in the given formats into {@code name} under the cluster's folder. */
    Path sampleData(String name, int identities, int imagesPerIdentity, Set<SampleFormat> formats) {
        Path directory = cluster.root().resolve("data").resolve(name);
        try {
            SampleDataWriter.builder().identities(identities).imagesPerIdentity(imagesPerIdentity).seed(3407)
                    .formats(formats).build().write(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample data into " + directory, e);
        }
        return directory;
    }

    /** A new output location {@code outputs/<run>/<name>} whose parent holds nothing yet. */
    Path output(String run, String name) {
        Path parent = cluster.root().resolve("outputs").resolve(run);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent, e);
        }
        return parent.resolve(name);
    }

    /** The arguments that send a job to the cluster: {@code --master} and the executors' settings. */
    List<String> onCluster() {
        List<String> arguments = new ArrayList<>(List.of("--master", cluster.masterUrl()));
        arguments.addAll(cluster.jobSettings());
        return arguments;
    }

    /** Runs {@code bin/ingest} to its end and requires exit code 0. */
    BinScripts.Result ingest(String format, Path input, Path output, List<String> extra) {
        return cluster.scripts().start("ingest", ingestArguments(format, input, output, extra), Optional.empty())
                .await(JOB_TIMEOUT).requireSuccess();
    }

    /** The command line of an ingest run. */
    static List<String> ingestArguments(String format, Path input, Path output, List<String> extra) {
        List<String> arguments = new ArrayList<>(List.of("--format", format, "--input", input.toString(),
                "--output", output.toString()));
        arguments.addAll(extra);
        return arguments;
    }

    /** Fails unless two shard directories hold byte-identical manifests, each verifying against its files. */
    static void assertSameManifest(Path expected, Path actual) {
        ShardSet.open(expected.toString()).verify(ShardSet.Check.FULL);
        ShardSet.open(actual.toString()).verify(ShardSet.Check.FULL);
        byte[] want = read(expected.resolve(ShardSchema.MANIFEST_FILE));
        byte[] got = read(actual.resolve(ShardSchema.MANIFEST_FILE));
        assertArrayEquals(want, got, () -> "manifests differ: " + fileDifferences(expected, actual) + "\n"
                + new String(want, StandardCharsets.UTF_8) + "\nversus\n" + new String(got, StandardCharsets.UTF_8));
    }

    /**
     * Where the files of two shard directories differ, file by file: how many bytes, the first offset, and whether all
     * differences lie in the Parquet footer (the file metadata before the last 8 bytes).
     */
    static String fileDifferences(Path expected, Path actual) {
        StringBuilder text = new StringBuilder();
        for (ShardFile file : ShardSet.open(expected.toString()).manifest().allFiles()) {
            byte[] want = read(expected.resolve(file.file()));
            Path other = actual.resolve(file.file());
            if (!Files.exists(other)) {
                text.append("\n  ").append(file.file()).append(": missing");
                continue;
            }
            byte[] got = read(other);
            if (want.length != got.length) {
                text.append("\n  ").append(file.file()).append(": ").append(want.length).append(" versus ")
                        .append(got.length).append(" bytes");
                continue;
            }
            long differing = 0;
            int first = -1;
            for (int i = 0; i < want.length; i++) {
                if (want[i] != got[i]) {
                    differing++;
                    first = first < 0 ? i : first;
                }
            }
            if (differing > 0) {
                int footerStart = parquetFooterStart(want);
                text.append("\n  ").append(file.file()).append(": ").append(differing).append(" bytes differ from offset ")
                        .append(first).append(footerStart >= 0 && first >= footerStart
                                ? ", all in the Parquet footer (file metadata from offset " + footerStart + ")"
                                : "");
            }
        }
        return text.length() == 0 ? "no file differs" : text.toString();
    }

    /** The offset of a Parquet file's footer (its Thrift file metadata), or -1 when the bytes are not Parquet. */
    private static int parquetFooterStart(byte[] file) {
        int n = file.length;
        if (n < 12 || file[n - 4] != 'P' || file[n - 3] != 'A' || file[n - 2] != 'R' || file[n - 1] != '1') {
            return -1;
        }
        int length = ByteBuffer.wrap(file, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return n - 8 - length;
    }

    /** Fails unless the cluster's executors finished more tasks than {@code before}, on every worker. */
    void assertRanOnEveryWorker(List<Long> before) {
        List<Long> after = cluster.finishedTasksByWorker();
        for (int i = 0; i < after.size(); i++) {
            int worker = i;
            assertTrue(after.get(i) > before.get(i), () -> "worker " + (worker + 1) + " finished no task of the job"
                    + " (finished tasks by worker before " + before + ", after " + after + ")");
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
