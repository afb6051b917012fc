package mhlr.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedFileReaderTest {

    @Test
    void namesAreConfinedToTheRoot() {
        assertEquals("a.jpg", ConfinedFileReader.confine("a.jpg"));
        assertEquals("0/n000001/0001_01.jpg", ConfinedFileReader.confine("0/n000001/0001_01.jpg"));
        assertEquals("b.jpg", ConfinedFileReader.confine("./a/../b.jpg"));
        assertEquals("a b/c:d.jpg", ConfinedFileReader.confine("a b//c:d.jpg"));
        for (String outside : new String[] {"", "/etc/passwd", "../secret", "a/../../b.jpg", "..", ".", "a\\..\\b",
                "../../../../dev/zero"}) {
            assertEquals(null, ConfinedFileReader.confine(outside), outside);
        }
    }

    @Test
    void readsLocalFilesAndRefusesDirectoriesMissingAndLargeFiles(@TempDir Path dir) throws IOException {
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("f.jpg"), bytes);
        assertArrayEquals(bytes, InputFiles.readLocal(file, 1 << 20));
        assertArrayEquals(new byte[0], InputFiles.readLocal(Files.write(dir.resolve("empty"), new byte[0]), 10));
        assertThrows(FileNotFoundException.class, () -> InputFiles.readLocal(dir.resolve("none.jpg"), 1 << 20));
        assertEquals("is a directory, not an image file",
                assertThrows(IOException.class, () -> InputFiles.readLocal(dir, 1 << 20)).getMessage());
        assertTrue(assertThrows(IOException.class, () -> InputFiles.readLocal(file, 1000)).getMessage()
                .contains("more than the 1,000 an image may have"));
    }

    @Test
    void aFileLongerThanItsSizeIsReadWholeAndStillLimited() throws IOException {
        Path grown = Path.of("/proc/version");
        assumeTrue(Files.isReadable(grown) && Files.size(grown) == 0, "needs Linux's /proc, whose files say size 0");
        byte[] bytes = Files.readAllBytes(grown);
        assertTrue(bytes.length > 1, "/proc/version has text");
        assertArrayEquals(bytes, InputFiles.readLocal(grown, 1 << 20));
        assertTrue(assertThrows(IOException.class, () -> InputFiles.readLocal(grown, bytes.length - 1)).getMessage()
                .contains("an image may have"));
    }
}
