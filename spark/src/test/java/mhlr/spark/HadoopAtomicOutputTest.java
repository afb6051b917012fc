package mhlr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mhlr.core.cli.UsageException;
import mhlr.core.output.OutputRules;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopAtomicOutputTest {
    private static final String MARKER = "__own/marker.json";

    @TempDir
    Path temporary;

    private static OutputRules<String> rules(boolean overwrite) {
        return OutputRules.<String>builder().overwrite(overwrite).ownMarker(MARKER).build();
    }

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheOutputAndAnOverlapWithTheInputIsRefused() throws IOException {
        Path target = temporary.resolve("out");
        try (HadoopAtomicOutput first = HadoopAtomicOutput.begin(target.toUri().toString(), rules(false),
                new Configuration())) {
            UsageException refused = assertThrows(UsageException.class,
                    () -> HadoopAtomicOutput.begin(target.toString(), rules(false), new Configuration()));
            assertTrue(refused.getMessage().contains("another run"), refused.getMessage());
            first.writeFile("a.txt", new byte[] {1});
            first.commit();
        }
        OutputRules<String> intoInput = OutputRules.<String>builder().overwrite(true).ownMarker(MARKER)
                .input(target.resolve("raw").toString()).build();
        UsageException overlap = assertThrows(UsageException.class,
                () -> HadoopAtomicOutput.begin(target.toUri().toString(), intoInput, new Configuration()));
        assertTrue(overlap.getMessage().contains("overlap input"), overlap.getMessage());
        UsageException notOurs = assertThrows(UsageException.class,
                () -> HadoopAtomicOutput.begin(target.toString(), rules(true), new Configuration()));
        assertTrue(notOurs.getMessage().contains("not an output of this command"), notOurs.getMessage());
        assertTrue(Files.exists(target.resolve("a.txt")));
    }

    @Test
    void filesLeftByKilledTaskAttemptsAreNotCommittedWithTheOutput() throws IOException {
        Path target = temporary.resolve("out");
        try (HadoopAtomicOutput output = HadoopAtomicOutput.begin(target.toString(), rules(false),
                new Configuration())) {
            output.writeFile("shard-00000.parquet", new byte[] {1});
            output.writeFile(HadoopAtomicOutput.attemptName("shard-00000.parquet", "7"), new byte[] {2});
            output.writeFile("parts/" + HadoopAtomicOutput.attemptName("part-00001.rec", "12"), new byte[] {3});
            output.writeFile(".hidden-but-ours", new byte[] {4});
            output.commit();
        }
        try (Stream<Path> files = Files.walk(target)) {
            assertEquals(List.of("", ".hidden-but-ours", "parts", "shard-00000.parquet"), files
                    .map(file -> target.relativize(file).toString()).sorted().toList());
        }
    }

    @Test
    void committedOutputAppearsWithItsFilesOnlyAndNoStagingLeftBehind() throws IOException {
        Path target = temporary.resolve("out");
        try (HadoopAtomicOutput output = HadoopAtomicOutput.begin(target.toString(), rules(false), new Configuration())) {
            output.writeFile("a.txt", "hello".getBytes(StandardCharsets.UTF_8));
            assertFalse(Files.exists(target), "target must not exist before commit");
            output.commit();
        }
        assertEquals("hello", Files.readString(target.resolve("a.txt")));
        assertEquals(1, entries(temporary), "only the target remains");
        assertEquals(1, entries(target), "no checksum sidecar beside a.txt");
    }

    @Test
    void failedRunLeavesNothing() throws IOException {
        Path target = temporary.resolve("out");
        assertThrows(IllegalStateException.class, () -> {
            try (HadoopAtomicOutput output = HadoopAtomicOutput.begin(target.toString(), rules(false), new Configuration())) {
                output.writeFile("a.txt", new byte[] {1, 2, 3});
                throw new IllegalStateException("simulated failure midway");
            }
        });
        assertEquals(0, entries(temporary));
    }

    @Test
    void existingTargetIsRefusedWithoutOverwrite() throws IOException {
        Path target = Files.createDirectories(temporary.resolve("out"));
        UsageException refused = assertThrows(UsageException.class,
                () -> HadoopAtomicOutput.begin(target.toString(), rules(false), new Configuration()));
        assertTrue(refused.getMessage().contains("--overwrite"), refused.getMessage());
    }

    @Test
    void overwriteReplacesTheOldContentEntirely() throws IOException {
        Path target = Files.createDirectories(temporary.resolve("out"));
        Files.writeString(target.resolve("stale.txt"), "old");
        Files.createDirectories(target.resolve(MARKER).getParent());
        Files.writeString(target.resolve(MARKER), "old");
        try (HadoopAtomicOutput output = HadoopAtomicOutput.begin(target.toUri().toString(), rules(true),
                new Configuration())) {
            output.writeFile("fresh.txt", new byte[] {42});
            output.commit();
        }
        assertFalse(Files.exists(target.resolve("stale.txt")));
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(target.resolve("fresh.txt")));
        assertEquals(1, entries(temporary));
    }

    private static long entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.count();
        }
    }
}
