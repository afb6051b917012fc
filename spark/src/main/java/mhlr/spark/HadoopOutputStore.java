package mhlr.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mhlr.core.output.LocalOutputStore;
import mhlr.core.output.OutputLock;
import mhlr.core.output.OutputStore;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@link OutputStore} on a Hadoop file system, for fully qualified paths. On the local file system ({@code file:})
 * the lock, the flushes and the input check are core's {@link LocalOutputStore} (an operating-system lock that
 * dies with its process, {@code fsync}, symbolic links resolved). Elsewhere the lock is a file created only if
 * absent (atomic on HDFS; a run killed there leaves it behind, and the message names it for removal), and a
 * closed file is as durable as the file system makes it.
 */
final class HadoopOutputStore implements OutputStore<Path> {
    private static final String LOCAL = "file";

    private final FileSystem fileSystem;

    HadoopOutputStore(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    @Override
    public Path parent(Path path) {
        return path.getParent();
    }

    @Override
    public Path child(Path directory, String name) {
        return new Path(directory, name);
    }

    @Override
    public String name(Path path) {
        return path.getName();
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return fileSystem.exists(path);
    }

    @Override
    public boolean isDirectory(Path path) throws IOException {
        try {
            return fileSystem.getFileStatus(path).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    @Override
    public List<String> list(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus status : fileSystem.listStatus(directory)) {
            names.add(status.getPath().getName());
        }
        return names;
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        if (!fileSystem.mkdirs(directory)) {
            throw new IOException("mkdirs " + directory + " returned false");
        }
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        if (!fileSystem.rename(from, to)) {
            throw new IOException("rename " + from + " to " + to + " returned false");
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        fileSystem.delete(path, true);
    }

    @Override
    public void syncTree(Path path) throws IOException {
        if (isLocal(path)) {
            LocalOutputStore.INSTANCE.syncTree(local(path));
        }
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        if (isLocal(directory)) {
            LocalOutputStore.INSTANCE.syncDirectory(local(directory));
        }
    }

    @Override
    public OutputLock tryLock(Path lockFile) throws IOException {
        if (isLocal(lockFile)) {
            return LocalOutputStore.INSTANCE.tryLock(local(lockFile));
        }
        try (FSDataOutputStream out = fileSystem.create(lockFile, false)) {
            out.write(("locked by a run on " + java.net.InetAddress.getLocalHost().getHostName() + " pid "
                    + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException held) {
            return null;
        }
        return () -> fileSystem.delete(lockFile, false);
    }

    @Override
    public boolean within(Path inner, Path outer) throws IOException {
        if (isLocal(inner) && isLocal(outer)) {
            return LocalOutputStore.INSTANCE.within(local(inner), local(outer));
        }
        if (!inner.toUri().getScheme().equals(outer.toUri().getScheme())
                || !String.valueOf(inner.toUri().getAuthority()).equals(String.valueOf(outer.toUri().getAuthority()))) {
            return false;
        }
        String innerPath = inner.toUri().getPath();
        String outerPath = outer.toUri().getPath();
        return innerPath.equals(outerPath) || innerPath.startsWith(outerPath.endsWith("/") ? outerPath
                : outerPath + "/");
    }

    @Override
    public String show(Path path) {
        return isLocal(path) ? path.toUri().getPath() : path.toString();
    }

    static boolean isLocal(Path path) {
        return LOCAL.equals(path.toUri().getScheme());
    }

    private static java.nio.file.Path local(Path path) {
        return java.nio.file.Path.of(path.toUri());
    }
}
