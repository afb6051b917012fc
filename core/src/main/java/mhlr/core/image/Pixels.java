package mhlr.core.image;

import java.awt.image.BufferedImage;

/**
 * Network input from an image: RGB planes in CHW order, each value {@code (v / 255 - 0.5) / 0.5}, i.e. in
 * [-1, 1], optionally mirrored left-right (the "flip" of Accuracy-Flip and of augmentation). The image is read
 * as BGR bytes and written as R, G, B planes.
 */
public final class Pixels {
    private static final float[] SCALE = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            SCALE[v] = (v / 255f - 0.5f) / 0.5f;
        }
    }

    private Pixels() {
    }

    /** A new {@code float[3 * height * width]}: the R plane, then G, then B. */
    public static float[] toChw(BufferedImage image, boolean flip) {
        float[] result = new float[3 * image.getWidth() * image.getHeight()];
        toChw(image, flip, result, 0);
        return result;
    }

    /** Writes {@code 3 * height * width} values into {@code dest} from {@code offset} (for filling a batch). */
    public static void toChw(BufferedImage image, boolean flip, float[] dest, int offset) {
        BufferedImage bgr = BgrImages.packed(image);
        int width = bgr.getWidth();
        int height = bgr.getHeight();
        int plane = width * height;
        if (offset < 0 || dest.length - offset < 3 * plane) {
            throw new IllegalArgumentException("destination holds " + (dest.length - offset) + " values from offset "
                    + offset + ", the image needs " + 3 * plane);
        }
        byte[] data = BgrImages.data(bgr);
        for (int y = 0; y < height; y++) {
            int out = offset + y * width;
            int rowStart = y * width * 3;
            for (int x = 0; x < width; x++, out++) {
                int p = rowStart + 3 * (flip ? width - 1 - x : x);
                dest[out] = SCALE[data[p + 2] & 0xff];
                dest[out + plane] = SCALE[data[p + 1] & 0xff];
                dest[out + 2 * plane] = SCALE[data[p] & 0xff];
            }
        }
    }
}
