package mhlr.core.output;

import java.io.IOException;
import java.util.List;

/**
 * The file operations {@link OutputCommit} needs, for one kind of file system and its path type {@code P}: local
 * paths ({@link LocalOutputStore}) or Hadoop paths (spark's store). Renames are called only under the output's
 * lock and only onto a name that does not exist, so a plain rename is enough.
 *
 * @param <P> the path type
 */
public interface OutputStore<P> {
    /** The directory holding {@code path}, or null for a file system root. */
    P parent(P path);

    /** {@code name} inside {@code directory}. */
    P child(P directory, String name);

    /** The last name of {@code path}. */
    String name(P path);

    boolean exists(P path) throws IOException;

    boolean isDirectory(P path) throws IOException;

    /** The names directly inside {@code directory}. */
    List<String> list(P directory) throws IOException;

    /** Creates {@code directory} and any missing parents. */
    void createDirectories(P directory) throws IOException;

    /** Renames {@code from} to {@code to} (which does not exist), failing with an exception when it cannot. */
    void rename(P from, P to) throws IOException;

    /** Deletes a file or a directory tree; a missing path is not an error. */
    void delete(P path) throws IOException;

    /** Flushes every file and directory under {@code path} (and {@code path} itself) to stable storage. */
    void syncTree(P path) throws IOException;

    /** Flushes one directory's entries (a rename inside it) to stable storage. */
    void syncDirectory(P directory) throws IOException;

    /**
     * Takes the lock {@code lockFile} names, or returns null when another run holds it. The lock is released by
     * closing what is returned, or by the death of the process where the file system allows it.
     */
    OutputLock tryLock(P lockFile) throws IOException;

    /** Whether {@code inner} is {@code outer} or lies inside it (after resolving what can be resolved). */
    boolean within(P inner, P outer) throws IOException;

    /** How {@code path} is named in messages. */
    String show(P path);
}
