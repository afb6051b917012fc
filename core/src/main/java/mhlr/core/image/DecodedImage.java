package mhlr.core.image;

import java.awt.image.BufferedImage;

/**
 * An image the decoder read in full, and the format its bytes were in.
 *
 * @param format what the bytes were
 * @param width the image's width in the file (before any subsampling)
 * @param height the image's height in the file
 * @param image the pixels, packed TYPE_3BYTE_BGR; {@code null} when the caller's {@link KeepPixels} said not to
 *     keep them (the image was decoded and checked all the same)
 * @param subsampling the decoded image holds every {@code subsampling}-th pixel of every {@code subsampling}-th
 *     row of the file's image (1: all of them); pixel {@code (x, y)} is the file's {@code (x * s, y * s)}
 */
public record DecodedImage(ImageFormat format, int width, int height, BufferedImage image, int subsampling) {
    /** Whether the pixels were kept. */
    public boolean hasPixels() {
        return image != null;
    }
}
