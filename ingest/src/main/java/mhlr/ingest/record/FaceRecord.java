package mhlr.ingest.record;

import java.io.Serializable;

/**
 * One face image on its way from the input to a shard. Sources fill what they know (for training the identity,
 * for evaluation the key and, for IJB, template, media and detector score; landmarks when the input has them);
 * preparation replaces the image with the stored 112x112 bytes and records the input's content hash; training
 * adds the dense label last.
 *
 * @param source where the record came from: a path relative to the input, or {@code train.rec#KEY}
 * @param identity the identity name of a training record ({@code null} for evaluation)
 * @param key the image's name in its protocol ({@code null} for training)
 * @param image the input bytes before preparation, the stored face after; {@code null} before a file is read
 * @param landmarks five points {@code x1 y1 ... x5 y5} in the input image, or {@code null}
 * @param templateId IJB template id, or {@code null}
 * @param mediaId IJB media id, or {@code null}
 * @param detectorScore IJB detector score, or {@code null}
 * @param contentHash hex SHA-256 of the input bytes (set by preparation; exact duplicates share it)
 * @param label the dense training label (set last; {@code null} before and for evaluation)
 */
public record FaceRecord(
        String source,
        String identity,
        String key,
        byte[] image,
        float[] landmarks,
        Integer templateId,
        Integer mediaId,
        Float detectorScore,
        String contentHash,
        Integer label) implements Serializable {

    /** A training record of an identity. */
    public static FaceRecord training(String source, String identity, byte[] image, float[] landmarks) {
        return new FaceRecord(source, identity, null, image, landmarks, null, null, null, null, null);
    }

    /** An evaluation record named {@code key} in its protocol. */
    public static FaceRecord evaluation(String source, String key, byte[] image, float[] landmarks) {
        return new FaceRecord(source, null, key, image, landmarks, null, null, null, null, null);
    }

    /** The same record with IJB's template, media and detector score. */
    public FaceRecord withTemplate(int template, int media, float score) {
        return new FaceRecord(source, identity, key, image, landmarks, template, media, score, contentHash, label);
    }

    /** The same record with the input's bytes. */
    public FaceRecord withImage(byte[] bytes) {
        return new FaceRecord(source, identity, key, bytes, landmarks, templateId, mediaId, detectorScore, contentHash,
                label);
    }

    /** The prepared record: the stored face replaces the input bytes, whose hash is kept. */
    public FaceRecord prepared(byte[] face, String inputHash) {
        return new FaceRecord(source, identity, key, face, null, templateId, mediaId, detectorScore, inputHash, label);
    }

    /** The record with its dense training label. */
    public FaceRecord withLabel(int dense) {
        return new FaceRecord(source, identity, key, image, landmarks, templateId, mediaId, detectorScore, contentHash,
                dense);
    }

    /** Whether this is a training record (it has an identity). */
    public boolean isTraining() {
        return identity != null;
    }
}
