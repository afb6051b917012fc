package mhlr.core.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@link OutputStore} for local paths. The lock is an operating-system lock on the lock file, so the death of its
 * process releases it (a killed run leaves the file, which the next run locks). A finished run removes the file
 * while it still holds the lock; a run that opened the file just before and locks it just after sees that the name
 * no longer refers to what it locked (the device and inode differ) and tries again, so two runs never hold locks
 * on two different files of one name. The identity is compared by {@code stat}, never by opening the file again:
 * closing any descriptor of a locked file drops the process's lock on it.
 */
public final class LocalOutputStore implements OutputStore<Path> {
    public static final LocalOutputStore INSTANCE = new LocalOutputStore();
    /**
     * The lock files this JVM holds. Closing any channel on a locked file drops the process's operating-system
     * lock on it, so a second attempt from this JVM must be turned away before it opens the file.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final int ATTEMPTS = 100;

    private LocalOutputStore() {
    }

    @Override
    public Path parent(Path path) {
        return path.getParent();
    }

    @Override
    public Path child(Path directory, String name) {
        return directory.resolve(name);
    }

    @Override
    public String name(Path path) {
        return path.getFileName().toString();
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDirectory(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<String> list(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        Files.createDirectories(directory);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
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
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void syncTree(Path path) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    force(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                force(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        force(directory);
    }

    /** Flushes one file or directory (Linux and macOS allow opening a directory for reading to flush it). */
    public static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public OutputLock tryLock(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            return null;
        }
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Object named = fileKey(key, true);
                FileChannel channel;
                try {
                    channel = FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (NoSuchFileException removedMeanwhile) {
                    continue;
                }
                FileLock held = channel.tryLock();
                if (held == null) {
                    channel.close();
                    HELD.remove(key);
                    return null;
                }
                if (named.equals(fileKey(key, false))) {
                    byte[] owner = ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(owner), 0);
                    return () -> {
                        try (channel) {
                            Files.deleteIfExists(key);
                            held.release();
                        } finally {
                            HELD.remove(key);
                        }
                    };
                }
                held.release();
                channel.close();
            }
            throw new IOException("lock file " + key + " was replaced " + ATTEMPTS + " times while being locked");
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    /** The identity (device and inode) of the file {@code path} names, creating an empty one first if asked. */
    private static Object fileKey(Path path, boolean create) throws IOException {
        if (create) {
            try {
                Files.createFile(path);
            } catch (FileAlreadyExistsException exists) {
                // another run's lock file, or one it is about to remove: locking it decides
            }
        }
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException removed) {
            return "removed";
        }
    }

    @Override
    public boolean within(Path inner, Path outer) throws IOException {
        return resolved(inner).startsWith(resolved(outer));
    }

    @Override
    public String show(Path path) {
        return path.toString();
    }

    /** {@code path} absolute, with symbolic links resolved in the part of it that exists. */
    static Path resolved(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    }
}
