package mhlr.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import mhlr.core.testing.TestImages;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0};

    @Test
    void theTemplateItselfNeedsTheIdentityTransform() {
        assertArrayEquals(IDENTITY, FaceAligner.similarityTransform(FaceAligner.template()), 1e-9);
    }

    @Test
    void aRotatedScaledShiftedTemplateIsMappedBackExactly() {
        double[] pose = similarity(Math.toRadians(23), 1.7, 41.5, -12.25);
        float[] landmarks = FaceAligner.apply(pose, FaceAligner.template());
        double[] transform = FaceAligner.similarityTransform(landmarks);
        assertArrayEquals(FaceAligner.invert(pose), transform, 1e-4);
        assertArrayEquals(FaceAligner.template(), FaceAligner.apply(transform, landmarks), 1e-3f);
    }

    @Test
    void noisyLandmarksGiveTheLeastSquaresFit() {
        float[] template = FaceAligner.template();
        float[] noisy = template.clone();
        noisy[0] += 2;
        noisy[9] -= 2;
        double[] transform = FaceAligner.similarityTransform(noisy);
        double fitted = residual(FaceAligner.apply(transform, noisy), template);
        for (double[] nudge : new double[][] {{0.01, 0, 0}, {0, 0.01, 0}, {0, 0, 0.1}}) {
            double[] other = transform.clone();
            other[0] += nudge[0];
            other[4] += nudge[0];
            other[1] -= nudge[1];
            other[3] += nudge[1];
            other[2] += nudge[2];
            assertTrue(residual(FaceAligner.apply(other, noisy), template) > fitted);
        }
    }

    @Test
    void aligningAPosedFaceRecoversTheAlignedFace() {
        BufferedImage face = TestImages.picture(112, 112);
        double[] pose = similarity(Math.toRadians(-15), 1.4, 60, 45);
        BufferedImage photo = FaceAligner.warp(face, pose, 250, 250);
        BufferedImage aligned = FaceAligner.align(photo, FaceAligner.apply(pose, FaceAligner.template()));
        assertEquals(112, aligned.getWidth());
        assertTrue(TestImages.meanAbsoluteDifference(face, aligned) < 4,
                "difference " + TestImages.meanAbsoluteDifference(face, aligned));
    }

    @Test
    void theIdentityWarpCopiesPixelsAndTheBorderIsBlack() {
        BufferedImage face = TestImages.picture(112, 112);
        assertArrayEquals(BgrImages.data(face), BgrImages.data(FaceAligner.warp(face, IDENTITY, 112, 112)));
        BufferedImage shifted = FaceAligner.warp(face, new double[] {1, 0, 50, 0, 1, 0}, 112, 112);
        byte[] data = BgrImages.data(shifted);
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 49; x++) {
                assertEquals(0, data[(y * 112 + x) * 3 + 1], "pixel " + x + "," + y);
            }
        }
        assertEquals(BgrImages.data(face)[(10 * 112 + 10) * 3], data[(10 * 112 + 60) * 3]);
    }

    @Test
    void resizeAveragesPixelPairsWhenHalving() {
        BufferedImage stripes = new BufferedImage(224, 224, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = BgrImages.data(stripes);
        for (int i = 0; i < 224 * 224; i++) {
            byte value = (byte) ((i % 224) % 2 == 0 ? 100 : 200);
            data[3 * i] = value;
            data[3 * i + 1] = value;
            data[3 * i + 2] = value;
        }
        byte[] resized = BgrImages.data(FaceAligner.resize(stripes));
        for (byte value : resized) {
            assertEquals(150, value & 0xff);
        }
        assertEquals(112 * 112 * 3, resized.length);
    }

    @Test
    void landmarksOnOnePointAreRefused() {
        float[] collapsed = new float[10];
        assertThrows(IllegalArgumentException.class, () -> FaceAligner.similarityTransform(collapsed));
        float[] infinite = FaceAligner.template();
        infinite[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> FaceAligner.similarityTransform(infinite));
    }

    private static double[] similarity(double angle, double scale, double tx, double ty) {
        double a = scale * Math.cos(angle);
        double b = scale * Math.sin(angle);
        return new double[] {a, -b, tx, b, a, ty};
    }

    private static double residual(float[] points, float[] target) {
        double sum = 0;
        for (int i = 0; i < points.length; i++) {
            sum += (points[i] - target[i]) * (points[i] - target[i]);
        }
        return sum;
    }
}
