package mhlr.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** One picture encoded in each format ImageIO writes. */
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
        return write("bmp");
    }

    byte[] gif() {
        return write("gif");
    }

    private byte[] write(String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
