package mhlr.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import mhlr.core.output.OutputRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    private static final String MARKER = "marker.txt";

    @TempDir
    Path directory;

    private static OutputRules<Path> rules(boolean overwrite) {
        return OutputRules.<Path>builder().overwrite(overwrite).ownMarker(MARKER).build();
    }

    @Test
    void targetAppearsOnlyAtCommit() throws IOException {
        Path target = directory.resolve("out");
        try (AtomicOutput output = AtomicOutput.begin(target, rules(false))) {
            Files.writeString(output.staging().resolve("a.txt"), "a");
            assertFalse(Files.exists(target));
            output.commit();
        }
        assertEquals("a", Files.readString(target.resolve("a.txt")));
        assertEquals(1, entries(), "neither staging nor lock file is left beside the output");
    }

    @Test
    void failedRunLeavesNothing() throws IOException {
        Path target = directory.resolve("out");
        assertThrows(IllegalStateException.class, () -> {
            try (AtomicOutput output = AtomicOutput.begin(target, rules(false))) {
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
        Files.writeString(target.resolve(MARKER), "old");
        assertThrows(UsageException.class, () -> AtomicOutput.begin(target, rules(false)));
        try (AtomicOutput output = AtomicOutput.begin(target, rules(true))) {
            Files.writeString(output.staging().resolve("new.txt"), "new");
            output.commit();
        }
        assertTrue(Files.exists(target.resolve("new.txt")));
        assertFalse(Files.exists(target.resolve(MARKER)));
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
