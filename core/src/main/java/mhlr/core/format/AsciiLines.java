package mhlr.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a text file of fields line by line without a String per line, for protocol files with millions of lines
 * (IJB-C's 15.66 million template pairs). Fields are separated by spaces and tabs (and commas when asked); blank
 * lines and a leading UTF-8 byte order mark are skipped. Line numbers count every line, as editors do.
 */
final class AsciiLines implements AutoCloseable {
    private final InputStream in;
    private final boolean commaSeparates;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkLength;
    private int chunkPosition;
    private byte[] line = new byte[256];
    private int lineLength;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int fields;
    private long lineNumber;

    AsciiLines(Path file, boolean commaSeparates) throws IOException {
        this.in = Files.newInputStream(file);
        this.commaSeparates = commaSeparates;
    }

    /** Moves to the next non-blank line; false at the end of the file. */
    boolean next() throws IOException {
        while (readLine()) {
            if (lineNumber == 1) {
                skipByteOrderMark();
            }
            split();
            if (fields > 0) {
                return true;
            }
        }
        return false;
    }

    /** 1-based number of the current line in the file. */
    long lineNumber() {
        return lineNumber;
    }

    /** Number of fields on the current line. */
    int fields() {
        return fields;
    }

    /** Field {@code i} (0-based) as text. */
    String text(int i) {
        return new String(line, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }

    /** Field {@code i} as a whole number in the int range; NumberFormatException (with the field) otherwise. */
    int integer(int i) {
        int start = starts[i];
        int end = ends[i];
        boolean negative = line[start] == '-';
        int position = negative || line[start] == '+' ? start + 1 : start;
        if (position == end || end - position > 10) {
            throw new NumberFormatException("'" + text(i) + "' is not a whole number");
        }
        long value = 0;
        for (; position < end; position++) {
            int digit = line[position] - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException("'" + text(i) + "' is not a whole number");
            }
            value = value * 10 + digit;
        }
        value = negative ? -value : value;
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new NumberFormatException("'" + text(i) + "' is out of range");
        }
        return (int) value;
    }

    /** Field {@code i} as a finite float; NumberFormatException otherwise. */
    float number(int i) {
        String text = text(i);
        float value;
        try {
            value = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + text + "' is not a number");
        }
        if (!Float.isFinite(value) || text.endsWith("f") || text.endsWith("d") || text.endsWith("F")
                || text.endsWith("D")) {
            throw new NumberFormatException("'" + text + "' is not a finite number");
        }
        return value;
    }

    /** The current line, shortened for messages. */
    String lineText() {
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8).strip();
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    private boolean readLine() throws IOException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (chunkPosition == chunkLength) {
                chunkLength = in.read(chunk);
                chunkPosition = 0;
                if (chunkLength <= 0) {
                    chunkLength = 0;
                    if (any) {
                        lineNumber++;
                    }
                    return any;
                }
            }
            any = true;
            int start = chunkPosition;
            while (chunkPosition < chunkLength && chunk[chunkPosition] != '\n') {
                chunkPosition++;
            }
            append(start, chunkPosition - start);
            if (chunkPosition < chunkLength) {
                chunkPosition++;
                lineNumber++;
                return true;
            }
        }
    }

    private void append(int start, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(chunk, start, line, lineLength, length);
        lineLength += length;
    }

    /** Drops the UTF-8 byte order mark some editors put at the start of a file. */
    private void skipByteOrderMark() {
        if (lineLength >= 3 && line[0] == (byte) 0xef && line[1] == (byte) 0xbb && line[2] == (byte) 0xbf) {
            System.arraycopy(line, 3, line, 0, lineLength - 3);
            lineLength -= 3;
        }
    }

    private void split() {
        fields = 0;
        int i = 0;
        while (i < lineLength) {
            while (i < lineLength && isSeparator(line[i])) {
                i++;
            }
            if (i == lineLength) {
                break;
            }
            int start = i;
            while (i < lineLength && !isSeparator(line[i])) {
                i++;
            }
            if (fields == starts.length) {
                starts = Arrays.copyOf(starts, fields * 2);
                ends = Arrays.copyOf(ends, fields * 2);
            }
            starts[fields] = start;
            ends[fields] = i;
            fields++;
        }
    }

    private boolean isSeparator(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b || commaSeparates && b == ',';
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
