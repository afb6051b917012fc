package mhlr.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path directory;

    @Test
    void targetAppearsOnlyAtCommit() throws IOException {
        Path target = directory.resolve("out");
        try (AtomicOutput output = AtomicOutput.begin(target, false)) {
            Files.writeString(output.staging().resolve("a.txt"), "a");
            assertFalse(Files.exists(target));
            output.commit();
        }
        assertEquals("a", Files.readString(target.resolve("a.txt")));
        assertEquals(1, entries());
    }

    @Test
    void failedRunLeavesNothing() throws IOException {
        Path target = directory.resolve("out");
        assertThrows(IllegalStateException.class, () -> {
            try (AtomicOutput output = AtomicOutput.begin(target, false)) {
                Files.writeString(output.staging().resolve("a.txt"), "a");
                throw new IllegalStateException("boom");
            }
        });
        assertFalse(Files.exists(target));
        assertEquals(0, entries());
    }

    @Test
    void existingTargetIsRefusedWithoutOverwriteAndReplacedWithIt() throws IOException {
        Path target = directory.resolve("out");
        Files.createDirectories(target);
        Files.writeString(target.resolve("old.txt"), "old");
        assertThrows(UsageException.class, () -> AtomicOutput.begin(target, false));
        try (AtomicOutput output = AtomicOutput.begin(target, true)) {
            Files.writeString(output.staging().resolve("new.txt"), "new");
            output.commit();
        }
        assertTrue(Files.exists(target.resolve("new.txt")));
        assertFalse(Files.exists(target.resolve("old.txt")));
        assertEquals(1, entries());
    }

    @Test
    void writeFileReplacesWholeFiles() throws IOException {
        Path file = directory.resolve("report.json");
        AtomicOutput.writeFile(file, "{}".getBytes());
        AtomicOutput.writeFile(file, "{\"a\":1}".getBytes());
        assertEquals("{\"a\":1}", Files.readString(file));
        assertEquals(1, entries());
    }

    private long entries() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}
