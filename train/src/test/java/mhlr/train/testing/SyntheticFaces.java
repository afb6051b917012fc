package mhlr.train.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import mhlr.core.image.ImageEncoder;

/**
 * Generated 112x112 "faces" a small network can learn to tell apart: each identity is a fixed arrangement of
 * coloured ellipses on its own background, seeded by the identity; each image of it is shifted by a few pixels,
 * scaled in brightness and overlaid with noise, seeded by (identity, image). JPEG-encoded like ingest's shards.
 */
public final class SyntheticFaces {
    private static final int SIZE = 112;

    private SyntheticFaces() {
    }

    /** Image {@code image} of identity {@code identity}, JPEG bytes. */
    public static byte[] jpeg(long seed, int identity, int image) {
        return ImageEncoder.jpeg(render(seed, identity, image), 0.9f);
    }

    /** A flat colour image whose red channel encodes {@code value} (for tests that only count images). */
    public static byte[] flat(int value) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(value & 0xff, (value >> 8) & 0xff, 128));
        graphics.fillRect(0, 0, SIZE, SIZE);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, SIZE / 4, SIZE);
        graphics.dispose();
        return ImageEncoder.jpeg(image, 0.95f);
    }

    static BufferedImage render(long seed, int identity, int image) {
        SplittableRandom face = new SplittableRandom(seed * 1_000_003L + identity);
        SplittableRandom view = new SplittableRandom((seed * 1_000_003L + identity) * 7_919L + image + 1);
        BufferedImage canvas = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = canvas.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double brightness = 0.8 + 0.4 * view.nextDouble();
        graphics.setColor(shade(new Color(face.nextInt(256), face.nextInt(256), face.nextInt(256)), brightness));
        graphics.fillRect(0, 0, SIZE, SIZE);
        int dx = view.nextInt(-5, 6);
        int dy = view.nextInt(-5, 6);
        for (int blob = 0; blob < 6; blob++) {
            Color colour = new Color(face.nextInt(256), face.nextInt(256), face.nextInt(256));
            int width = 20 + face.nextInt(40);
            int height = 20 + face.nextInt(40);
            int x = face.nextInt(SIZE - width) + dx;
            int y = face.nextInt(SIZE - height) + dy;
            graphics.setColor(shade(colour, brightness));
            graphics.fillOval(x, y, width, height);
        }
        graphics.dispose();
        byte[] pixels = ((java.awt.image.DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int value = (pixels[i] & 0xff) + (int) Math.round(view.nextGaussian() * 10);
            pixels[i] = (byte) Math.max(0, Math.min(255, value));
        }
        return canvas;
    }

    private static Color shade(Color colour, double factor) {
        return new Color(clamp(colour.getRed() * factor), clamp(colour.getGreen() * factor),
                clamp(colour.getBlue() * factor));
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
