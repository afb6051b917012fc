package mhlr.ingest.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.prepared.SpillLocation;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private static final SpillLocation SPILLED = new SpillLocation(3, 1L << 40, (1L << 33) + 5, 4096);

    @Test
    void facesRoundTripWithEveryFieldSetOrNot() {
        FaceRecord full = new FaceRecord("ijb/img/1.jpg", "n000001", "1.jpg", new byte[] {1, 2, 3, -1},
                new float[] {1.5f, 2.5f, 3, 4, 5, 6, 7, 8, 9, 10}, 17, 23, 0.75f, "ab12", 4);
        FaceRecord bare = FaceRecord.training("péople/ñame/0.jpg", "ñame", null, null);
        FaceRecord empty = FaceRecord.evaluation("k", "k", new byte[0], null);
        for (FaceRecord face : new FaceRecord[] {full, bare, empty}) {
            byte[] bytes = RecordCodec.encode(Outcome.face(face));
            assertTrue(RecordCodec.isFace(bytes));
            byte[] head = RecordCodec.head(face);
            assertArrayEquals(bytes, face.image() == null ? head : concat(head, face.image()),
                    "the encoding is the head and then the image");
            FaceRecord back = RecordCodec.decode(bytes).face();
            assertEquals(face.source(), back.source());
            assertEquals(face.identity(), back.identity());
            assertEquals(face.key(), back.key());
            assertArrayEquals(face.image(), back.image());
            assertArrayEquals(face.landmarks(), back.landmarks());
            assertEquals(face.templateId(), back.templateId());
            assertEquals(face.mediaId(), back.mediaId());
            assertEquals(face.detectorScore(), back.detectorScore());
            assertEquals(face.contentHash(), back.contentHash());
            assertEquals(face.label(), back.label());

            RecordSummary summary = RecordCodec.summary(bytes);
            byte[] summaryBytes = RecordCodec.summaryBytes(face, SPILLED);
            assertEquals(summary, RecordCodec.decodeSummary(summaryBytes));
            assertTrue(summary.isFace());
            assertTrue(RecordCodec.isFaceSummary(summaryBytes));
            assertEquals(SPILLED, RecordCodec.spillLocation(summaryBytes));
            assertEquals(face.source(), summary.source());
            assertEquals(face.identity(), summary.identity());
            assertEquals(face.key(), summary.key());
            assertEquals(face.templateId(), summary.templateId());
            assertEquals(face.contentHash(), summary.contentHash());
            assertEquals(face.image() == null ? 0 : face.image().length, summary.imageBytes());
        }
    }

    @Test
    void skippedRecordsRoundTripAndDecodeAsTheirOwnSummary() {
        for (SkippedRecord skipped : new SkippedRecord[] {
                new SkippedRecord("a/b.jpg", SkipReason.CORRUPT_IMAGE, "a/b.jpg: JPEG data ends early"),
                new SkippedRecord("train.rec#7", SkipReason.BAD_RECORD, null)}) {
            byte[] bytes = RecordCodec.encode(Outcome.skipped(skipped));
            assertFalse(RecordCodec.isFace(bytes));
            assertEquals(skipped, RecordCodec.decode(bytes).skipped());
            assertFalse(RecordCodec.isFaceSummary(bytes));
            RecordSummary summary = RecordCodec.decodeSummary(bytes);
            assertFalse(summary.isFace());
            assertEquals(skipped, summary.skipped());
            assertNull(summary.contentHash());
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
