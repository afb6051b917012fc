package mhlr.core.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An output directory that appears only when complete. Work is written into a hidden staging directory
 * beside the target ({@code .NAME.partial-PID}); {@link #commit()} renames it onto the target in one step.
 * A run that fails calls {@link #close()} and leaves nothing at the target; a run that is killed leaves
 * only the hidden staging directory, which no reader looks at.
 *
 * <pre>{@code
 * try (AtomicOutput output = AtomicOutput.begin(target, overwrite)) {
 *     write(output.staging());
 *     output.commit();
 * }
 * }</pre>
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private AtomicOutput(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Starts an output at {@code target}.
     *
     * @throws UsageException if the target exists and {@code overwrite} is false
     */
    public static AtomicOutput begin(Path target, boolean overwrite) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !overwrite) {
            throw new UsageException("output " + target + " exists; give --overwrite to replace it");
        }
        Path staging = hiddenSibling(absolute, "partial");
        try {
            Files.createDirectories(absolute.getParent());
            deleteRecursively(staging);
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create staging directory " + staging, e);
        }
        return new AtomicOutput(absolute, staging);
    }

    /** Where the work is written until {@link #commit()}. */
    public Path staging() {
        return staging;
    }

    /** The final location. */
    public Path target() {
        return target;
    }

    /** Moves the staging directory onto the target, replacing an existing one. */
    public void commit() {
        try {
            if (Files.exists(target)) {
                Path old = hiddenSibling(target, "old");
                deleteRecursively(old);
                move(target, old);
                move(staging, target);
                deleteRecursively(old);
            } else {
                move(staging, target);
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
                deleteRecursively(staging);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove staging directory " + staging, e);
            }
        }
    }

    /** Writes a file so that readers see either nothing or the whole file: a temporary sibling, then a rename. */
    public static void writeFile(Path file, byte[] content) {
        Path temporary = hiddenSibling(file.toAbsolutePath(), "tmp");
        try {
            Files.createDirectories(temporary.getParent());
            Files.write(temporary, content);
            move(temporary, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Path hiddenSibling(Path path, String kind) {
        return path.resolveSibling("." + path.getFileName() + "." + kind + "-" + ProcessHandle.current().pid());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a directory tree; a missing path is not an error. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
