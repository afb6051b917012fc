package mhlr.core.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import mhlr.core.output.LocalOutputStore;
import mhlr.core.output.OutputCommit;
import mhlr.core.output.OutputRules;

/**
 * A local output directory that appears only when complete, committed by {@link OutputCommit} (lock, random
 * staging name, a final rename that replaces only with {@code --overwrite}, old output deleted only after the new
 * one is in place). A run that fails calls {@link #close()} and leaves nothing at the target; a run that is killed
 * leaves only a hidden staging directory, which the next run on the same output removes.
 *
 * <pre>{@code
 * try (AtomicOutput output = AtomicOutput.begin(target, rules)) {
 *     write(output.staging());
 *     output.commit();
 * }
 * }</pre>
 */
public final class AtomicOutput implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutputCommit<Path> commit;

    private AtomicOutput(OutputCommit<Path> commit) {
        this.commit = commit;
    }

    /**
     * Starts an output at {@code target} under {@code rules}.
     *
     * @throws UsageException if the rules refuse the target (it exists, is not this command's, overlaps an input)
     *     or another run is writing it
     */
    public static AtomicOutput begin(Path target, OutputRules<Path> rules) {
        return new AtomicOutput(OutputCommit.begin(LocalOutputStore.INSTANCE, target.toAbsolutePath().normalize(),
                rules));
    }

    /** Where the work is written until {@link #commit()}. */
    public Path staging() {
        return commit.staging();
    }

    /** The final location. */
    public Path target() {
        return commit.target();
    }

    /** Makes the staging directory the output (see {@link OutputCommit#commit()}). */
    public void commit() {
        commit.commit();
    }

    /** Removes the staging directory unless the output was committed, and releases the lock. */
    @Override
    public void close() {
        commit.close();
    }

    /**
     * Writes a file so that readers see either nothing or the whole file, even after a power loss: a temporary
     * sibling with a random name, flushed, renamed, and the directory flushed.
     */
    public static void writeFile(Path file, byte[] content) {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-"
                + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE));
        try {
            Files.createDirectories(temporary.getParent());
            Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            LocalOutputStore.force(absolute.getParent());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes a file or a directory tree; a missing path is not an error. */
    public static void deleteRecursively(Path path) throws IOException {
        LocalOutputStore.INSTANCE.delete(path);
    }
}
