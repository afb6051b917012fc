package mhlr.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch of the worker-loss test sees what a reader would: it must catch a partial output and a stray entry,
 * or that test's "nothing partial was ever visible" would prove nothing.
 */
class OutputWatchTest {
    private static final Duration OFTEN = Duration.ofMillis(10);

    @Test
    void anOutputThatDoesNotExistYetIsCountedAbsent(@TempDir Path parent) throws Exception {
        try (OutputWatch watch = OutputWatch.start(parent.resolve("shards"), OFTEN)) {
            awaitLooks(watch);
            assertEquals(List.of(), watch.violations());
        }
    }

    @Test
    void anOutputDirectoryWithoutItsManifestIsAViolation(@TempDir Path parent) throws Exception {
        Path output = parent.resolve("shards");
        try (OutputWatch watch = OutputWatch.start(output, OFTEN)) {
            Files.createDirectories(output);
            Files.write(output.resolve("shard-00000.parquet"), new byte[] {1, 2, 3});
            awaitViolation(watch);
            assertTrue(watch.violations().get(0).contains("manifest.json is missing"), watch.violations().toString());
        }
    }

    @Test
    void aVisibleEntryBesideTheOutputIsAViolationAndAHiddenOneIsNot(@TempDir Path parent) throws Exception {
        try (OutputWatch watch = OutputWatch.start(parent.resolve("shards"), OFTEN)) {
            Files.createDirectories(parent.resolve(".shards.partial-123"));
            Files.createDirectories(parent.resolve("_temporary"));
            awaitViolation(watch);
            assertTrue(watch.violations().stream().allMatch(violation -> violation.contains("_temporary")),
                    watch.violations().toString());
        }
    }

    @Test
    void aParentThatAlreadyHoldsSomethingVisibleIsRefused(@TempDir Path parent) throws IOException {
        Files.createDirectories(parent.resolve("earlier-run"));
        assertThrows(IllegalStateException.class, () -> OutputWatch.start(parent.resolve("shards"), OFTEN));
    }

    private static void awaitLooks(OutputWatch watch) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (watch.absentLooks() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(watch.absentLooks() >= 3, "looks while absent: " + watch.absentLooks());
    }

    private static void awaitViolation(OutputWatch watch) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (watch.violations().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(!watch.violations().isEmpty(), "no violation seen");
    }
}
