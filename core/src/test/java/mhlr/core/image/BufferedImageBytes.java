package mhlr.core.image;

import java.awt.image.BufferedImage;
import mhlr.core.testing.TestImages;

/**
 * One picture encoded in each format the decoder reads: JPEG and PNG by the project's encoder, BMP and GIF by
 * ImageIO.
 */
record BufferedImageBytes(BufferedImage image) {
    static BufferedImageBytes of(BufferedImage image) {
        return new BufferedImageBytes(image);
    }

    byte[] jpeg() {
        return ImageEncoder.jpeg(image, 0.9f);
    }

    byte[] png() {
        return ImageEncoder.png(image);
    }

    byte[] bmp() {
        return TestImages.encoded(image, "bmp");
    }

    byte[] gif() {
        return TestImages.encoded(image, "gif");
    }
}
