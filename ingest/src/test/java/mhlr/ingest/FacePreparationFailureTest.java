package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import mhlr.core.skip.SkipReason;
import mhlr.core.testing.TestImages;
import mhlr.ingest.align.FacePreparer;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import org.junit.jupiter.api.Test;

/** Bad bytes are a skipped record with their reason; a failure that is not about the bytes is a bug and fails. */
class FacePreparationFailureTest {
    @Test
    void aDamagedImageIsSkippedWithTheDecodersReason() {
        byte[] damaged = TestImages.truncated(TestImages.jpeg(TestImages.picture(1, 1, 96, 96)));
        Outcome outcome = FacePreparer.prepare(FaceRecord.training("a/1.jpg", "a", damaged, null));
        assertFalse(outcome.isFace());
        assertEquals(SkipReason.TRUNCATED_IMAGE, outcome.skipped().reason());
    }

    @Test
    void aFaceThatReachesPreparationWithoutItsBytesFailsInsteadOfCountingAsACorruptImage() {
        FaceRecord unread = FaceRecord.training("a/2.jpg", "a", null, null);
        assertThrows(NullPointerException.class, () -> FacePreparer.prepare(unread));
    }
}
