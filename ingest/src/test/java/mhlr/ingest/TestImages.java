package mhlr.ingest;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
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

/** Small distinct images and broken files for ingest tests. */
public final class TestImages {
    private TestImages() {
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

    public static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
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

    public static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
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
}
