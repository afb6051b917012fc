package mhlr.evaluate.embed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mhlr.core.cli.UsageException;

/**
 * Reads a NumPy {@code .npy} of image features: magic {@code \x93NUMPY}, version 1.0 (uint16 header length),
 * 2.0 or 3.0 (uint32), then a Python dict literal with {@code descr}, {@code fortran_order} and {@code shape},
 * then the data. Only what a feature matrix can be is accepted: float32 little-endian ({@code '<f4'}),
 * C order, two dimensions. Anything else is refused with a {@link UsageException} naming the file and the
 * field. The data is memory-mapped, not copied. {@link #write} writes what it reads.
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final long MAX_CHUNK_BYTES = 1L << 30;

    private NpyFile() {
    }

    /**
     * Opens {@code file} as a feature matrix.
     *
     * @param flipPairs true when a 2D-column row holds an embedding and its flip's; decided by the caller from
     *     the protocol (the file alone cannot tell [N, 2D] from [N, D] with a large D)
     */
    public static FeatureMatrix read(Path file, boolean flipPairs) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("features file " + file + " does not exist");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer preamble = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(preamble, 0);
            preamble.flip();
            if (preamble.remaining() < 10 || !startsWithMagic(preamble)) {
                throw new UsageException(file + " is not a .npy file (no \\x93NUMPY magic)");
            }
            int major = preamble.get(6) & 0xff;
            long headerLength;
            int headerStart;
            if (major == 1) {
                headerLength = preamble.getShort(8) & 0xffff;
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                if (preamble.remaining() < 12) {
                    throw new UsageException(file + " is truncated inside its .npy header");
                }
                headerLength = preamble.getInt(8) & 0xffffffffL;
                headerStart = 12;
            } else {
                throw new UsageException(file + " has .npy format version " + major + "; versions 1, 2 and 3 are read");
            }
            if (headerStart + headerLength > size) {
                throw new UsageException(file + " is truncated inside its .npy header");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            channel.read(headerBytes, headerStart);
            String header = new String(headerBytes.array(), major == 3 ? StandardCharsets.UTF_8
                    : StandardCharsets.ISO_8859_1);
            long[] shape = parseHeader(file, header);
            long rows = shape[0];
            long columns = shape[1];
            long dataStart = headerStart + headerLength;
            long expected;
            try {
                expected = Math.multiplyExact(Math.multiplyExact(rows, columns), (long) Float.BYTES);
            } catch (ArithmeticException overflow) {
                throw new UsageException(file + " has shape (" + rows + ", " + columns + "), whose float32 size"
                        + " overflows 64 bits: not a features file");
            }
            if (size - dataStart != expected) {
                throw new UsageException(file + " holds " + (size - dataStart) + " data bytes but its shape ("
                        + rows + ", " + columns + ") of float32 needs " + expected);
            }
            if (columns > Integer.MAX_VALUE / Float.BYTES || columns == 0) {
                throw new UsageException(file + " has " + columns + " columns; a feature row needs 1.."
                        + Integer.MAX_VALUE / Float.BYTES);
            }
            if (flipPairs && columns % 2 != 0) {
                throw new UsageException(file + " has an odd number of columns (" + columns
                        + ") and cannot hold [embedding, flip] rows");
            }
            long rowBytes = columns * Float.BYTES;
            int rowsPerChunk = (int) Math.max(1, Math.min(rows == 0 ? 1 : rows, MAX_CHUNK_BYTES / rowBytes));
            List<MappedByteBuffer> chunks = new ArrayList<>();
            for (long first = 0; first < rows; first += rowsPerChunk) {
                long count = Math.min(rowsPerChunk, rows - first);
                chunks.add(channel.map(FileChannel.MapMode.READ_ONLY, dataStart + first * rowBytes, count * rowBytes));
            }
            return FeatureMatrix.mapped(chunks, rowsPerChunk, rows, (int) columns, flipPairs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A matrix's rows, one at a time (so a large one need not sit in one array). */
    @FunctionalInterface
    public interface Rows {
        float[] row(long index);
    }

    /**
     * Writes {@code rows x columns} float32 values (row-major) as a version 1.0 {@code .npy}, as {@code np.save}
     * does: C order, little-endian, the header padded with spaces to a multiple of 64 bytes.
     */
    public static void write(OutputStream out, float[] values, long rows, int columns) throws IOException {
        if ((long) values.length != rows * columns) {
            throw new IllegalArgumentException(values.length + " values do not make " + rows + " rows of " + columns);
        }
        write(out, rows, columns, index -> java.util.Arrays.copyOfRange(values, (int) (index * columns),
                (int) ((index + 1) * columns)));
    }

    /** Writes {@code rows} rows of {@code columns} float32 values, each asked of {@code source} in order. */
    public static void write(OutputStream out, long rows, int columns, Rows source) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int total = MAGIC.length + 4 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer preamble = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.write(preamble.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer row = ByteBuffer.allocate(columns * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long index = 0; index < rows; index++) {
            float[] values = source.row(index);
            if (values.length != columns) {
                throw new IllegalArgumentException("row " + index + " has " + values.length + " values, not " + columns);
            }
            row.clear();
            row.asFloatBuffer().put(values);
            out.write(row.array());
        }
    }

    private static boolean startsWithMagic(ByteBuffer buffer) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (buffer.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The (rows, columns) of a valid header. */
    static long[] parseHeader(Path file, String header) {
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new UsageException(file + ": .npy header has no 'descr': " + header.strip());
        }
        String dtype = descr.group(1);
        if (!dtype.equals("<f4")) {
            throw new UsageException(file + " holds dtype '" + dtype + "'; features must be float32 little-endian"
                    + " ('<f4'): save them with arr.astype('<f4')");
        }
        Matcher fortran = FORTRAN.matcher(header);
        if (!fortran.find()) {
            throw new UsageException(file + ": .npy header has no 'fortran_order': " + header.strip());
        }
        if (fortran.group(1).equals("True")) {
            throw new UsageException(file + " is in Fortran (column-major) order; features must be C order:"
                    + " save np.ascontiguousarray(arr)");
        }
        Matcher shape = SHAPE.matcher(header);
        if (!shape.find()) {
            throw new UsageException(file + ": .npy header has no 'shape': " + header.strip());
        }
        String[] dims = shape.group(1).split(",");
        List<Long> values = new ArrayList<>();
        for (String dim : dims) {
            if (!dim.isBlank()) {
                try {
                    values.add(Long.parseLong(dim.strip()));
                } catch (NumberFormatException e) {
                    throw new UsageException(file + ": .npy shape (" + shape.group(1) + ") is not a list of integers");
                }
            }
        }
        if (values.stream().anyMatch(value -> value < 0)) {
            throw new UsageException(file + ": .npy shape (" + shape.group(1) + ") has a negative dimension");
        }
        if (values.size() != 2) {
            throw new UsageException(file + " has shape (" + shape.group(1) + "); features must be two-dimensional,"
                    + " [images, D] or [images, 2D]");
        }
        return new long[] {values.get(0), values.get(1)};
    }
}
