package mhlr.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReaderTest {

    @Test
    void onlyPlainRelativeNamesTakeTheDirectRoute() {
        for (String plain : new String[] {"a.jpg", "0/n000001/0001_01.jpg", "id-1/x_y.png", "a/.hidden", "a/b..c"}) {
            assertTrue(FileReader.isPlain(plain), plain);
        }
        for (String other : new String[] {"", "/abs.jpg", "a//b.jpg", "a/", "./a.jpg", "a/../b.jpg", "a/..",
                "ñame/0.jpg", "a b.jpg", "a:b.jpg", "a%20b.jpg", "a#b.jpg", "a\\b.jpg"}) {
            assertFalse(FileReader.isPlain(other), other);
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
}
