package mhlr.ingest.record;

import java.io.Serializable;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;

/** What became of one input record: a face that goes on, or the reason it stops. Exactly one side is set. */
public final class Outcome implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FaceRecord face;
    private final SkippedRecord skipped;

    private Outcome(FaceRecord face, SkippedRecord skipped) {
        this.face = face;
        this.skipped = skipped;
    }

    public static Outcome face(FaceRecord face) {
        return new Outcome(face, null);
    }

    public static Outcome skipped(SkippedRecord skipped) {
        return new Outcome(null, skipped);
    }

    public static Outcome skipped(String source, SkipReason reason, String detail) {
        return skipped(new SkippedRecord(source, reason, detail));
    }

    public static Outcome skipped(String source, BadRecordException bad) {
        return skipped(SkippedRecord.of(source, bad));
    }

    public boolean isFace() {
        return face != null;
    }

    /** The face; only when {@link #isFace()}. */
    public FaceRecord face() {
        if (face == null) {
            throw new IllegalStateException("outcome is a skipped record: " + skipped);
        }
        return face;
    }

    /** The skipped record; only when not {@link #isFace()}. */
    public SkippedRecord skipped() {
        if (skipped == null) {
            throw new IllegalStateException("outcome is a face: " + face.source());
        }
        return skipped;
    }

    /** The source of either side. */
    public String source() {
        return face != null ? face.source() : skipped.source();
    }

    @Override
    public String toString() {
        return face != null ? "face " + face.source() : "skipped " + skipped;
    }
}
