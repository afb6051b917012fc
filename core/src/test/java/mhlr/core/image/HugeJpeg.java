package mhlr.core.image;

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
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A 10000x10000 greyscale JPEG of about 1.2 MB (a left-to-right ramp), written without holding its pixels: the
 * raster repeats one row for every row (scanline stride 0), so making it costs a 10 KB row, not 100 MB.
 */
final class HugeJpeg {
    static final int SIDE = 10_000;

    private static byte[] bytes;

    private HugeJpeg() {
    }

    /** The file's bytes (written once per JVM; about 5 s). */
    static synchronized byte[] bytes() {
        if (bytes == null) {
            byte[] row = new byte[SIDE];
            for (int x = 0; x < SIDE; x++) {
                row[x] = (byte) (x * 256 / SIDE);
            }
            WritableRaster raster = Raster.createWritableRaster(new ComponentSampleModel(DataBuffer.TYPE_BYTE, SIDE,
                    SIDE, 1, 0, new int[] {0}), new DataBufferByte(row, SIDE), new Point(0, 0));
            ComponentColorModel grey = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false,
                    false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
            BufferedImage image = new BufferedImage(grey, raster, false, null);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(image);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                writer.dispose();
            }
            bytes = out.toByteArray();
        }
        return bytes;
    }
}
