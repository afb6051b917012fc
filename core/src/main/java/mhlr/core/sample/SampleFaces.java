package mhlr.core.sample;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;
import mhlr.core.image.BgrImages;
import mhlr.core.image.FaceAligner;

/**
 * Made-up people, deterministic by seed. Person {@code p} is a fixed set of traits ({@link SampleIdentity}: face
 * shape, skin tone, hair style and colour, eye/brow/nose/mouth geometry, glasses, beard, ...); image {@code i} of
 * that person varies head turn, expression, lighting, background, clothes and noise ({@link SampleVariation}).
 * Both are pure functions of {@code (seed, p)} and {@code (seed, p, i)}, so any image can be drawn on its own, in
 * any order, on any thread.
 *
 * <p>Three framings of the same image:
 * <ul>
 *   <li>{@link #aligned}: the 112x112 ArcFace crop (the face's landmarks mapped onto the template, plus the small
 *       roll/shift/scale error of a real aligner), as in WebFace, RecordIO and {@code .bin} sets;</li>
 *   <li>{@link #photo}: an un-aligned photo (face smaller, rotated up to 15 degrees, off centre) whose landmarks
 *       are known exactly, as with loose crops plus a landmark file; aligning it with those landmarks gives the
 *       same face as {@link #render} with {@link #alignment};</li>
 *   <li>{@link #crop}: a face crop that only needs resizing (CFP style), optionally in profile.</li>
 * </ul>
 */
public final class SampleFaces {
    /** Default side of {@link #photo} images. */
    public static final int PHOTO_SIZE = 150;

    private static final long IDENTITY_STREAM = 0x1d3a_5f27_b9c4_e681L;
    private static final long IMAGE_STREAM = 0x6a09_e667_f3bc_c909L;
    private static final long PROFILE_STREAM = 0xbb67_ae85_84ca_a73bL;
    private static final long FRAMING_STREAM = 0x3c6e_f372_fe94_f82bL;

    private final long seed;

