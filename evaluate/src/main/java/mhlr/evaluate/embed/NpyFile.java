package mhlr.evaluate.embed;

import java.io.IOException;
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
 * field. The data is memory-mapped, not copied.
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
