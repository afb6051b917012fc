package mhlr.core.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import mhlr.core.image.BgrImages;

/** Small deterministic pictures, their encodings and broken files, for the image and ingest tests. */
public final class TestImages {
    private TestImages() {
    }

    /** A colourful picture with smooth regions and edges, so codecs and warps have something to do. */
    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int y = 0; y < height; y++) {
            graphics.setColor(new Color(40 + 150 * y / height, 90, 200 - 120 * y / height));
            graphics.drawLine(0, y, width - 1, y);
        }
        graphics.setColor(new Color(230, 190, 160));
        graphics.fillOval(width / 5, height / 6, 3 * width / 5, 2 * height / 3);
        graphics.setColor(Color.DARK_GRAY);
        graphics.fillOval(width / 3, height / 3, width / 10, height / 14);
        graphics.fillOval(3 * width / 5, height / 3, width / 10, height / 14);
        graphics.setColor(new Color(160, 40, 50));
        graphics.fillRoundRect(2 * width / 5, 2 * height / 3, width / 5, height / 16, 6, 6);
        graphics.dispose();
        return image;
    }

    /** A {@code width x height} picture with a colour per identity and seeded noise, so every one differs. */
    public static BufferedImage picture(int identity, int index, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(identity * 100_003L + index);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.getHSBColor(identity * 0.137f % 1f, 0.6f, 0.8f));
        graphics.fillRect(0, 0, width, height);
        for (int i = 0; i < 12; i++) {
            graphics.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            graphics.fillOval(random.nextInt(width), random.nextInt(height), 4 + random.nextInt(20),
                    4 + random.nextInt(20));
        }
        graphics.dispose();
        return image;
    }

    /** Mean absolute difference per channel value between two packed BGR images of one size. */
    public static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        byte[] x = BgrImages.data(BgrImages.packed(a));
        byte[] y = BgrImages.data(BgrImages.packed(b));
        if (x.length != y.length) {
            throw new IllegalArgumentException("sizes differ");
        }
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return (double) sum / x.length;
    }

    /** The image as ImageIO's JPEG writer encodes it by default (not the project's own encoder). */
    public static byte[] jpeg(BufferedImage image) {
        return encoded(image, "jpeg");
    }

    /** The image as ImageIO's PNG writer encodes it. */
    public static byte[] png(BufferedImage image) {
        return encoded(image, "png");
    }

    /** The image in an ImageIO format ({@code "jpeg"}, {@code "png"}, {@code "bmp"}, {@code "gif"}). */
    public static byte[] encoded(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A {@code side x side} greyscale JPEG (a left-to-right ramp; 10000 pixels across make about 1.2 MB), written
     * without holding its pixels: its raster repeats one row for every row (scanline stride 0).
     */
    public static byte[] hugeJpeg(int side) {
        byte[] row = new byte[side];
        for (int x = 0; x < side; x++) {
            row[x] = (byte) (x * 256L / side);
        }
        WritableRaster raster = Raster.createWritableRaster(new ComponentSampleModel(DataBuffer.TYPE_BYTE, side, side,
                1, 0, new int[] {0}), new DataBufferByte(row, side), new Point(0, 0));
        ComponentColorModel grey = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return jpeg(new BufferedImage(grey, raster, false, null));
    }

    /** The first half of a valid JPEG. */
    public static byte[] truncated(byte[] jpeg) {
        return Arrays.copyOf(jpeg, jpeg.length / 2);
    }

    /** A valid JPEG header followed by garbage instead of image data. */
    public static byte[] corrupt(byte[] jpeg) {
        byte[] broken = jpeg.clone();
        Random random = new Random(7);
        for (int i = Math.min(200, broken.length / 3); i < broken.length - 2; i++) {
            broken[i] = (byte) random.nextInt(256);
        }
        return broken;
    }

    /** Writes {@code bytes} to {@code file}, creating its parent directories. */
    public static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
