package mhlr.ingest.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads input files on the executors: local files ({@code file:} URIs) straight through NIO, anything else
 * through its Hadoop file system. The detour matters: Hadoop's local file system probes for a {@code .crc}
 * sidecar on every open and re-opens the file for every positioned read, which cost more CPU than decoding a
 * 112x112 JPEG.
 */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * The whole file.
     *
     * @throws FileNotFoundException when there is no such file
     * @throws IOException when it is a directory, larger than {@code maxBytes}, or cannot be read
     */
    static byte[] readAll(Path path, Configuration hadoop, long maxBytes) throws IOException {
        if (isLocal(path)) {
            java.nio.file.Path local = java.nio.file.Path.of(path.toUri());
            try {
                if (Files.isDirectory(local)) {
                    throw new IOException("is a directory, not an image file");
                }
                long size = Files.size(local);
                checkSize(size, maxBytes);
                return Files.readAllBytes(local);
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException(local.toString());
            }
        }
        FileSystem fileSystem = path.getFileSystem(hadoop);
        FileStatus status = fileSystem.getFileStatus(path);
        if (status.isDirectory()) {
            throw new IOException("is a directory, not an image file");
        }
        checkSize(status.getLen(), maxBytes);
        try (InputStream in = fileSystem.open(path)) {
            return in.readAllBytes();
        }
    }

    /**
     * A whole local file, in one open (no separate probes for a directory or the size).
     *
     * @throws FileNotFoundException when there is no such file
     * @throws IOException when it is a directory, larger than {@code maxBytes}, or cannot be read
     */
    static byte[] readLocal(java.nio.file.Path local, long maxBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(local, StandardOpenOption.READ)) {
            long size = channel.size();
            checkSize(size, maxBytes);
            byte[] bytes = new byte[(int) size];
            ByteBuffer whole = ByteBuffer.wrap(bytes);
            while (whole.hasRemaining() && channel.read(whole) >= 0) {
                // a short read: read on
            }
            if (whole.hasRemaining()) {
                return Arrays.copyOf(bytes, whole.position());
            }
            // One byte past the size tells a file that grew since it was sized from one that did not, without the
            // 8 KB buffer and second copy that asking an InputStream for the rest cost (as much as the read itself).
            ByteBuffer past = ByteBuffer.allocate(1);
            if (channel.read(past) <= 0) {
                return bytes;
            }
            byte[] more = Channels.newInputStream(channel).readNBytes((int) (maxBytes - size));
            checkSize(size + 1 + more.length, maxBytes);
            byte[] all = Arrays.copyOf(bytes, bytes.length + 1 + more.length);
            all[bytes.length] = past.get(0);
            System.arraycopy(more, 0, all, bytes.length + 1, more.length);
            return all;
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(local.toString());
        } catch (IOException e) {
            if (Files.isDirectory(local)) {
                throw new IOException("is a directory, not an image file");
            }
            throw e;
        }
    }

    /** A read-only channel over the file, for positioned reads (core's RecordIO reader). */
    static SeekableByteChannel channel(Path path, Configuration hadoop) throws IOException {
        if (isLocal(path)) {
            return FileChannel.open(java.nio.file.Path.of(path.toUri()), StandardOpenOption.READ);
        }
        return HadoopChannel.open(path.getFileSystem(hadoop), path);
    }

    static boolean isLocal(Path path) {
        return "file".equals(path.toUri().getScheme());
    }

    private static void checkSize(long size, long maxBytes) throws IOException {
        if (size > maxBytes) {
            throw new IOException(String.format("%,d bytes, more than the %,d an image may have", size, maxBytes));
        }
    }
}
