package mhlr.core.image;

import java.awt.image.BufferedImage;

/**
 * An image and the format its bytes were in.
 *
 * @param format what the bytes were
 * @param image the pixels, packed TYPE_3BYTE_BGR
 */
public record DecodedImage(ImageFormat format, BufferedImage image) {
}
