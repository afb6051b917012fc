package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingests started at once on one output, with different seeds: one wins and its output is whole, the other
 * exits 2; with {@code --overwrite} the output afterwards is one run's whole output, never a mix and never gone.
 */
class IngestConcurrencyTest {
    @TempDir
    static Path temporary;
    static Path folders;

    @BeforeAll
    static void writeSamples() throws IOException {
        Path samples = temporary.resolve("samples");
        SampleDataWriter.builder().identities(6).imagesPerIdentity(3).seed(3).photoSize(96).threads(2)
                .formats(EnumSet.of(SampleFormat.FOLDERS)).build().write(samples);
        folders = samples.resolve("folders");
    }

    @Test
    void twoIngestsAtOnceOnOneOutputOneWinsTheOtherExits2() throws Exception {
        Path output = temporary.resolve("contested");
        List<IngestRun> runs = runTogether(output);
        List<Integer> codes = runs.stream().map(IngestRun::exitCode).sorted().toList();
        assertEquals(List.of(0, 2), codes, runs.toString());
        assertWhole(output);
    }

    @Test
    void twoOverwritesAtOnceLeaveOneWholeOutput() throws Exception {
        Path output = temporary.resolve("replaced");
        assertEquals(0, IngestRun.of(arguments(output, 1)).exitCode());
        List<IngestRun> runs = runTogether(output, "--overwrite");
        assertTrue(runs.stream().anyMatch(run -> run.exitCode() == 0), runs.toString());
        assertTrue(runs.stream().allMatch(run -> run.exitCode() == 0 || run.exitCode() == 2), runs.toString());
        assertWhole(output);
        try (Stream<Path> siblings = Files.list(temporary)) {
            assertTrue(siblings.map(path -> path.getFileName().toString())
                    .noneMatch(name -> name.startsWith(".replaced.")), "no staging, old output or lock left");
        }
    }

    private static List<IngestRun> runTogether(Path output, String... flags) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<IngestRun>> futures = new ArrayList<>();
            for (long seed = 2; seed <= 3; seed++) {
                List<String> args = new ArrayList<>(List.of(arguments(output, seed)));
                args.addAll(List.of(flags));
                futures.add(pool.submit(() -> IngestRun.of(args.toArray(String[]::new))));
            }
            List<IngestRun> runs = new ArrayList<>();
            for (Future<IngestRun> future : futures) {
                runs.add(future.get());
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String[] arguments(Path output, long seed) {
        return new String[] {"--format", "folders", "--input", folders.toString(), "--output", output.toString(),
            "--set", "seed=" + seed};
    }

    private static void assertWhole(Path output) {
        Manifest manifest = ShardSet.open(output.toString()).verify(ShardSet.Check.FULL).manifest();
        assertEquals(0, manifest.counts().skipped());
        assertTrue(manifest.counts().images() > 0);
    }
}
