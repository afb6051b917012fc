package mhlr.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Protocol and index files for core's readers, which read local files: a local file is used where it is; a file
 * on HDFS or S3 is copied once into a temporary file on the driver (they are small next to the images: IJB-C's
 * pair list, the largest, is a few hundred MB). Each is a {@link DriverCopy} the caller closes once read, which
 * deletes a temporary copy.
 */
final class DriverFiles {
    private DriverFiles() {
    }

    /** A local path holding the file's bytes. */
    static DriverCopy local(FileSystem fileSystem, Path file) {
        if (isLocal(fileSystem)) {
            return DriverCopy.original(java.nio.file.Path.of(fileSystem.makeQualified(file).toUri()));
        }
        DriverCopy copy = null;
        try {
            copy = DriverCopy.temporary(Files.createTempDirectory("mhlr-ingest-"));
            DriverCopy local = copy.resolve(file.getName());
            fileSystem.copyToLocalFile(false, file, new Path(local.path().toUri()), true);
            return local;
        } catch (IOException e) {
            if (copy != null) {
                copy.close();
            }
            throw new UncheckedIOException("cannot copy " + file + " to the driver", e);
        }
    }

    /**
     * A local directory with {@code root}'s subdirectory {@code child} in it (the protocol files of CFP or IJB):
     * {@code root} itself when local, else a temporary copy of that subdirectory.
     */
    static DriverCopy localRoot(FileSystem fileSystem, Path root, String child) {
        if (isLocal(fileSystem)) {
            return DriverCopy.original(java.nio.file.Path.of(fileSystem.makeQualified(root).toUri()));
        }
        DriverCopy copy = null;
        try {
            copy = DriverCopy.temporary(Files.createTempDirectory("mhlr-ingest-"));
            Path source = new Path(root, child);
            if (fileSystem.exists(source)) {
                fileSystem.copyToLocalFile(false, source, new Path(copy.path().resolve(child).toUri()), true);
            }
            return copy;
        } catch (IOException e) {
            if (copy != null) {
                copy.close();
            }
            throw new UncheckedIOException("cannot copy " + new Path(root, child) + " to the driver", e);
        }
    }

    /** Whether the file system is the local one (core's readers can open its files directly). */
    static boolean isLocal(FileSystem fileSystem) {
        return fileSystem instanceof LocalFileSystem || fileSystem instanceof RawLocalFileSystem;
    }
}
