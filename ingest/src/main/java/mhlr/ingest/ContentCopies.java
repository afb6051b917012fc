package mhlr.ingest;

import java.io.Serializable;
import mhlr.ingest.record.RecordSummary;

/**
 * The faces that share one input hash (exact copies of the same bytes), reduced to what the driver needs: the copy
 * that is kept (the smallest {@link TrainingSelection#copyKey}), its identity and stored size, and how many copies
 * there are. One pass over the faces gives both the duplicates and each identity's usable images.
 *
 * @param keptKey the kept copy's {@link TrainingSelection#copyKey}
 * @param identity the kept copy's identity
 * @param bytes the kept copy's stored size
 * @param copies how many faces have these bytes
 */
public record ContentCopies(String keptKey, String identity, long bytes, long copies) implements Serializable {

    /** One face on its own. */
    public static ContentCopies of(RecordSummary face) {
        return new ContentCopies(TrainingSelection.copyKey(face.identity(), face.source()), face.identity(),
                face.imageBytes(), 1);
    }

    /** The copies of both, keeping the smaller key (the result does not depend on the order of merging). */
    public ContentCopies merge(ContentCopies other) {
        ContentCopies kept = keptKey.compareTo(other.keptKey) <= 0 ? this : other;
        return new ContentCopies(kept.keptKey, kept.identity, kept.bytes, copies + other.copies);
    }
}
