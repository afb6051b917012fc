package mhlr.ingest.align;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import mhlr.core.image.FacePreparation;
import mhlr.core.skip.BadRecordException;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;

/**
 * The per-image work on the executors: turns a read face into the stored 112x112 face with core's
 * {@link FacePreparation} (decode by content, align with landmarks or resize, re-encode; 112x112 inputs pass
 * through) and records the SHA-256 of the input bytes, which finds exact duplicates later. A record the decoder
 * refuses becomes a skipped record with the decoder's reason (the decoder turns whatever the image libraries throw
 * on bad bytes into that reason); any other exception is a bug in preparation and fails the job instead of being
 * filed as bad data. Every record, face or not, adds one to the progress counter.
 */
public final class FacePreparer implements Function<Outcome, Outcome> {
    private static final long serialVersionUID = 1L;

    private final LongAccumulator progress;

    /** @param progress counts records done; {@code null} counts nothing */
    public FacePreparer(LongAccumulator progress) {
        this.progress = progress;
    }

    @Override
    public Outcome call(Outcome read) {
        if (progress != null) {
            progress.add(1);
        }
        if (!read.isFace()) {
            return read;
        }
        return prepare(read.face());
    }

    /** Prepares one face (also usable without Spark). */
    public static Outcome prepare(FaceRecord face) {
        byte[] input = face.image();
        try {
            byte[] stored = FacePreparation.prepare(input, face.landmarks(), face.source());
            return Outcome.face(face.prepared(stored, sha256(input)));
        } catch (BadRecordException bad) {
            return Outcome.skipped(face.source(), bad);
        }
    }

    /** Hex SHA-256 of a byte array. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
