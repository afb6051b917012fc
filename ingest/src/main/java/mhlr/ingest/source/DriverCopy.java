package mhlr.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local path that core's readers can open on the driver ({@link DriverFiles}): the input itself when it is
 * local, else a temporary copy, which {@link #close()} deletes (files and directories) so a job leaves nothing in
 * the temporary directory.
 */
final class DriverCopy implements AutoCloseable {
    private final Path path;
    private final Path temporary;

    private DriverCopy(Path path, Path temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** The input's own local path; closing it deletes nothing. */
    static DriverCopy original(Path path) {
        return new DriverCopy(path, null);
    }

    /** A temporary directory, deleted with everything under it on close. */
    static DriverCopy temporary(Path directory) {
        return new DriverCopy(directory, directory);
    }

    /** {@code name} inside this copy, deleted with it. */
    DriverCopy resolve(String name) {
        return new DriverCopy(path.resolve(name), temporary);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        if (temporary == null || !Files.exists(temporary)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(temporary)) {
            List<Path> deepestFirst = tree.sorted(Comparator.reverseOrder()).toList();
            for (Path entry : deepestFirst) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the driver's temporary copy " + temporary, e);
        }
    }
}
