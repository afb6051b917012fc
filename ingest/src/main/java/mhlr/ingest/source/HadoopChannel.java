package mhlr.ingest.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A read-only {@link SeekableByteChannel} over a file on any Hadoop file system, so core's RecordIO reader (written
 * against NIO channels) reads {@code train.rec} on HDFS or S3 as it reads a local file. Reads are positioned reads.
 */
final class HadoopChannel implements SeekableByteChannel {
    private final FSDataInputStream in;
    private final long size;
    private long position;
    private boolean open = true;

    private HadoopChannel(FSDataInputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    static HadoopChannel open(FileSystem fileSystem, Path file) throws IOException {
        long size = fileSystem.getFileStatus(file).getLen();
        return new HadoopChannel(fileSystem.open(file, 1 << 16), size);
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        if (position >= size) {
            return -1;
        }
        int wanted = (int) Math.min(destination.remaining(), size - position);
        int read;
        if (destination.hasArray()) {
            read = in.read(position, destination.array(), destination.arrayOffset() + destination.position(), wanted);
            if (read > 0) {
                destination.position(destination.position() + read);
            }
        } else {
            byte[] chunk = new byte[wanted];
            read = in.read(position, chunk, 0, wanted);
            if (read > 0) {
                destination.put(chunk, 0, read);
            }
        }
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        this.position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}
