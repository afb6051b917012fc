package mhlr.core.image;

import javax.imageio.stream.ImageInputStreamImpl;

/** An ImageIO input stream over a byte array, without the copying or temporary files of ImageIO's own streams. */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {
    private final byte[] data;

    ByteArrayImageInputStream(byte[] data) {
        this.data = data;
    }

    @Override
    public int read() {
        bitOffset = 0;
        if (streamPos >= data.length) {
            return -1;
        }
        return data[(int) streamPos++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            return -1;
        }
        int count = (int) Math.min(length, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, buffer, offset, count);
        streamPos += count;
        return count;
    }

    @Override
    public long length() {
        return data.length;
    }
}
