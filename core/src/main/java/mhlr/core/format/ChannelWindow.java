package mhlr.core.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Positioned reads of one channel through a 64 KiB window, so walking a record of many small parts costs one read
 * per window and not one per part header. Reads longer than the window go to the channel directly. A channel that
 * is not a {@link FileChannel} is shared by the reads of one task, so its seek and read happen under its lock.
 */
final class ChannelWindow {
    private static final int SIZE = 64 << 10;

    private final SeekableByteChannel channel;
    private final ByteBuffer window = ByteBuffer.allocate(SIZE);
    private long start = -1;

    ChannelWindow(SeekableByteChannel channel) {
        this.channel = channel;
    }

    /** The little-endian int at {@code position}. */
    int readInt(long position) throws IOException {
        byte[] bytes = new byte[4];
        read(position, bytes, 0, 4);
        return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    }

    /** Fills {@code length} bytes of {@code target} from {@code offset} with the bytes at {@code position}. */
    void read(long position, byte[] target, int offset, int length) throws IOException {
        if (length >= SIZE) {
            readFully(channel, ByteBuffer.wrap(target, offset, length), position);
            return;
        }
        if (start < 0 || position < start || position + length > start + window.limit()) {
            start = position;
            window.clear().limit((int) Math.min(SIZE, Math.max(length, channel.size() - position)));
            readFully(channel, window, position);
            window.flip();
        }
        System.arraycopy(window.array(), (int) (position - start), target, offset, length);
    }

    /** Fills the buffer from {@code position}, or throws {@link EOFException} when the channel ends first. */
    static void readFully(SeekableByteChannel channel, ByteBuffer buffer, long position) throws IOException {
        if (channel instanceof FileChannel file) {
            long at = position;
            while (buffer.hasRemaining()) {
                int n = file.read(buffer, at);
                if (n < 0) {
                    throw new EOFException("end of file at " + at);
                }
                at += n;
            }
            return;
        }
        synchronized (channel) {
            channel.position(position);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new EOFException("end of file at " + channel.position());
                }
            }
        }
    }
}
