package mhlr.core.image;

import java.awt.image.BufferedImage;

/**
 * The ArcFace alignment: a least-squares similarity transform (rotation, uniform scale, translation; Umeyama
 * 1991) from five detected landmarks to a fixed template, then a bilinear warp to 112x112 with border value 0,
 * as insightface's {@code face_align.norm_crop} does with scikit-image and OpenCV.
 *
 * <p>Landmarks are ten floats {@code x1 y1 ... x5 y5} in pixels: left eye, right eye, nose tip, left mouth
 * corner, right mouth corner. Pixel coordinates follow OpenCV: integer coordinates are pixel centres, so an
 * aligned face matches one aligned by insightface up to rounding.
 *
 * <p>Affine transforms are six doubles, row-major 2x3: {@code x' = m[0] x + m[1] y + m[2]},
 * {@code y' = m[3] x + m[4] y + m[5]}.
 */
public final class FaceAligner {
    /** Side of an aligned face. */
    public static final int SIZE = 112;

    private static final float[] TEMPLATE = {
        38.2946f, 51.6963f,
        73.5318f, 51.5014f,
        56.0252f, 71.7366f,
        41.5493f, 92.3655f,
        70.7299f, 92.2041f,
    };

    /** Fixed-point bilinear weights for resizing, as OpenCV's resize uses (11 bits). */
    private static final int WEIGHT_BITS = 11;
    private static final int WEIGHT_ONE = 1 << WEIGHT_BITS;
    private static final int ROUND = 1 << (2 * WEIGHT_BITS - 1);

    private FaceAligner() {
    }

    /** The five template points for 112x112, {@code x1 y1 ... x5 y5} (a copy). */
    public static float[] template() {
        return TEMPLATE.clone();
    }

    /** The similarity transform taking the landmarks to the 112x112 ArcFace template. */
    public static double[] similarityTransform(float[] landmarks10) {
        return similarityTransform(landmarks10, TEMPLATE);
    }

