package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import mhlr.core.format.IjbMeta;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import mhlr.core.shard.Manifest;
import mhlr.core.shard.ShardSchema;
import mhlr.core.shard.ShardSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input built to escape its root or to hang the job: each run ends within a minute, reads nothing outside the
 * root, and lists what it refused with its reason.
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
    void aNamedPipeAndALinkOutOfTheRootInAFoldersSetAreSkippedWithoutHanging() throws Exception {
        Path folders = samples.resolve("folders");
        Path identity = firstImage(folders).getParent();
        Path outside = Files.copy(firstImage(identity), temporary.resolve("outside.jpg"));
        Files.createSymbolicLink(identity.resolve("link-out.jpg"), outside);
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

    private static Path firstImage(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
        }
    }
}
