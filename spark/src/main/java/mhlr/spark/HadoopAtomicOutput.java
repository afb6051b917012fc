package mhlr.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import mhlr.core.cli.UsageException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory on any Hadoop file system (local paths, {@code hdfs://}, {@code s3a://}) that appears
 * only when complete: the Spark-job counterpart of core's {@link mhlr.core.cli.AtomicOutput}. Work goes into a
 * hidden staging directory beside the target ({@code .NAME.partial-PID}; Hadoop and Spark readers skip names
 * starting with a dot); {@link #commit()} renames it onto the target. A failed run calls {@link #close()} and
 * leaves nothing; a killed run leaves only the hidden staging directory.
 *
 * <p>The rename is atomic on local file systems and HDFS. On object stores (S3A) a directory rename copies
 * file by file, so a reader that checks the manifest against the files (core's {@code ShardSet.verify}) is what
 * protects it there.
 *
 * <pre>{@code
 * try (HadoopAtomicOutput output = HadoopAtomicOutput.begin(target, overwrite, hadoopConfiguration)) {
 *     write(output.staging());
 *     output.commit();
 * }
 * }</pre>
 */
public final class HadoopAtomicOutput implements AutoCloseable {
    private final FileSystem fileSystem;
    private final Path target;
    private final Path staging;
    private boolean committed;

    private HadoopAtomicOutput(FileSystem fileSystem, Path target, Path staging) {
        this.fileSystem = fileSystem;
        this.target = target;
        this.staging = staging;
    }

    /**
     * Starts an output at {@code target} (a local path or a Hadoop URI).
     *
     * @throws UsageException if the target exists and {@code overwrite} is false
     */
    public static HadoopAtomicOutput begin(String target, boolean overwrite, Configuration hadoop) {
        Path path = new Path(target);
        try {
            FileSystem fileSystem = fileSystem(path, hadoop);
            Path qualified = fileSystem.makeQualified(path);
            if (qualified.getParent() == null) {
                throw new UsageException("output " + target + " is a file system root; name a directory inside it");
            }
            if (fileSystem.exists(qualified) && !overwrite) {
                throw new UsageException("output " + target + " exists; give --overwrite to replace it");
            }
            Path staging = hiddenSibling(qualified, "partial");
            fileSystem.delete(staging, true);
            if (!fileSystem.mkdirs(staging)) {
                throw new IOException("mkdirs returned false");
            }
            return new HadoopAtomicOutput(fileSystem, qualified, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging directory beside " + target, e);
        }
    }

    /**
     * The file system of {@code path}, set not to write checksum sidecars ({@code .NAME.crc}, which the local file
     * system adds beside every file): an output directory holds only what its manifest names. Executors writing
     * into the staging directory use this too.
     */
    public static FileSystem fileSystem(Path path, Configuration hadoop) throws IOException {
        FileSystem fileSystem = path.getFileSystem(hadoop);
        fileSystem.setWriteChecksum(false);
        return fileSystem;
    }

    /** Where the work is written until {@link #commit()} (fully qualified). */
    public Path staging() {
        return staging;
    }

    /** A file inside the staging directory. */
    public Path staged(String name) {
        return new Path(staging, name);
    }

    /** The final location (fully qualified). */
    public Path target() {
        return target;
    }

    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** Moves the staging directory onto the target, replacing an existing one. */
    public void commit() {
        try {
            if (fileSystem.exists(target)) {
                Path old = hiddenSibling(target, "old");
                fileSystem.delete(old, true);
                rename(target, old);
                rename(staging, target);
                fileSystem.delete(old, true);
            } else {
                rename(staging, target);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit " + staging + " to " + target, e);
        }
    }

    /** Removes the staging directory unless the output was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                fileSystem.delete(staging, true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove staging directory " + staging, e);
            }
        }
    }

    /** Writes a whole file into the staging directory (replacing one of that name). */
    public void writeFile(String name, byte[] content) {
        Path file = staged(name);
        try (FSDataOutputStream out = fileSystem.create(file, true)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fileSystem.rename(from, to)) {
            throw new IOException("rename " + from + " to " + to + " returned false");
        }
    }

    private static Path hiddenSibling(Path path, String kind) {
        return new Path(path.getParent(), "." + path.getName() + "." + kind + "-" + ProcessHandle.current().pid());
    }
}
