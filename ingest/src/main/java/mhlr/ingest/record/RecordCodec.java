package mhlr.ingest.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.prepared.SpillLocation;

/**
 * The compact binary form of an {@link Outcome}: a prepared face as ingest's first pass spills it (and its second
 * pass reads it back), and each record's summary as Spark caches and shuffles it: one {@code byte[]} per record,
 * which Spark serializes with a single array copy and sizes in constant time (a cached or shuffled
 * {@link FaceRecord} costs a reflective walk of its fields in both). The layout is private to one run (written and
 * read by the same build, never stored):
 * <pre>
 * face:    1, flags (int), source, [identity], [key], [contentHash], [templateId], [mediaId], [detectorScore],
 *          [label], [landmarks], [image]
 * skipped: 2, source, reason (ordinal), [detail]
 * face summary: 3, flags (int), source, [identity], [key], [contentHash], [templateId], image size (int),
 *          spill location (partition int, attempt long, offset long, length int)
 * </pre>
 * Strings are an int length and UTF-8 bytes; {@code [x]} is present when its flag bit is set (for the skipped
 * detail, a length of -1 stands for {@code null}). The image comes last, so {@link #summary} reads everything but
 * the image without copying it. A {@link RecordSummary} has bytes of its own ({@link #summaryBytes}): a face's
 * without the image but with where the face was spilled ({@link #spillLocation}), a skipped record's the same as the
 * record's.
 */
public final class RecordCodec {
    private static final byte FACE = 1;
    private static final byte SKIPPED = 2;
    private static final byte FACE_SUMMARY = 3;

    private static final int IDENTITY = 1;
    private static final int KEY = 1 << 1;
    private static final int CONTENT_HASH = 1 << 2;
    private static final int TEMPLATE_ID = 1 << 3;
    private static final int MEDIA_ID = 1 << 4;
    private static final int DETECTOR_SCORE = 1 << 5;
    private static final int LABEL = 1 << 6;
    private static final int LANDMARKS = 1 << 7;
    private static final int IMAGE = 1 << 8;

    private static final SkipReason[] REASONS = SkipReason.values();

    private RecordCodec() {
    }

    /** The bytes of an outcome. */
    public static byte[] encode(Outcome outcome) {
        return outcome.isFace() ? encode(outcome.face()) : encode(outcome.skipped());
    }

    /** The bytes of a face: its {@link #head} and then its image's bytes. */
    public static byte[] encode(FaceRecord face) {
        int imageBytes = face.image() != null ? face.image().length : 0;
        byte[][] texts = texts(face);
        ByteBuffer out = ByteBuffer.allocate(headSize(face, texts) + imageBytes);
        putHead(out, face, texts);
        if (imageBytes > 0) {
            out.put(face.image());
        }
        return out.array();
    }

    /**
     * The bytes of a face up to its image (the image's length included): written before the image bytes, they make
     * the face's {@link #encode encoding} without copying the image into one array first.
     */
    public static byte[] head(FaceRecord face) {
        byte[][] texts = texts(face);
        ByteBuffer out = ByteBuffer.allocate(headSize(face, texts));
        putHead(out, face, texts);
        return out.array();
    }

    /** The face's source, identity, key and content hash in UTF-8 ({@code null} where absent). */
    private static byte[][] texts(FaceRecord face) {
        return new byte[][] {utf8(face.source()), utf8(face.identity()), utf8(face.key()), utf8(face.contentHash())};
    }

    private static int headSize(FaceRecord face, byte[][] texts) {
        int numbers = Integer.bitCount(flags(face) & (TEMPLATE_ID | MEDIA_ID | DETECTOR_SCORE | LABEL));
        return 1 + Integer.BYTES + sized(texts) + numbers * Integer.BYTES
                + (face.landmarks() != null ? Integer.BYTES + face.landmarks().length * Float.BYTES : 0)
                + (face.image() != null ? Integer.BYTES : 0);
    }

