package mhlr.core.sample;

import java.awt.image.BufferedImage;

/**
 * A rendered face and where its five landmarks are.
 *
 * @param image packed TYPE_3BYTE_BGR
 * @param landmarks {@code x1 y1 ... x5 y5} in the image's pixels (OpenCV convention: integer coordinates are pixel
 *     centres), exact up to float rounding
 */
public record SampleImage(BufferedImage image, float[] landmarks) {
}
