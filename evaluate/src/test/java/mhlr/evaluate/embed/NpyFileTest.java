package mhlr.evaluate.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mhlr.core.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileTest {
    @TempDir
    Path directory;

    /** A .npy as numpy writes it: magic, version, header padded so the data starts at a multiple of 64. */
    static byte[] npy(int major, String descr, boolean fortran, String shape, float[] values) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + shape + "), }";
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(padded + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            buffer.putShort((short) header.length());
        } else {
            buffer.putInt(header.length());
        }
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    static Path write(Path directory, String name, byte[] content) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, content);
        return file;
    }

    @Test
    void readsRowsOfEveryHeaderVersion() throws IOException {
        float[] values = {1, 2, 3, 4, 5, 6};
        for (int major : new int[] {1, 2, 3}) {
            FeatureMatrix matrix = NpyFile.read(write(directory, "v" + major + ".npy",
                    npy(major, "<f4", false, "3, 2", values)), false);
            assertEquals(3, matrix.rows());
            assertEquals(2, matrix.columns());
            float[] row = new float[2];
            matrix.row(2, row);
            assertArrayEquals(new float[] {5, 6}, row);
        }
    }

    @Test
    void readsFlipConcatenatedRowsAsEmbeddingAndFlip() throws IOException {
        FeatureMatrix matrix = NpyFile.read(write(directory, "flip.npy",
                npy(1, "<f4", false, "1, 4", new float[] {1, 2, 3, 4})), true);
        assertTrue(matrix.withFlip());
        assertEquals(2, matrix.dimension());
    }

    @Test
    void refusesWhatIsNotAFloat32CMatrix() throws IOException {
        String[][] cases = {
            {"<f8", "false", "2, 2", "float32"},
            {">f4", "false", "2, 2", "float32"},
            {"<f4", "true", "2, 2", "Fortran"},
            {"<f4", "false", "2, 2, 1", "two-dimensional"},
            {"<f4", "false", "4,", "two-dimensional"},
        };
        for (String[] c : cases) {
            Path file = write(directory, "bad.npy", npy(1, c[0], Boolean.parseBoolean(c[1]), c[2], new float[4]));
            UsageException error = assertThrows(UsageException.class, () -> NpyFile.read(file, false));
            assertTrue(error.getMessage().contains(c[3]), error.getMessage());
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        }
    }

    @Test
    void refusesAShapeWhoseSizeOverflowsOrIsNegativeInsteadOfAllocatingForIt() throws IOException {
        Path overflowing = write(directory, "overflow.npy", npy(1, "<f4", false, "4611686018427387904, 1",
                new float[0]));
        assertTrue(assertThrows(UsageException.class, () -> NpyFile.read(overflowing, false)).getMessage()
                .contains("overflows"));
        Path negative = write(directory, "negative.npy", npy(1, "<f4", false, "-1, -4", new float[4]));
        assertTrue(assertThrows(UsageException.class, () -> NpyFile.read(negative, false)).getMessage()
                .contains("negative"));
    }

    @Test
    void refusesTruncatedDataAndMissingMagic() throws IOException {
        byte[] whole = npy(1, "<f4", false, "2, 2", new float[4]);
        Path truncated = write(directory, "short.npy", java.util.Arrays.copyOf(whole, whole.length - 4));
        assertTrue(assertThrows(UsageException.class, () -> NpyFile.read(truncated, false)).getMessage()
                .contains("needs 16"));
        Path text = write(directory, "text.npy", "not numpy".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(UsageException.class, () -> NpyFile.read(text, false)).getMessage()
                .contains("magic"));
        ByteArrayOutputStream odd = new ByteArrayOutputStream();
        odd.write(npy(1, "<f4", false, "1, 3", new float[3]));
        Path oddFile = write(directory, "odd.npy", odd.toByteArray());
        assertThrows(UsageException.class, () -> NpyFile.read(oddFile, true));
    }
}
