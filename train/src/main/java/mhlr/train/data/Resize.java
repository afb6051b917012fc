package mhlr.train.data;

import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.awt.geom.AffineTransform;
import mhlr.core.image.BgrImages;

/**
 * Square resizing of stored 112x112 faces to the trainer's {@code train.image-size} when it differs: area averaging
 * when shrinking (each output pixel the overlap-weighted mean of the source pixels it covers, as OpenCV's
 * {@code INTER_AREA}; no aliasing at 56 or 28 px), bilinear when enlarging. Deterministic and thread-safe.
 */
public final class Resize {
    private Resize() {
    }

    /** The image at {@code size x size}, packed BGR; the image itself when it already has that size. */
    public static BufferedImage square(BufferedImage image, int size) {
        BufferedImage bgr = BgrImages.packed(image);
        if (bgr.getWidth() == size && bgr.getHeight() == size) {
            return bgr;
        }
        if (bgr.getWidth() >= size && bgr.getHeight() >= size) {
            return shrink(bgr, size);
        }
        AffineTransform scale = AffineTransform.getScaleInstance((double) size / bgr.getWidth(),
                (double) size / bgr.getHeight());
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        new AffineTransformOp(scale, AffineTransformOp.TYPE_BILINEAR).filter(bgr, out);
        return out;
    }

    private static BufferedImage shrink(BufferedImage bgr, int size) {
        int width = bgr.getWidth();
        int height = bgr.getHeight();
        Weights columns = Weights.of(width, size);
        Weights rows = Weights.of(height, size);
        byte[] source = BgrImages.data(bgr);
        float[] horizontal = new float[height * size * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < size; x++) {
                float b = 0;
                float g = 0;
                float r = 0;
                for (int k = columns.start[x]; k < columns.start[x + 1]; k++) {
                    int p = (y * width + columns.index[k]) * 3;
                    float w = columns.weight[k];
                    b += w * (source[p] & 0xff);
                    g += w * (source[p + 1] & 0xff);
                    r += w * (source[p + 2] & 0xff);
                }
                int o = (y * size + x) * 3;
                horizontal[o] = b;
                horizontal[o + 1] = g;
                horizontal[o + 2] = r;
            }
        }
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = BgrImages.data(out);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < 3; c++) {
                    float v = 0;
                    for (int k = rows.start[y]; k < rows.start[y + 1]; k++) {
                        v += rows.weight[k] * horizontal[(rows.index[k] * size + x) * 3 + c];
                    }
                    target[(y * size + x) * 3 + c] = (byte) Math.min(255, Math.round(v));
                }
            }
        }
        return out;
    }

    /** For each output pixel along one axis, the source pixels it covers and their overlap weights (summing to 1). */
    private static final class Weights {
        final int[] start;
        final int[] index;
        final float[] weight;

        private Weights(int[] start, int[] index, float[] weight) {
            this.start = start;
            this.index = index;
            this.weight = weight;
        }

        static Weights of(int from, int to) {
            double scale = (double) from / to;
            int[] start = new int[to + 1];
            int[] index = new int[to * ((int) Math.ceil(scale) + 2)];
            float[] weight = new float[index.length];
            int n = 0;
            for (int out = 0; out < to; out++) {
                start[out] = n;
                double begin = out * scale;
                double end = begin + scale;
                for (int in = (int) Math.floor(begin); in < Math.min(from, (int) Math.ceil(end)); in++) {
                    double overlap = Math.min(end, in + 1) - Math.max(begin, in);
                    if (overlap > 1e-9) {
                        index[n] = in;
                        weight[n] = (float) (overlap / scale);
                        n++;
                    }
                }
            }
            start[to] = n;
            return new Weights(start, index, weight);
        }
    }
}
