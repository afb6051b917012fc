package mhlr.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.output.OutputCommit;
import mhlr.core.output.OutputRules;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * An output directory on any Hadoop file system (local paths, {@code hdfs://}, {@code s3a://}) that appears
 * only when complete, committed by core's {@link OutputCommit} (the same protocol as
 * {@link mhlr.core.cli.AtomicOutput}): a lock beside the target for the whole run, a hidden staging directory
 * with a random name ({@code .NAME.partial-RANDOM}; Hadoop and Spark readers skip names starting with a dot), a
 * final rename that replaces an existing output only with {@code --overwrite} and only when it is this command's.
 * A failed run calls {@link #close()} and leaves nothing; a killed run leaves only the hidden staging directory,
 * which the next run on the output removes.
 *
 * <p>Spark tasks write their files under a hidden attempt name ({@link #attemptName}) and rename them when complete,
 * so a retried or speculative task never leaves half a file under the real name. A killed or failed attempt may
 * still leave its attempt file behind: {@link #commit()} deletes every such file in the staging directory first,
 * so only the files of successful attempts are committed.
 *
 * <p>The rename is atomic on local file systems and HDFS. On object stores (S3A) a directory rename copies
 * file by file and the lock file is not exclusive, so a reader that checks the manifest against the files
 * (core's {@code ShardSet.verify}) is what protects it there.
 *
 * <pre>{@code
 * try (HadoopAtomicOutput output = HadoopAtomicOutput.begin(target, rules, hadoopConfiguration)) {
 *     write(output.staging());
 *     output.commit();
 * }
 * }</pre>
 */
public final class HadoopAtomicOutput implements AutoCloseable {
    /** What marks a task attempt's file: {@code .NAME.attempt-ID}. */
    public static final String ATTEMPT_MARK = ".attempt-";

    private final FileSystem fileSystem;
    private final OutputCommit<Path> commit;

    private HadoopAtomicOutput(FileSystem fileSystem, OutputCommit<Path> commit) {
        this.fileSystem = fileSystem;
        this.commit = commit;
    }

    /**
     * Starts an output at {@code target} (a local path or a Hadoop URI); the inputs in {@code rules} are locations
     * as the user gave them.
     *
     * @throws UsageException if the rules refuse the target or another run is writing it
     */
    public static HadoopAtomicOutput begin(String target, OutputRules<String> rules, Configuration hadoop) {
        try {
            Path path = new Path(target);
            FileSystem fileSystem = fileSystem(path, hadoop);
            List<Path> inputs = new ArrayList<>();
            for (String input : rules.inputs()) {
                Path inputPath = new Path(input);
                inputs.add(inputPath.getFileSystem(hadoop).makeQualified(inputPath));
            }
            OutputRules<Path> qualified = new OutputRules<>(rules.overwrite(), rules.resume(),
                    rules.inPlaceWhenNew(), rules.ownMarkers(), inputs);
            return new HadoopAtomicOutput(fileSystem, OutputCommit.begin(new HadoopOutputStore(fileSystem),
                    fileSystem.makeQualified(path), qualified));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output " + target, e);
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
        return commit.staging();
    }

    /** A file inside the staging directory. */
    public Path staged(String name) {
        return new Path(commit.staging(), name);
    }

    /** The final location (fully qualified). */
    public Path target() {
        return commit.target();
    }

    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** The hidden name under which task attempt {@code attempt} writes the file {@code name} until it is complete. */
    public static String attemptName(String name, String attempt) {
        return "." + name + ATTEMPT_MARK + attempt;
    }

    /** Where task attempt {@code attempt} writes the file {@code target} until it is complete: beside it, hidden. */
    public static Path attemptPath(Path target, String attempt) {
        return new Path(target.getParent(), attemptName(target.getName(), attempt));
    }

    /** The running Spark task's attempt id, or {@code driver} outside a task: the {@code attempt} of the above. */
    public static String currentAttempt() {
        TaskContext task = TaskContext.get();
        return task == null ? "driver" : Long.toString(task.taskAttemptId());
    }

    /**
     * Whether {@link #commit()} flushes a file at {@code path} (fully qualified) to the disk: on the local file
     * system it does, file by file, so a writer there may flush as it goes and leave the commit nothing to wait for.
     */
    public static boolean flushedAtCommit(Path path) {
        return HadoopOutputStore.isLocal(path);
    }

    /** Moves a complete attempt file to its final name, replacing what another attempt may have put there. */
    public static void land(FileSystem fileSystem, Path attemptFile, Path target) throws IOException {
        fileSystem.delete(target, false);
        if (!fileSystem.rename(attemptFile, target)) {
            throw new IOException("cannot rename " + attemptFile + " to " + target);
        }
    }

    /**
     * Deletes the files that killed or failed task attempts left in the staging directory, then makes the staging
     * directory the output (see {@link OutputCommit#commit()}).
     */
    public void commit() {
        try {
            List<Path> leftovers = new ArrayList<>();
            addAttemptFiles(commit.staging(), leftovers);
            for (Path leftover : leftovers) {
                fileSystem.delete(leftover, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear task attempts' files from " + commit.staging(), e);
        }
        commit.commit();
    }

    /**
     * Adds the attempt files in {@code directory} and below to {@code found}. Plain statuses, folder by folder:
     * Hadoop's recursive {@code listFiles} asks the local file system for every file's permissions, which without
     * libhadoop runs a process per file.
     */
    private void addAttemptFiles(Path directory, List<Path> found) throws IOException {
        for (FileStatus status : fileSystem.listStatus(directory)) {
            String name = status.getPath().getName();
            if (status.isDirectory()) {
                addAttemptFiles(status.getPath(), found);
            } else if (name.startsWith(".") && name.contains(ATTEMPT_MARK)) {
                found.add(status.getPath());
            }
        }
    }

    /** Removes the staging directory unless the output was committed, and releases the lock. */
    @Override
    public void close() {
        commit.close();
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
}
