package mhlr.evaluate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes float32 C-order .npy files (version 1.0) as numpy does, for tests. */
public final class NpyFiles {
    private NpyFiles() {
    }

    public static Path write(Path file, float[] values, long rows, int columns) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(padded + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float value : values) {
            buffer.putFloat(value);
        }
        Files.write(file, buffer.array());
        return file;
    }
}
