package mhlr.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IjbMetaTest {
    @TempDir
    Path root;

    private void writeSmall(String prefix) throws IOException {
        IjbFaces faces = new IjbFaces(new String[] {"1.jpg", "2.jpg", "3.jpg", "4.jpg"}, new int[] {11, 11, 12, 13},
                new int[] {100, 100, 101, 102});
        IjbTemplatePairs pairs = new IjbTemplatePairs(new int[] {11, 11, 12}, new int[] {12, 13, 13},
                new boolean[] {true, false, false});
        Map<String, FaceLandmarks> landmarks = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            landmarks.put(i + ".jpg", new FaceLandmarks(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, i}, 0.5f + i / 10f));
        }
        IjbMeta.write(root, prefix, faces, pairs, landmarks);
    }

    @Test
    void findsThePrefixAndReadsFacesPairsAndLandmarks() throws IOException {
        writeSmall("ijbc");
        assertEquals("1.jpg 11 100", Files.readAllLines(root.resolve("meta/ijbc_face_tid_mid.txt")).get(0));
        assertEquals("11 12 1", Files.readAllLines(root.resolve("meta/ijbc_template_pair_label.txt")).get(0));
        IjbMeta meta = IjbMeta.read(root, Optional.empty());
        assertEquals("ijbc", meta.name());
        assertEquals(root.resolve("loose_crop"), meta.imageDirectory());
        assertEquals(4, meta.faces().size());
        assertEquals("3.jpg", meta.faces().image(2));
        assertEquals(12, meta.faces().template(2));
        assertEquals(102, meta.faces().media(3));
        assertArrayEquals(new int[] {11, 12, 13}, meta.faces().templateIds());
        assertEquals(3, meta.pairs().size());
        assertEquals(1, meta.pairs().genuineCount());
        assertEquals(13, meta.pairs().right(2));
        assertEquals(0.9f, meta.landmarks().get("4.jpg").orElseThrow().score(), 1e-6f);
    }

    @Test
    void twoPrefixesNeedANameAndAMissingMetaIsAUsageError() throws IOException {
        writeSmall("ijbc");
        writeSmall("ijbb");
        UsageException e = assertThrows(UsageException.class, () -> IjbMeta.read(root, Optional.empty()));
        assertTrue(e.getMessage().contains("[ijbb, ijbc]; name the one to use"), e.getMessage());
        assertEquals("ijbb", IjbMeta.read(root, Optional.of("ijbb")).name());
        assertTrue(assertThrows(UsageException.class, () -> IjbMeta.read(root.resolve("meta"), Optional.empty()))
                .getMessage().contains("no meta/ directory"));
    }

    @Test
    void badPairLinesNameFileAndLine() throws IOException {
        writeSmall("ijbb");
        Path pairs = root.resolve("meta/ijbb_template_pair_label.txt");
        Files.writeString(pairs, "11 12 1\n11 13 2\n");
        assertEquals(pairs + ":2: label 2 is neither 1 (genuine) nor 0 (impostor)",
                assertThrows(UsageException.class, () -> IjbMeta.read(root, Optional.empty())).getMessage());
        Files.writeString(pairs, "11 12 1\n\n11 x 0\n");
        assertEquals(pairs + ":3: 'x' is not a whole number in '11 x 0'",
                assertThrows(UsageException.class, () -> IjbMeta.read(root, Optional.empty())).getMessage());
        Files.writeString(pairs, "11 12 1\n11 99 0\n");
        assertEquals(pairs + ":2: template 99 has no face in ijbb_face_tid_mid.txt",
                assertThrows(UsageException.class, () -> IjbMeta.read(root, Optional.empty())).getMessage());
    }

    @Test
    void readsManyPairLinesIntoPrimitiveArrays() throws IOException {
        Path file = root.resolve("pairs.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            text.append(i % 977).append(' ').append(i % 1009).append(' ').append(i % 800 == 0 ? 1 : 0).append('\n');
        }
        Files.writeString(file, text);
        IjbTemplatePairs pairs = IjbTemplatePairs.read(file);
        assertEquals(200_000, pairs.size());
        assertEquals(250, pairs.genuineCount());
        assertEquals(199_999 % 1009, pairs.right(199_999));
    }
}
