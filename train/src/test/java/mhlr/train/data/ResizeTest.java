package mhlr.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import mhlr.core.image.BgrImages;
import org.junit.jupiter.api.Test;

class ResizeTest {

    private static BufferedImage checkerboard(int size, int cell) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = BgrImages.data(image);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                byte value = (byte) (((x / cell) + (y / cell)) % 2 == 0 ? 0 : 200);
                for (int c = 0; c < 3; c++) {
                    data[(y * size + x) * 3 + c] = value;
                }
            }
        }
        return image;
    }

    @Test
    void shrinkingAveragesInsteadOfAliasing() {
        BufferedImage small = Resize.square(checkerboard(112, 1), 28);
        assertEquals(28, small.getWidth());
        for (byte value : BgrImages.data(small)) {
            assertEquals(100, value & 0xff);
        }
    }

    @Test
    void shrinkingByAFractionalFactorKeepsFlatColour() {
        BufferedImage flat = checkerboard(112, 1000);
        BufferedImage small = Resize.square(flat, 48);
        for (byte value : BgrImages.data(small)) {
            assertEquals(0, value & 0xff);
        }
    }

    @Test
    void sameSizeIsReturnedAsIs() {
        BufferedImage image = checkerboard(112, 4);
        assertSame(image, Resize.square(image, 112));
        assertEquals(224, Resize.square(image, 224).getWidth());
    }
}