    /**
     * The least-squares similarity transform taking points {@code from} onto {@code to} (both {@code x y} pairs).
     * In two dimensions Umeyama's solution has a closed form: with centred points, scale times rotation is
     * {@code [a -b; b a]}, {@code a = sum(p.q) / sum(|p|^2)}, {@code b = sum(p x q) / sum(|p|^2)}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, hold non-finite values, or the
     *     {@code from} points all coincide
     */
    public static double[] similarityTransform(float[] from, float[] to) {
        if (from.length != to.length || from.length < 4 || from.length % 2 != 0) {
            throw new IllegalArgumentException("need two equal lists of at least 2 points, got " + from.length
                    + " and " + to.length + " values");
        }
        int n = from.length / 2;
        double fromX = 0;
        double fromY = 0;
        double toX = 0;
        double toY = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(from[2 * i]) || !Float.isFinite(from[2 * i + 1])) {
                throw new IllegalArgumentException("landmark " + (i + 1) + " is not a finite number");
            }
            fromX += from[2 * i];
            fromY += from[2 * i + 1];
            toX += to[2 * i];
            toY += to[2 * i + 1];
        }
        fromX /= n;
        fromY /= n;
        toX /= n;
        toY /= n;
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from[2 * i] - fromX;
            double py = from[2 * i + 1] - fromY;
            double qx = to[2 * i] - toX;
            double qy = to[2 * i + 1] - toY;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (norm < 1e-12) {
            throw new IllegalArgumentException("the landmarks all lie on one point");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new double[] {a, -b, toX - (a * fromX - b * fromY), b, a, toY - (b * fromX + a * fromY)};
    }

    /** The face cut out of {@code image} by its five landmarks, aligned to the ArcFace template at 112x112. */
    public static BufferedImage align(BufferedImage image, float[] landmarks10) {
        if (landmarks10.length != 10) {
            throw new IllegalArgumentException("need 5 landmarks (10 values), got " + landmarks10.length + " values");
        }
        return warp(image, similarityTransform(landmarks10), SIZE, SIZE);
    }

    /** The image stretched to 112x112 (bilinear, pixel centres aligned as OpenCV's resize does). */
    public static BufferedImage resize(BufferedImage image) {
        return resize(image, SIZE, SIZE);
    }

    /** The image stretched to {@code width x height} (bilinear, pixel centres aligned as OpenCV's resize does). */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage source = BgrImages.packed(image);
        if (source.getWidth() == width && source.getHeight() == height) {
            return source;
        }
        int sourceWidth = source.getWidth();
        int sourceHeight = source.getHeight();
        byte[] in = BgrImages.data(source);
        BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = BgrImages.data(result);
        int[] left = new int[width];
        int[] right = new int[width];
        int[] rightWeight = new int[width];
        for (int x = 0; x < width; x++) {
            float sx = Math.max(0f, (x + 0.5f) * sourceWidth / width - 0.5f);
            int x0 = Math.min((int) sx, sourceWidth - 1);
            left[x] = 3 * x0;
            right[x] = 3 * Math.min(x0 + 1, sourceWidth - 1);
            rightWeight[x] = Math.round((sx - x0) * WEIGHT_ONE);
        }
        int o = 0;
        for (int y = 0; y < height; y++) {
            float sy = Math.max(0f, (y + 0.5f) * sourceHeight / height - 0.5f);
            int y0 = Math.min((int) sy, sourceHeight - 1);
            int bottomWeight = Math.round((sy - y0) * WEIGHT_ONE);
            int topWeight = WEIGHT_ONE - bottomWeight;
            int row0 = y0 * sourceWidth * 3;
            int row1 = Math.min(y0 + 1, sourceHeight - 1) * sourceWidth * 3;
            for (int x = 0; x < width; x++) {
                int wr = rightWeight[x];
                int wl = WEIGHT_ONE - wr;
                int a = row0 + left[x];
                int b = row0 + right[x];
                int c = row1 + left[x];
                int d = row1 + right[x];
                for (int channel = 0; channel < 3; channel++) {
                    int top = (in[a + channel] & 0xff) * wl + (in[b + channel] & 0xff) * wr;
                    int bottom = (in[c + channel] & 0xff) * wl + (in[d + channel] & 0xff) * wr;
                    out[o++] = (byte) ((top * topWeight + bottom * bottomWeight + ROUND) >> (2 * WEIGHT_BITS));
                }
            }
        }
        return result;
    }

    /**
     * Warps {@code image} by the affine transform {@code affine} (source pixel to result pixel) into a
     * {@code width x height} image: each result pixel samples the source bilinearly at the inverse transform of
     * its coordinates; source pixels outside the image count as 0 (black), as OpenCV's {@code warpAffine}
     * with a constant border.
     */
    public static BufferedImage warp(BufferedImage image, double[] affine, int width, int height) {
        BufferedImage source = BgrImages.packed(image);
        int sourceWidth = source.getWidth();
        int sourceHeight = source.getHeight();
        byte[] in = BgrImages.data(source);
        double[] inverse = invert(affine);
        BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = BgrImages.data(result);
        int o = 0;
        int rowBytes = sourceWidth * 3;
        for (int y = 0; y < height; y++) {
            double rowX = inverse[1] * y + inverse[2];
            double rowY = inverse[4] * y + inverse[5];
            for (int x = 0; x < width; x++, o += 3) {
                double sx = inverse[0] * x + rowX;
                double sy = inverse[3] * x + rowY;
                int ix = (int) Math.floor(sx);
                int iy = (int) Math.floor(sy);
                float wx = (float) (sx - ix);
                float wy = (float) (sy - iy);
                if (ix >= 0 && iy >= 0 && ix + 1 < sourceWidth && iy + 1 < sourceHeight) {
                    int p = iy * rowBytes + ix * 3;
                    for (int c = 0; c < 3; c++) {
                        float top = (in[p + c] & 0xff) * (1 - wx) + (in[p + 3 + c] & 0xff) * wx;
                        float bottom = (in[p + rowBytes + c] & 0xff) * (1 - wx) + (in[p + rowBytes + 3 + c] & 0xff) * wx;
                        out[o + c] = (byte) (int) (top + (bottom - top) * wy + 0.5f);
                    }
                } else if (ix >= -1 && iy >= -1 && ix < sourceWidth && iy < sourceHeight) {
                    for (int c = 0; c < 3; c++) {
                        float top = sample(in, sourceWidth, sourceHeight, ix, iy, c) * (1 - wx)
                                + sample(in, sourceWidth, sourceHeight, ix + 1, iy, c) * wx;
                        float bottom = sample(in, sourceWidth, sourceHeight, ix, iy + 1, c) * (1 - wx)
                                + sample(in, sourceWidth, sourceHeight, ix + 1, iy + 1, c) * wx;
                        out[o + c] = (byte) (int) (top + (bottom - top) * wy + 0.5f);
                    }
                }
            }
        }
        return result;
    }

    /** Applies an affine transform to points {@code x y ...}. */
    public static float[] apply(double[] affine, float[] points) {
        float[] result = new float[points.length];
        for (int i = 0; i + 1 < points.length; i += 2) {
            result[i] = (float) (affine[0] * points[i] + affine[1] * points[i + 1] + affine[2]);
            result[i + 1] = (float) (affine[3] * points[i] + affine[4] * points[i + 1] + affine[5]);
        }
        return result;
    }

    /** The inverse of a 2x3 affine transform. */
    public static double[] invert(double[] affine) {
        double determinant = affine[0] * affine[4] - affine[1] * affine[3];
        if (Math.abs(determinant) < 1e-12) {
            throw new IllegalArgumentException("the transform is singular (it collapses the image to a line)");
        }
        double i00 = affine[4] / determinant;
        double i01 = -affine[1] / determinant;
        double i10 = -affine[3] / determinant;
        double i11 = affine[0] / determinant;
        return new double[] {i00, i01, -(i00 * affine[2] + i01 * affine[5]),
            i10, i11, -(i10 * affine[2] + i11 * affine[5])};
    }

    private static int sample(byte[] in, int width, int height, int x, int y, int channel) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0;
        }
        return in[(y * width + x) * 3 + channel] & 0xff;
    }
}
