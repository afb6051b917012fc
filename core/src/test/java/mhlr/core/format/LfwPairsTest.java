package mhlr.core.format;

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
import mhlr.core.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LfwPairsTest {
    @TempDir
    Path directory;

    @Test
    void readsTheViewTwoFileIntoTenFoldsOfSameThenDifferentPairs() throws IOException {
        List<FacePair> pairs = LfwPairs.read(SharedData.require("lfw_meta/pairs.txt"));
        assertEquals(6000, pairs.size());
        assertEquals(new FacePair("Abel_Pacheco/Abel_Pacheco_0001.jpg", "Abel_Pacheco/Abel_Pacheco_0004.jpg", true, 0),
                pairs.get(0));
        assertFalse(pairs.get(300).same());
        assertTrue(pairs.get(600).same());
        assertEquals(1, pairs.get(600).fold());
        assertEquals(9, pairs.get(5999).fold());
        assertEquals(3000, pairs.stream().filter(FacePair::same).count());
    }

    @Test
    void writesThePublishedFileByteForByte() throws IOException {
        Path original = SharedData.require("lfw_meta/pairs.txt");
        Path copy = directory.resolve("pairs.txt");
        LfwPairs.write(copy, LfwPairs.read(original));
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
    }

    @Test
    void readsSpacesAndTheOneNumberHeaderOfViewOne() throws IOException {
        Path file = directory.resolve("pairsDevTrain.txt");
        Files.writeString(file, "1\nAnn 1 2\nAnn 1 Bob 3\n");
        List<FacePair> pairs = LfwPairs.read(file);
        assertEquals(List.of(new FacePair("Ann/Ann_0001.jpg", "Ann/Ann_0002.jpg", true, 0),
                new FacePair("Ann/Ann_0001.jpg", "Bob/Bob_0003.jpg", false, 0)), pairs);
    }

    @Test
    void toleratesAByteOrderMarkAndWindowsLineEnds() throws IOException {
        Path file = directory.resolve("pairs.txt");
        Files.write(file, "\uFEFF1\t1\r\nAnn\t1\t2\r\nAnn\t1\tBob\t3\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(new FacePair("Ann/Ann_0001.jpg", "Bob/Bob_0003.jpg", false, 0), LfwPairs.read(file).get(1));
    }

    @Test
    void aBadLineNamesFileAndLine() throws IOException {
        Path file = directory.resolve("pairs.txt");
        Files.writeString(file, "1\t1\nAnn\t1\t2\nAnn\t1\tBob\tx\n");
        UsageException e = assertThrows(UsageException.class, () -> LfwPairs.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3: 'x' is not a whole number"), e.getMessage());

        Files.writeString(file, "10 300\nAnn 1 2\n");
        UsageException count = assertThrows(UsageException.class, () -> LfwPairs.read(file));
        assertTrue(count.getMessage().contains("promises 10 fold(s) of 2 x 300 pairs (6000), the file has 1"),
                count.getMessage());

        Files.writeString(file, "ten folds\n");
        assertTrue(assertThrows(UsageException.class, () -> LfwPairs.read(file)).getMessage()
                .startsWith(file + ":1: expected the header"));

        Files.writeString(file, "1 1\nAnn 1\nAnn 1 Bob 2\n");
        assertTrue(assertThrows(UsageException.class, () -> LfwPairs.read(file)).getMessage()
                .startsWith(file + ":2: expected 'name i j'"));
    }
}
