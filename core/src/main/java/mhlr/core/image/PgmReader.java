package mhlr.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;

/**
 * Reads Netpbm greymaps (JDK ImageIO has no reader for them): binary {@code P5} and ASCII {@code P2}, 8 or 16
 * bits, comments in the header. Samples are scaled to 0..255.
 */
final class PgmReader {
    private final byte[] bytes;
    private final String source;
    private int position;

    private PgmReader(byte[] bytes, String source) {
        this.bytes = bytes;
        this.source = source;
    }

    /** A TYPE_BYTE_GRAY image. */
    static BufferedImage read(byte[] bytes, String source) throws BadRecordException {
        return new PgmReader(bytes, source).read();
    }

    private BufferedImage read() throws BadRecordException {
        boolean binary = bytes[1] == '5';
        position = 2;
        int width = headerNumber("width");
        int height = headerNumber("height");
        int maxValue = headerNumber("maximum value");
        if (width <= 0 || height <= 0 || (long) width * height > ImageDecoder.MAX_PIXELS) {
            throw corrupt("PGM header gives an impossible size " + width + "x" + height);
        }
        if (maxValue <= 0 || maxValue > 65535) {
            throw corrupt("PGM header gives maximum value " + maxValue + ", outside 1..65535");
        }
        int samples = width * height;
        requirePixelBytes(binary, samples, maxValue, width, height);
        ImageDecoder.checkBudget(ImageFormat.PGM, width, height, 1, source);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        if (binary) {
            readBinary(out, samples, maxValue, width, height);
        } else {
            readAscii(out, samples, maxValue);
        }
        return image;
    }

    /**
     * Refuses a file too short for the pixels its header promises before the image is allocated: a few bytes
     * claiming 10000x10000 must not cost 100 MB of heap. Binary samples take 1 or 2 bytes each; ASCII ones at
     * least a digit and a separator.
     */
    private void requirePixelBytes(boolean binary, int samples, int maxValue, int width, int height)
            throws BadRecordException {
        long available = Math.max(0, bytes.length - position - (binary ? 1 : 0));
        long needed = binary ? (long) samples * (maxValue < 256 ? 1 : 2) : 2L * samples - 1;
        if (available < needed) {
            throw new BadRecordException(SkipReason.TRUNCATED_IMAGE, String.format(
                    "%s: PGM header promises %dx%d pixels (%s%,d bytes), the file holds %,d", source, width, height,
                    binary ? "" : "at least ", needed, available));
        }
    }

    private void readBinary(byte[] out, int samples, int maxValue, int width, int height) throws BadRecordException {
        position++; // the single whitespace byte after the maximum value
        int bytesPerSample = maxValue < 256 ? 1 : 2;
        if (bytesPerSample == 1 && maxValue == 255) {
            System.arraycopy(bytes, position, out, 0, samples);
            return;
        }
        for (int i = 0; i < samples; i++) {
            int value = bytesPerSample == 1 ? bytes[position + i] & 0xff
                    : (bytes[position + 2 * i] & 0xff) << 8 | bytes[position + 2 * i + 1] & 0xff;
            out[i] = scale(value, maxValue);
        }
    }

    private void readAscii(byte[] out, int samples, int maxValue) throws BadRecordException {
        for (int i = 0; i < samples; i++) {
            skipWhitespace();
            if (position >= bytes.length) {
                throw new BadRecordException(SkipReason.TRUNCATED_IMAGE, String.format(
                        "%s: ASCII PGM ends after %,d of its %,d pixels", source, i, samples));
            }
            int value = number("pixel " + i);
            out[i] = scale(value, maxValue);
        }
    }

    private byte scale(int value, int maxValue) throws BadRecordException {
        if (value > maxValue) {
            throw corrupt("PGM pixel value " + value + " exceeds the header's maximum " + maxValue);
        }
        return (byte) ((value * 255 + maxValue / 2) / maxValue);
    }

    private int headerNumber(String what) throws BadRecordException {
        skipWhitespaceAndComments();
        if (position >= bytes.length) {
            throw new BadRecordException(SkipReason.TRUNCATED_IMAGE, source + ": PGM header ends before its " + what);
        }
        return number(what);
    }

    private int number(String what) throws BadRecordException {
        long value = 0;
        int start = position;
        while (position < bytes.length && bytes[position] >= '0' && bytes[position] <= '9') {
            value = value * 10 + (bytes[position++] - '0');
            if (value > Integer.MAX_VALUE) {
                throw corrupt("PGM " + what + " is too large");
            }
        }
        if (position == start || position < bytes.length && !Character.isWhitespace(bytes[position])) {
            throw corrupt("PGM " + what + " at byte " + start + " is not a number");
        }
        return (int) value;
    }

    private void skipWhitespaceAndComments() {
        while (position < bytes.length) {
            if (bytes[position] == '#') {
                while (position < bytes.length && bytes[position] != '\n' && bytes[position] != '\r') {
                    position++;
                }
            } else if (Character.isWhitespace(bytes[position])) {
                position++;
            } else {
                return;
            }
        }
    }

    private void skipWhitespace() {
        while (position < bytes.length && Character.isWhitespace(bytes[position])) {
            position++;
        }
    }

    private BadRecordException corrupt(String detail) {
        return new BadRecordException(SkipReason.CORRUPT_IMAGE, source + ": " + detail);
    }
}
