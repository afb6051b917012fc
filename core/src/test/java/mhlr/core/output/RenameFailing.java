package mhlr.core.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The local store with one injected fault: renaming a path whose name contains {@code fromNameContaining} fails,
 * as a full disk or a revoked permission would make it fail between the two renames of an overwrite.
 */
final class RenameFailing implements OutputStore<Path> {
    private final OutputStore<Path> store;
    private final String fromNameContaining;

    RenameFailing(OutputStore<Path> store, String fromNameContaining) {
        this.store = store;
        this.fromNameContaining = fromNameContaining;
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        if (from.getFileName().toString().contains(fromNameContaining)) {
            throw new IOException("injected: cannot rename " + from);
        }
        store.rename(from, to);
    }

    @Override
    public Path parent(Path path) {
        return store.parent(path);
    }

    @Override
    public Path child(Path directory, String name) {
        return store.child(directory, name);
    }

    @Override
    public String name(Path path) {
        return store.name(path);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return store.exists(path);
    }

    @Override
    public boolean isDirectory(Path path) throws IOException {
        return store.isDirectory(path);
    }

    @Override
    public List<String> list(Path directory) throws IOException {
        return store.list(directory);
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        store.createDirectories(directory);
    }

    @Override
    public void delete(Path path) throws IOException {
        store.delete(path);
    }

    @Override
    public void syncTree(Path path) throws IOException {
        store.syncTree(path);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        store.syncDirectory(directory);
    }

    @Override
    public OutputLock tryLock(Path lockFile) throws IOException {
        return store.tryLock(lockFile);
    }

    @Override
    public boolean within(Path inner, Path outer) throws IOException {
        return store.within(inner, outer);
    }

    @Override
    public String show(Path path) {
        return store.show(path);
    }
}
