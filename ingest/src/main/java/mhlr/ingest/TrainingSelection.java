package mhlr.ingest;

import java.io.Serializable;
import java.util.Map;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.SkippedRecord;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The last word on each usable training face: an exact duplicate of another input image is skipped (the copy
 * kept is the one with the smallest identity and source, so the choice does not depend on read order); a face of
 * an identity the filters left out is skipped; every other face gets its dense label.
 */
public final class TrainingSelection implements Serializable {
    private static final long serialVersionUID = 2L;

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
    public static String copyKey(String identity, String source) {
        return identity + "\n" + source;
    }

    /**
     * Why the face of {@code identity} read from {@code source} with input hash {@code contentHash} is not written,
     * or {@code null} when it is (with {@link #label}).
     */
    public SkippedRecord leftOut(String source, String identity, String contentHash) {
        String kept = keptCopyByHash.get(contentHash);
        if (kept != null && !kept.equals(copyKey(identity, source))) {
            String keptSource = kept.substring(kept.indexOf('\n') + 1);
            return new SkippedRecord(source, SkipReason.DUPLICATE, source + ": same bytes as " + keptSource);
        }
        if (labels.label(identity) == null) {
            return new SkippedRecord(source, SkipReason.FILTERED, source + ": " + labels.whyLeftOut(identity));
        }
        return null;
    }

    /** Gives each written face (of a kept identity) its dense label, from the broadcast selection. */
    public static Function<FaceRecord, FaceRecord> labelling(Broadcast<TrainingSelection> selection) {
        return face -> {
            Integer label = selection.value().label(face.identity());
            if (label == null) {
                throw new IllegalStateException("no label for the identity of written face " + face.source());
            }
            return face.withLabel(label);
        };
    }

    /** The dense label of a kept identity, or {@code null}. */
    public Integer label(String identity) {
        return labels.label(identity);
    }
}
