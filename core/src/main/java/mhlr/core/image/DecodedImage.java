package mhlr.core.image;

import java.awt.image.BufferedImage;

/**
 * An image and the format its bytes were in.
 *
 * @param format what the bytes were
 * @param image the pixels, packed TYPE_3BYTE_BGR
 * @param subsampling the decoded image holds every {@code subsampling}-th pixel of every {@code subsampling}-th
 *     row of the file's image (1: all of them); pixel {@code (x, y)} is the file's {@code (x * s, y * s)}
 */
public record DecodedImage(ImageFormat format, BufferedImage image, int subsampling) {
}
