package mhlr.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PixelsTest {
    /** Two pixels: (R 255, G 0, B 51) and (R 0, G 255, B 204). */
    private static BufferedImage twoPixels() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(0, 0, 255 << 16 | 51);
        image.setRGB(1, 0, 255 << 8 | 204);
        return image;
    }

    @Test
    void writesRgbPlanesScaledToMinusOneOne() {
        float[] chw = Pixels.toChw(twoPixels(), false);
        assertArrayEquals(new float[] {1f, -1f, -1f, 1f, -0.6f, 0.6f}, chw, 1e-6f);
    }

    @Test
    void flipMirrorsEachRow() {
        float[] chw = Pixels.toChw(twoPixels(), true);
        assertArrayEquals(new float[] {-1f, 1f, 1f, -1f, 0.6f, -0.6f}, chw, 1e-6f);
    }

    @Test
    void mapsTheEndsAndMiddleOfTheByteRange() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(0, 0, 0);
        image.setRGB(1, 0, 0xffffff);
        image.setRGB(2, 0, 0x808080);
        float[] chw = Pixels.toChw(image, false);
        assertEquals(-1f, chw[0]);
        assertEquals(1f, chw[1]);
        assertEquals(128 / 127.5f - 1, chw[2], 1e-6f);
    }

    @Test
    void fillsABatchAtAnOffsetLeavingTheRestAlone() {
        float[] batch = new float[2 + 6 + 1];
        batch[0] = 7;
        batch[8] = 9;
        Pixels.toChw(twoPixels(), false, batch, 2);
        assertArrayEquals(new float[] {7, 0, 1f, -1f, -1f, 1f, -0.6f, 0.6f, 9}, batch, 1e-6f);
    }
}