    private static int flags(FaceRecord face) {
        return (face.identity() != null ? IDENTITY : 0) | (face.key() != null ? KEY : 0)
                | (face.contentHash() != null ? CONTENT_HASH : 0) | (face.templateId() != null ? TEMPLATE_ID : 0)
                | (face.mediaId() != null ? MEDIA_ID : 0) | (face.detectorScore() != null ? DETECTOR_SCORE : 0)
                | (face.label() != null ? LABEL : 0) | (face.landmarks() != null ? LANDMARKS : 0)
                | (face.image() != null ? IMAGE : 0);
    }

    private static void putHead(ByteBuffer out, FaceRecord face, byte[][] texts) {
        out.put(FACE).putInt(flags(face));
        put(out, texts);
        if (face.templateId() != null) {
            out.putInt(face.templateId());
        }
        if (face.mediaId() != null) {
            out.putInt(face.mediaId());
        }
        if (face.detectorScore() != null) {
            out.putFloat(face.detectorScore());
        }
        if (face.label() != null) {
            out.putInt(face.label());
        }
        if (face.landmarks() != null) {
            out.putInt(face.landmarks().length);
            for (float value : face.landmarks()) {
                out.putFloat(value);
            }
        }
        if (face.image() != null) {
            out.putInt(face.image().length);
        }
    }

    /** The bytes of a skipped record. */
    public static byte[] encode(SkippedRecord skipped) {
        byte[] source = utf8(skipped.source());
        byte[] detail = utf8(skipped.detail());
        ByteBuffer out = ByteBuffer.allocate(1 + sized(source) + Integer.BYTES + Integer.BYTES
                + (detail == null ? 0 : detail.length));
        out.put(SKIPPED);
        put(out, source);
        out.putInt(skipped.reason().ordinal());
        if (detail == null) {
            out.putInt(-1);
        } else {
            put(out, detail);
        }
        return out.array();
    }

    /** Whether the bytes hold a face (without decoding them). */
    public static boolean isFace(byte[] bytes) {
        return bytes[0] == FACE;
    }

    /** The outcome {@link #encode} wrote. */
    public static Outcome decode(byte[] bytes) {
        return bytes[0] == FACE ? Outcome.face(decodeFace(bytes)) : Outcome.skipped(decodeSkipped(bytes));
    }

