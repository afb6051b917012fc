package mhlr.ingest;

import java.io.Serializable;
import java.util.Map;
import mhlr.core.record.SkipReason;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import org.apache.spark.api.java.function.Function;

/**
 * The last word on each usable training face: an exact duplicate of another input image is skipped (the copy
 * kept is the one with the smallest identity and source, so the choice does not depend on read order); a face of
 * an identity the filters left out is skipped; every other face gets its dense label.
 */
public final class TrainingSelection implements Function<FaceRecord, Outcome>, Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> keptCopyByHash;
    private final IdentityLabels labels;

    /**
     * @param keptCopyByHash for each input hash seen more than once, the {@link #copyKey} of the copy kept
     * @param labels the dense labels after the filters
     */
    public TrainingSelection(Map<String, String> keptCopyByHash, IdentityLabels labels) {
        this.keptCopyByHash = keptCopyByHash;
        this.labels = labels;
    }

    /** The key that orders copies of the same bytes: identity, then source. */
    public static String copyKey(FaceRecord face) {
        return face.identity() + "\n" + face.source();
    }

    @Override
    public Outcome call(FaceRecord face) {
        String kept = keptCopyByHash.get(face.contentHash());
        if (kept != null && !kept.equals(copyKey(face))) {
            String keptSource = kept.substring(kept.indexOf('\n') + 1);
            return Outcome.skipped(face.source(), SkipReason.DUPLICATE, face.source() + ": same bytes as " + keptSource);
        }
        Integer label = labels.label(face.identity());
        if (label == null) {
            return Outcome.skipped(face.source(), SkipReason.FILTERED, face.source() + ": "
                    + labels.whyLeftOut(face.identity()));
        }
        return Outcome.face(face.withLabel(label));
    }
}