    public SampleFaces(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    SampleIdentity identity(int person) {
        return SampleIdentity.random(random(IDENTITY_STREAM, person, 0));
    }

    SampleVariation variation(int person, int image, boolean profile) {
        return SampleVariation.random(random(profile ? PROFILE_STREAM : IMAGE_STREAM, person, image), profile);
    }

    /** The landmarks of image {@code image} of {@code person} in the canonical frame. */
    public float[] canonicalLandmarks(int person, int image, boolean profile) {
        return FacePainter.landmarks(identity(person), variation(person, image, profile));
    }

    /** The transform from the canonical frame to the exactly aligned 112x112 face (landmarks onto the template). */
    public double[] alignment(int person, int image, boolean profile) {
        return FaceAligner.similarityTransform(canonicalLandmarks(person, image, profile));
    }

    /** The 112x112 aligned crop, with an aligner's small error, and where its landmarks fell. */
    public SampleImage aligned(int person, int image) {
        double[] transform = compose(jitter(person, image), alignment(person, image, false));
        return frame(person, image, false, transform, FaceAligner.SIZE, FaceAligner.SIZE);
    }

    /** A {@code size x size} un-aligned photo and its exact landmarks. */
    public SampleImage photo(int person, int image, int size) {
        return frame(person, image, false, photoPlacement(person, image, size), size, size);
    }

    /** Where {@link #photo} puts the face: the transform from the canonical frame to the photo's pixels. */
    public double[] photoPlacement(int person, int image, int size) {
        SplittableRandom random = random(FRAMING_STREAM, person, image);
        double scale = size / 112.0 * SampleIdentity.between(random, 0.72, 0.92);
        double angle = Math.toRadians(SampleIdentity.between(random, -15, 15));
        double centerX = size / 2.0 + SampleIdentity.between(random, -8, 8) * size / PHOTO_SIZE;
        double centerY = size / 2.0 + SampleIdentity.between(random, -6, 6) * size / PHOTO_SIZE;
        return compose(similarity(angle, scale, centerX, centerY),
                new double[] {1, 0, -SampleIdentity.CENTER_X, 0, 1, -62});
    }

    /**
     * A {@code size x size} face crop that needs only resizing to be aligned (up to an aligner's small error); in
     * profile the head is turned 45-65 degrees.
     */
    public SampleImage crop(int person, int image, int size, boolean profile) {
        double[] aligned = compose(jitter(person, image), alignment(person, 0, false));
        double scale = size / (double) FaceAligner.SIZE;
        double[] transform = compose(new double[] {scale, 0, 0, 0, scale, 0}, aligned);
        return frame(person, image, profile, transform, size, size);
    }

    /**
     * Draws image {@code image} of {@code person} through {@code transform} (canonical frame to image pixels,
     * row-major 2x3) into a {@code width x height} picture.
     *
     * @param noise whether to add sensor noise (off for exact comparisons)
     */
    public BufferedImage render(int person, int image, boolean profile, double[] transform, int width, int height,
                                boolean noise) {
        SampleIdentity identity = identity(person);
        SampleVariation variation = variation(person, image, profile);
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = canvas.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        background(graphics, variation, width, height);
        graphics.translate(0.5, 0.5);
        graphics.transform(new AffineTransform(transform[0], transform[3], transform[1], transform[4], transform[2],
                transform[5]));
        FacePainter.paint(graphics, identity, variation);
        graphics.dispose();
        return develop(canvas, variation, noise);
    }

    private SampleImage frame(int person, int image, boolean profile, double[] transform, int width, int height) {
        BufferedImage picture = render(person, image, profile, transform, width, height, true);
        return new SampleImage(picture, FaceAligner.apply(transform, canonicalLandmarks(person, image, profile)));
    }

    /** The aligner's error for this image: a small roll, shift and scale about the crop's centre. */
    private double[] jitter(int person, int image) {
        SampleVariation variation = variation(person, image, false);
        double c = FaceAligner.SIZE / 2.0;
        return compose(similarity(variation.jitterRoll(), variation.jitterScale(), c + variation.jitterShiftX(),
                c + variation.jitterShiftY()), new double[] {1, 0, -c, 0, 1, -c});
    }

    private static void background(Graphics2D graphics, SampleVariation variation, int width, int height) {
        graphics.setPaint(new GradientPaint(0, 0, variation.backgroundTop(), 0, height,
                variation.backgroundBottom()));
        graphics.fill(new Rectangle2D.Double(0, 0, width, height));
        SplittableRandom clutter = new SplittableRandom(variation.clutterSeed());
        graphics.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
        for (int i = 0; i < variation.clutterCount(); i++) {
            graphics.setColor(new Color(clutter.nextInt(256), clutter.nextInt(256), clutter.nextInt(256)));
            double x = clutter.nextDouble() * width;
            double y = clutter.nextDouble() * height;
            double w = (0.1 + 0.4 * clutter.nextDouble()) * width;
            double h = (0.1 + 0.4 * clutter.nextDouble()) * height;
            graphics.fill(clutter.nextBoolean() ? new Rectangle2D.Double(x - w / 2, y - h / 2, w, h)
                    : new Ellipse2D.Double(x - w / 2, y - h / 2, w, h));
        }
        graphics.setComposite(AlphaComposite.SrcOver);
    }

    /**
     * The finished picture as packed BGR, with lighting (brightness, contrast, colour cast) and sensor noise
     * (triangular, in 1/256 steps). Java2D draws much faster into an int RGB canvas than into BGR bytes, hence
     * the copy.
     */
    private static BufferedImage develop(BufferedImage canvas, SampleVariation variation, boolean noise) {
        int[] rgb = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        BufferedImage picture = new BufferedImage(canvas.getWidth(), canvas.getHeight(),
                BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = BgrImages.data(picture);
        int[][] table = new int[3][256];
        for (int channel = 0; channel < 3; channel++) {
            double cast = variation.colorCast()[2 - channel];
            for (int v = 0; v < 256; v++) {
                table[channel][v] = (int) Math.round(256 * ((v - 128) * variation.contrast() + 128)
                        * variation.brightness() * cast) + 128;
            }
        }
        int[] grain = new int[NOISE.length];
        float amplitude = noise ? (float) variation.noise() * 256 : 0f;
        for (int i = 0; i < grain.length; i++) {
            grain[i] = Math.round(NOISE[i] * amplitude);
        }
        int[] blue = table[0];
        int[] green = table[1];
        int[] red = table[2];
        long state = variation.noiseSeed() ^ (canvas.getWidth() * 0x9e3779b97f4a7c15L + canvas.getHeight()) | 1;
        int mask = NOISE.length - 1;
        for (int i = 0, o = 0; i < rgb.length; i++, o += 3) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            int pixel = rgb[i];
            data[o] = clamp((blue[pixel & 0xff] + grain[(int) state & mask]) >> 8);
            data[o + 1] = clamp((green[(pixel >>> 8) & 0xff] + grain[(int) (state >>> 16) & mask]) >> 8);
            data[o + 2] = clamp((red[(pixel >>> 16) & 0xff] + grain[(int) (state >>> 32) & mask]) >> 8);
        }
        return picture;
    }

    private static byte clamp(int value) {
        return (byte) (value < 0 ? 0 : value > 255 ? 255 : value);
    }

    /** Unit-variance triangular noise samples, indexed by random bits. */
    private static final float[] NOISE = triangularNoise(4096);

    private static float[] triangularNoise(int size) {
        float[] noise = new float[size];
        SplittableRandom random = new SplittableRandom(0x2545f4914f6cdd1dL);
        for (int i = 0; i < size; i++) {
            noise[i] = (float) ((random.nextDouble() + random.nextDouble() - 1) * Math.sqrt(6));
        }
        return noise;
    }

    private SplittableRandom random(long stream, int person, int image) {
        long state = mix(seed ^ stream);
        state = mix(state ^ (person * 0xd1b54a32d192ed03L));
        state = mix(state ^ (image * 0xaef17502108ef2d9L));
        return new SplittableRandom(state);
    }

    private static long mix(long value) {
        long z = value + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static double[] similarity(double angle, double scale, double tx, double ty) {
        double a = scale * Math.cos(angle);
        double b = scale * Math.sin(angle);
        return new double[] {a, -b, tx, b, a, ty};
    }

    /** {@code outer} after {@code inner}: the transform applying {@code inner} first. */
    static double[] compose(double[] outer, double[] inner) {
        return new double[] {
            outer[0] * inner[0] + outer[1] * inner[3], outer[0] * inner[1] + outer[1] * inner[4],
            outer[0] * inner[2] + outer[1] * inner[5] + outer[2],
            outer[3] * inner[0] + outer[4] * inner[3], outer[3] * inner[1] + outer[4] * inner[4],
            outer[3] * inner[2] + outer[4] * inner[5] + outer[5],
        };
    }
}
