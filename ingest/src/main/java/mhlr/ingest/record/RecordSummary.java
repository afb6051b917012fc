package mhlr.ingest.record;

import java.io.Serializable;
import mhlr.core.skip.SkipReason;

/**
 * An outcome without its image bytes: what the passes that count, deduplicate, label and list the skipped need, so
 * those passes never read the images again. Exactly one of a face's fields and a skip reason is meaningful.
 *
 * @param source where the record came from
 * @param identity a training face's identity, else {@code null}
 * @param key an evaluation face's key, else {@code null}
 * @param templateId an IJB face's template, else {@code null}
 * @param contentHash a face's input hash
 * @param imageBytes a face's stored size
 * @param reason why the record was skipped, or {@code null} for a face
 * @param detail the skipped record's detail, else {@code null}
 */
public record RecordSummary(String source, String identity, String key, Integer templateId, String contentHash,
        int imageBytes, SkipReason reason, String detail) implements Serializable {

    /** A face's summary. */
    public static RecordSummary face(String source, String identity, String key, Integer templateId,
            String contentHash, int imageBytes) {
        return new RecordSummary(source, identity, key, templateId, contentHash, imageBytes, null, null);
    }

    /** A skipped record's summary. */
    public static RecordSummary of(SkippedRecord skipped) {
        return new RecordSummary(skipped.source(), null, null, null, null, 0, skipped.reason(), skipped.detail());
    }

    public boolean isFace() {
        return reason == null;
    }

    /** The skipped record; only when not {@link #isFace()}. */
    public SkippedRecord skipped() {
        if (reason == null) {
            throw new IllegalStateException("summary of a face: " + source);
        }
        return new SkippedRecord(source, reason, detail);
    }
}
