package mhlr.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;
import mhlr.core.testing.TestImages;
import org.junit.jupiter.api.Test;

class FacePreparationTest {
    private static final BufferedImage FACE = TestImages.picture(112, 112);

    @Test
    void anAlignedJpegOrPngIsStoredByteForByte() throws Exception {
        byte[] jpeg = ImageEncoder.jpeg(FACE, 0.9f);
        byte[] png = ImageEncoder.png(FACE);
        assertSame(jpeg, FacePreparation.prepare(jpeg, null, "a.jpg"));
        assertSame(png, FacePreparation.prepare(png, null, "a.png"));
        assertSame(jpeg, FacePreparation.prepare(jpeg, FaceAligner.template(), "a.jpg"));
    }

    @Test
    void anAlignedButTruncatedJpegIsStillCaught() {
        byte[] jpeg = ImageEncoder.jpeg(FACE, 0.9f);
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> FacePreparation.prepare(Arrays.copyOf(jpeg, jpeg.length / 2), null, "half.jpg"));
        assertEquals(SkipReason.TRUNCATED_IMAGE, e.reason());
    }

    @Test
    void otherSizesAndFormatsBecomeA112JpegAtQuality95() throws Exception {
        byte[] bmp = BufferedImageBytes.of(FACE).bmp();
        byte[] stored = FacePreparation.prepare(bmp, null, "a.bmp");
        assertEquals(Optional.of(ImageFormat.JPEG), ImageFormat.detect(stored));
        assertTrue(TestImages.meanAbsoluteDifference(FACE, ImageDecoder.decode(stored, "s")) < 2);

        byte[] large = ImageEncoder.jpeg(TestImages.picture(250, 250), 0.9f);
        BufferedImage resized = ImageDecoder.decode(FacePreparation.prepare(large, null, "large.jpg"), "s");
        assertEquals(112, resized.getWidth());
        assertEquals(112, resized.getHeight());
    }

    @Test
    void landmarksAlignAPhotoToTheTemplate() throws Exception {
        double[] pose = {1.3, -0.2, 40, 0.2, 1.3, 20};
        byte[] photo = ImageEncoder.png(FaceAligner.warp(FACE, pose, 220, 200));
        byte[] stored = FacePreparation.prepare(photo, FaceAligner.apply(pose, FaceAligner.template()), "p.png");
        assertNotSame(photo, stored);
        assertTrue(TestImages.meanAbsoluteDifference(FACE, ImageDecoder.decode(stored, "s")) < 5);
    }

    @Test
    void unusableLandmarksAreABadLandmarkRecord() {
        byte[] photo = ImageEncoder.png(TestImages.picture(150, 150));
        BadRecordException collapsed = assertThrows(BadRecordException.class,
                () -> FacePreparation.prepare(photo, new float[10], "p.png"));
        assertEquals(SkipReason.BAD_LANDMARK_LINE, collapsed.reason());
        BadRecordException shortList = assertThrows(BadRecordException.class,
                () -> FacePreparation.prepare(photo, new float[4], "p.png"));
        assertEquals(SkipReason.BAD_LANDMARK_LINE, shortList.reason());
    }

    @Test
    void aTenThousandPixelSquareJpegBecomesA112FaceFromASubsampledDecodeInAFewMegabytes() throws Exception {
        byte[] huge = HugeJpeg.bytes();
        float[] landmarks = FaceAligner.template();
        for (int i = 0; i < landmarks.length; i++) {
            landmarks[i] *= HugeJpeg.SIDE / 112f;
        }
        for (float[] given : new float[][] {null, landmarks}) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            byte[] stored = FacePreparation.prepare(huge, given, "huge.jpg");
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 20_000_000, "allocated " + allocated + " bytes for a " + huge.length + "-byte file");
            BufferedImage face = ImageDecoder.decode(stored, "s");
            assertEquals(112, face.getWidth());
            int left = BgrImages.data(face)[3 * (56 * 112 + 4)] & 0xff;
            int right = BgrImages.data(face)[3 * (56 * 112 + 107)] & 0xff;
            assertTrue(left < 20 && right > 235, "the ramp runs dark to light: " + left + " .. " + right);
        }
    }

    @Test
    void aSmallImageIsDecodedWholeAndALargeOneOneInNEachWay() {
        assertEquals(1, FacePreparation.step(250, 250, null));
        assertEquals(1, FacePreparation.step(895, 4000, null));
        assertEquals(2, FacePreparation.step(896, 896, null));
        assertEquals(22, FacePreparation.step(10_000, 10_000, null));
        assertEquals(1, FacePreparation.step(10_000, 10_000, FaceAligner.template()), "a 112-pixel face");
        assertEquals(1, FacePreparation.step(10_000, 10_000, new float[10]), "unusable landmarks say nothing");
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
}
