package mhlr.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes images to JPEG or PNG bytes in memory, with one cached ImageIO writer per format and thread. */
public final class ImageEncoder {
    private static final ThreadLocal<ImageWriter> JPEG_WRITER = ThreadLocal.withInitial(() -> writer("jpeg"));
    private static final ThreadLocal<ImageWriter> PNG_WRITER = ThreadLocal.withInitial(() -> writer("png"));

    private ImageEncoder() {
    }

    /**
     * JPEG (baseline, JFIF, 4:2:0 chroma) at {@code quality} in (0, 1], e.g. 0.95 for the quality 95 insightface's
     * tools use with OpenCV.
     */
    public static byte[] jpeg(BufferedImage image, float quality) {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
        }
        ImageWriter writer = JPEG_WRITER.get();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        return write(writer, param, BgrImages.packed(image));
    }

    /** Lossless PNG. */
    public static byte[] png(BufferedImage image) {
        return write(PNG_WRITER.get(), null, image);
    }

    private static byte[] write(ImageWriter writer, ImageWriteParam param, BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + image.getWidth() + "x" + image.getHeight()
                    + " image", e);
        } finally {
            writer.setOutput(null);
        }
        return bytes.toByteArray();
    }

    private static ImageWriter writer(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no ImageIO writer for " + format);
        }
        return writers.next();
    }
}
