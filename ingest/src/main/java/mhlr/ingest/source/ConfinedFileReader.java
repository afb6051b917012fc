package mhlr.ingest.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads the bytes of listed faces on the executors: a face whose source is a path relative to the input root
 * gets the file's bytes. The names come from files users bring (a protocol, a landmark list), so each is confined
 * to the root: an absolute name, a URI or one whose {@code ..} climbs out is skipped as
 * {@link SkipReason#OUTSIDE_ROOT}, and so is a local name whose symbolic links lead out of the root; only regular
 * files are opened (a device or a named pipe is {@link SkipReason#NOT_A_REGULAR_FILE}: reading one would never end
 * or would block). A file that is not there is skipped with the reason the source gives (a protocol naming a missing
 * image is {@link SkipReason#MISSING_PAIR_IMAGE}, a landmark line naming one {@link SkipReason#UNREADABLE_PATH});
 * any other read failure is {@link SkipReason#UNREADABLE_PATH}. Every read stops at {@link #MAX_BYTES}.
 */
public final class ConfinedFileReader implements Function<Outcome, Outcome> {
    private static final long serialVersionUID = 1L;

    /** Larger files are refused rather than risking the executor's heap. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    /** Folders whose real path a reader remembers (a partition's records come from a few hundred folders). */
    private static final int FOLDERS_REMEMBERED = 4096;

    private final String root;
    private final SkipReason whenMissing;
    private final String missingDetail;
    private final Broadcast<SerializableConfiguration> hadoop;
    private transient Path rootPath;
    private transient java.nio.file.Path localRoot;
    private transient java.nio.file.Path realRoot;
    private transient Map<java.nio.file.Path, java.nio.file.Path> realParents;

    /**
     * @param root the input root the sources are relative to (a qualified URI string)
     * @param whenMissing the reason for a file that does not exist
     * @param missingDetail what named the file, for the detail (e.g. "named by pairs.txt")
     */
    public ConfinedFileReader(String root, SkipReason whenMissing, String missingDetail,
            Broadcast<SerializableConfiguration> hadoop) {
        this.root = root;
        this.whenMissing = whenMissing;
        this.missingDetail = missingDetail;
        this.hadoop = hadoop;
    }

    @Override
    public Outcome call(Outcome listed) {
        if (!listed.isFace() || listed.face().image() != null) {
            return listed;
        }
        FaceRecord face = listed.face();
        String name = confine(face.source());
        if (name == null) {
            return outside(face);
        }
        try {
            if (rootPath == null) {
                rootPath = new Path(root);
                localRoot = InputFiles.isLocal(rootPath) ? java.nio.file.Path.of(rootPath.toUri()) : null;
                realParents = new RecentFolders();
            }
            if (localRoot == null) {
                Path file = new Path(rootPath, "./" + name);
                return Outcome.face(face.withImage(InputFiles.readAll(file, hadoop.value().value(), MAX_BYTES)));
            }
            if (realRoot == null) {
                realRoot = localRoot.toRealPath();
            }
            java.nio.file.Path named = localRoot.resolve(name);
            java.nio.file.Path real = realParent(named).resolve(named.getFileName());
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                real = real.toRealPath();
                attributes = Files.readAttributes(real, BasicFileAttributes.class);
            }
            if (!real.startsWith(realRoot)) {
                return outside(face);
            }
            if (!attributes.isRegularFile() && !attributes.isDirectory()) {
                return Outcome.skipped(face.source(), SkipReason.NOT_A_REGULAR_FILE, face.source() + ": "
                        + missingDetail + ", but it is not a regular file (a device, pipe or socket)");
            }
            return Outcome.face(face.withImage(InputFiles.readLocal(real, MAX_BYTES)));
        } catch (FileNotFoundException | NoSuchFileException e) {
            return Outcome.skipped(face.source(), whenMissing, face.source() + ": " + missingDetail
                    + ", but there is no such file");
        } catch (IOException | RuntimeException e) {
            return Outcome.skipped(face.source(), SkipReason.UNREADABLE_PATH, face.source() + ": cannot be read: "
                    + e.getMessage());
        }
    }

    /**
     * The real path of {@code named}'s folder (every symbolic link resolved), remembered for the folders this reader
     * met last: the files of one identity folder then cost one {@code lstat} each instead of a {@code realpath} of
     * every component. A file that is itself a link is resolved in full by the caller.
     */
    private java.nio.file.Path realParent(java.nio.file.Path named) throws IOException {
        java.nio.file.Path parent = named.getParent();
        java.nio.file.Path real = realParents.get(parent);
        if (real == null) {
            real = parent.toRealPath();
            realParents.put(parent, real);
        }
        return real;
    }

    private Outcome outside(FaceRecord face) {
        return Outcome.skipped(face.source(), SkipReason.OUTSIDE_ROOT, face.source() + ": " + missingDetail
                + ", but it leaves the input root " + root + "; not read");
    }

    /**
     * {@code source} as a normalised name under the root ({@code .} and empty segments dropped, {@code ..} applied),
     * or {@code null} when it is absolute, holds a backslash or climbs above the root. (A colon is no scheme here: the
     * name is joined to the root behind {@code ./}, so Hadoop never parses it as a URI.)
     */
    static String confine(String source) {
        if (source.isEmpty() || source.startsWith("/") || source.indexOf('\\') >= 0) {
            return null;
        }
        java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
        for (String segment : source.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return segments.isEmpty() ? null : String.join("/", segments);
    }

    /** The real paths of the last {@value #FOLDERS_REMEMBERED} folders looked up, the oldest forgotten first. */
    private static final class RecentFolders extends LinkedHashMap<java.nio.file.Path, java.nio.file.Path> {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<java.nio.file.Path, java.nio.file.Path> eldest) {
            return size() > FOLDERS_REMEMBERED;
        }
    }
}
