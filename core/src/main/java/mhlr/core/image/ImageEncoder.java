package mhlr.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes images to JPEG or PNG bytes in memory. Each thread keeps its ImageIO writers, its JPEG parameters and the
 * default JPEG metadata for BGR images: building those per image costs more than encoding a 112x112 face.
 */
public final class ImageEncoder {
    private static final ThreadLocal<JpegWriter> JPEG_WRITER = ThreadLocal.withInitial(JpegWriter::new);
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
        return JPEG_WRITER.get().write(BgrImages.packed(image), quality);
    }

    /** Lossless PNG. */
    public static byte[] png(BufferedImage image) {
        return write(PNG_WRITER.get(), null, null, image);
    }

    private static byte[] write(ImageWriter writer, ImageWriteParam param, IIOMetadata metadata,
                                BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, metadata), param);
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

    /** One thread's JPEG writer with its parameters and BGR metadata for the last quality asked. */
    private static final class JpegWriter {
        private final ImageWriter writer = writer("jpeg");
        private final ImageWriteParam param = writer.getDefaultWriteParam();
        private float quality = Float.NaN;
        private IIOMetadata metadata;

        JpegWriter() {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        }

        byte[] write(BufferedImage bgr, float wanted) {
            if (wanted != quality) {
                param.setCompressionQuality(wanted);
                metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(bgr), param);
                quality = wanted;
            }
            return ImageEncoder.write(writer, param, metadata, bgr);
        }
    }
}
