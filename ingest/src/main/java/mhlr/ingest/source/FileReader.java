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
            return Outcome.face(face.withImage(InputFiles.readAll(new Path(root, face.source()),
                    hadoop.value().value(), MAX_BYTES)));
        } catch (FileNotFoundException e) {
            return Outcome.skipped(face.source(), whenMissing, face.source() + ": " + missingDetail
                    + ", but there is no such file");
        } catch (IOException | RuntimeException e) {
            return Outcome.skipped(face.source(), SkipReason.UNREADABLE_PATH, face.source() + ": cannot be read: "
                    + e.getMessage());
        }
    }
}
