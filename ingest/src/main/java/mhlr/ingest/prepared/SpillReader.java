package mhlr.ingest.prepared;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Reads prepared records back from the spill files of pass 1 by their {@link SpillLocation}: positioned reads, each
 * spill file opened once and kept open until {@link #close()}. Local files ({@code file:} URIs) are read through a
 * NIO channel, anything else (HDFS, S3) through its Hadoop file system's positioned read.
 */
public final class SpillReader implements Closeable {
    private final Path folder;
    private final Configuration hadoop;
    private final boolean local;
    /** Open files by task attempt id (unique in a Spark application, so it names the file). */
    private final Map<Long, FileChannel> localFiles = new HashMap<>();
    private final Map<Long, FSDataInputStream> hadoopFiles = new HashMap<>();

    /** @param folder the spill folder (a qualified path) */
    public SpillReader(Path folder, Configuration hadoop) {
        this.folder = folder;
        this.hadoop = hadoop;
        this.local = "file".equals(folder.toUri().getScheme());
    }

    /** The bytes of the record at {@code location}. */
    public byte[] read(SpillLocation location) throws IOException {
        byte[] bytes = new byte[location.length()];
        if (local) {
            FileChannel channel = localFiles.get(location.attempt());
            if (channel == null) {
                channel = FileChannel.open(java.nio.file.Path.of(file(location).toUri()), StandardOpenOption.READ);
                localFiles.put(location.attempt(), channel);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = location.offset();
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new EOFException(file(location) + " ends before offset "
                            + (location.offset() + location.length()));
                }
                position += read;
            }
            return bytes;
        }
        FSDataInputStream in = hadoopFiles.get(location.attempt());
        if (in == null) {
            Path file = file(location);
            in = file.getFileSystem(hadoop).open(file);
            hadoopFiles.put(location.attempt(), in);
        }
        in.readFully(location.offset(), bytes);
        return bytes;
    }

    private Path file(SpillLocation location) {
        return new Path(folder, location.fileName());
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Closeable file : localFiles.values()) {
            first = closeQuietly(file, first);
        }
        for (Closeable file : hadoopFiles.values()) {
            first = closeQuietly(file, first);
        }
        localFiles.clear();
        hadoopFiles.clear();
        if (first != null) {
            throw first;
        }
    }

    private static IOException closeQuietly(Closeable file, IOException first) {
        try {
            file.close();
            return first;
        } catch (IOException e) {
            if (first != null) {
                first.addSuppressed(e);
                return first;
            }
            return e;
        }
    }
}