    /** The face {@link #encode(FaceRecord)} wrote. */
    public static FaceRecord decodeFace(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != FACE) {
                throw new IllegalArgumentException("not an encoded face");
            }
            int flags = in.getInt();
            String source = string(in);
            String identity = (flags & IDENTITY) != 0 ? string(in) : null;
            String key = (flags & KEY) != 0 ? string(in) : null;
            String hash = (flags & CONTENT_HASH) != 0 ? string(in) : null;
            Integer templateId = (flags & TEMPLATE_ID) != 0 ? in.getInt() : null;
            Integer mediaId = (flags & MEDIA_ID) != 0 ? in.getInt() : null;
            Float score = (flags & DETECTOR_SCORE) != 0 ? in.getFloat() : null;
            Integer label = (flags & LABEL) != 0 ? in.getInt() : null;
            float[] landmarks = null;
            if ((flags & LANDMARKS) != 0) {
                landmarks = new float[in.getInt()];
                for (int i = 0; i < landmarks.length; i++) {
                    landmarks[i] = in.getFloat();
                }
            }
            byte[] image = null;
            if ((flags & IMAGE) != 0) {
                image = new byte[in.getInt()];
                in.get(image);
            }
            return new FaceRecord(source, identity, key, image, landmarks, templateId, mediaId, score, hash, label);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("encoded face ends early", e);
        }
    }

    /** The skipped record {@link #encode(SkippedRecord)} wrote. */
    public static SkippedRecord decodeSkipped(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != SKIPPED) {
                throw new IllegalArgumentException("not an encoded skipped record");
            }
            String source = string(in);
            SkipReason reason = REASONS[in.getInt()];
            return new SkippedRecord(source, reason, string(in));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("encoded skipped record ends early", e);
        }
    }

    /** What the metadata passes need of the encoded record: everything but the image bytes (not copied). */
    public static RecordSummary summary(byte[] bytes) {
        return bytes[0] == FACE ? faceSummary(bytes) : RecordSummary.of(decodeSkipped(bytes));
    }

    /**
     * The bytes of a face's {@link #summary} with where the face was spilled (a skipped record's summary bytes are
     * its {@link #encode(SkippedRecord) encoding}).
     */
    public static byte[] summaryBytes(FaceRecord face, SpillLocation spilled) {
        byte[][] texts = texts(face);
        int flags = flags(face) & (IDENTITY | KEY | CONTENT_HASH | TEMPLATE_ID);
        ByteBuffer out = ByteBuffer.allocate(1 + Integer.BYTES + sized(texts)
                + (face.templateId() != null ? Integer.BYTES : 0) + Integer.BYTES + SpillLocation.BYTES);
        out.put(FACE_SUMMARY).putInt(flags);
        put(out, texts);
        if (face.templateId() != null) {
            out.putInt(face.templateId());
        }
        out.putInt(face.image() == null ? 0 : face.image().length);
        out.putInt(spilled.partition()).putLong(spilled.attempt()).putLong(spilled.offset()).putInt(spilled.length());
        return out.array();
    }

    /** Where the face of summary bytes ({@link #summaryBytes}) was spilled: their last bytes. */
    public static SpillLocation spillLocation(byte[] summary) {
        if (summary[0] != FACE_SUMMARY) {
            throw new IllegalArgumentException("not the summary of a face");
        }
        ByteBuffer in = ByteBuffer.wrap(summary, summary.length - SpillLocation.BYTES, SpillLocation.BYTES);
        return new SpillLocation(in.getInt(), in.getLong(), in.getLong(), in.getInt());
    }

    /** Whether summary bytes ({@link #summaryBytes}) are a face's. */
    public static boolean isFaceSummary(byte[] summary) {
        return summary[0] == FACE_SUMMARY;
    }

    /** The summary {@link #summaryBytes} wrote. */
    public static RecordSummary decodeSummary(byte[] bytes) {
        return bytes[0] == FACE_SUMMARY ? faceSummary(bytes) : RecordSummary.of(decodeSkipped(bytes));
    }

    /**
     * A face's summary from a whole face ({@link #FACE}) or from a summary ({@link #FACE_SUMMARY}): both start alike,
     * then a face skips what a summary leaves out and gives its image's length.
     */
    private static RecordSummary faceSummary(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            boolean whole = in.get() == FACE;
            int flags = in.getInt();
            String source = string(in);
            String identity = (flags & IDENTITY) != 0 ? string(in) : null;
            String key = (flags & KEY) != 0 ? string(in) : null;
            String hash = (flags & CONTENT_HASH) != 0 ? string(in) : null;
            Integer templateId = (flags & TEMPLATE_ID) != 0 ? in.getInt() : null;
            int imageBytes;
            if (whole) {
                skip(in, Integer.bitCount(flags & (MEDIA_ID | DETECTOR_SCORE | LABEL)) * Integer.BYTES);
                if ((flags & LANDMARKS) != 0) {
                    skip(in, in.getInt() * Float.BYTES);
                }
                imageBytes = (flags & IMAGE) != 0 ? in.getInt() : 0;
            } else {
                imageBytes = in.getInt();
            }
            return RecordSummary.face(source, identity, key, templateId, hash, imageBytes);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("encoded face or summary ends early", e);
        }
    }

    private static void skip(ByteBuffer in, int bytes) {
        in.position(in.position() + bytes);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static int sized(byte[] text) {
        return text == null ? 0 : Integer.BYTES + text.length;
    }

    private static int sized(byte[][] texts) {
        int size = 0;
        for (byte[] text : texts) {
            size += sized(text);
        }
        return size;
    }

    private static void put(ByteBuffer out, byte[][] texts) {
        for (byte[] text : texts) {
            put(out, text);
        }
    }

    private static void put(ByteBuffer out, byte[] text) {
        if (text != null) {
            out.putInt(text.length).put(text);
        }
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        skip(in, length);
        return text;
    }
}
