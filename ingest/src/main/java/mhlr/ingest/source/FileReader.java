package mhlr.ingest.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import mhlr.core.record.SkipReason;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads the bytes of listed faces on the executors: a face whose source is a path relative to the input root
 * gets the file's bytes. A file that is not there is skipped with the reason the source gives (a protocol naming
 * a missing image is {@link SkipReason#MISSING_PAIR_IMAGE}, a landmark line naming one
 * {@link SkipReason#UNREADABLE_PATH}); any other read failure is {@link SkipReason#UNREADABLE_PATH}.
 */
public final class FileReader implements Function<Outcome, Outcome> {
    private static final long serialVersionUID = 1L;

    /** Larger files are refused rather than risking the executor's heap. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final String root;
    private final SkipReason whenMissing;
    private final String missingDetail;
    private final Broadcast<SerializableConfiguration> hadoop;
    private transient Path rootPath;
    private transient java.nio.file.Path localRoot;

    /**
     * @param root the input root the sources are relative to (a qualified URI string)
     * @param whenMissing the reason for a file that does not exist
     * @param missingDetail what named the file, for the detail (e.g. "named by pairs.txt")
     */
    public FileReader(String root, SkipReason whenMissing, String missingDetail,
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
        try {
            java.nio.file.Path local = localPath(face.source());
            byte[] bytes = local != null ? InputFiles.readLocal(local, MAX_BYTES)
                    : InputFiles.readAll(new Path(rootPath, face.source()), hadoop.value().value(), MAX_BYTES);
            return Outcome.face(face.withImage(bytes));
        } catch (FileNotFoundException e) {
            return Outcome.skipped(face.source(), whenMissing, face.source() + ": " + missingDetail
                    + ", but there is no such file");
        } catch (IOException | RuntimeException e) {
            return Outcome.skipped(face.source(), SkipReason.UNREADABLE_PATH, face.source() + ": cannot be read: "
                    + e.getMessage());
        }
    }

    /**
     * The local file of {@code source} when the root is local and the name is plain (ASCII letters, digits and
     * {@code ._-} in segments that are not {@code .} or {@code ..}), where resolving it directly gives the file
     * Hadoop's {@link Path} would name, without Hadoop's parsing and normalising every name; else {@code null}.
     */
    private java.nio.file.Path localPath(String source) {
        if (rootPath == null) {
            rootPath = new Path(root);
            localRoot = InputFiles.isLocal(rootPath) ? java.nio.file.Path.of(rootPath.toUri()) : null;
        }
        return localRoot != null && isPlain(source) ? localRoot.resolve(source) : null;
    }

    static boolean isPlain(String relative) {
        int segmentStart = 0;
        for (int i = 0; i <= relative.length(); i++) {
            char c = i < relative.length() ? relative.charAt(i) : '/';
            if (c == '/') {
                int length = i - segmentStart;
                if (length == 0 || (length <= 2 && relative.startsWith(length == 1 ? "." : "..", segmentStart))) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
