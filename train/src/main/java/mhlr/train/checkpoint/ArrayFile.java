package mhlr.train.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named ND4J arrays in one file: the magic {@code MHLRARR1}, the count, then per array its name (modified UTF-8)
 * and the array as {@link Nd4j#write(INDArray, DataOutputStream)} writes it (type, shape and data), and last a
 * CRC-32 of everything before it, so a damaged file is refused instead of loaded.
 */
final class ArrayFile {
    private static final byte[] MAGIC = "MHLRARR1".getBytes(StandardCharsets.US_ASCII);

    private ArrayFile() {
    }

    static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
                out.writeUTF(entry.getKey());
                Nd4j.write(entry.getValue(), out);
            }
            out.flush();
            new DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
        }
    }

    static Map<String, INDArray> read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not an array file of this trainer");
            }
            int count = in.readInt();
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                arrays.put(name, Nd4j.read(in));
            }
            long expected = checked.getChecksum().getValue();
            long stored;
            try {
                stored = new DataInputStream(raw).readLong();
            } catch (EOFException e) {
                throw new IOException(file + " ends before its checksum (truncated)", e);
            }
            if (stored != expected) {
                throw new IOException(file + " does not match its checksum (damaged)");
            }
            return arrays;
        } catch (RuntimeException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
