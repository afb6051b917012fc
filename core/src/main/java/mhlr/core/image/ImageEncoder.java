package mhlr.core.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
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
 * default JPEG metadata: building those per image costs more than encoding a 112x112 face. JPEG input is handed to
 * the writer in R, G, B byte order, which it copies row by row with array copies; BGR rows it would copy pixel by
 * pixel (about 1.5 times slower overall, same bytes out).
 */
public final class ImageEncoder {
    private static final int[] RGB_OFFSETS = {0, 1, 2};
    private static final ColorModel RGB_MODEL = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
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
        return JPEG_WRITER.get().write(rgbOrder(BgrImages.packed(image)), quality);
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

    /** The same pixels with bytes in R, G, B order (an sRGB interleaved image). */
    private static BufferedImage rgbOrder(BufferedImage bgr) {
        int width = bgr.getWidth();
        int height = bgr.getHeight();
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 3 * width, 3,
                RGB_OFFSETS, null);
        byte[] in = BgrImages.data(bgr);
        byte[] out = ((DataBufferByte) raster.getDataBuffer()).getData();
        for (int i = 0; i < in.length; i += 3) {
            out[i] = in[i + 2];
            out[i + 1] = in[i + 1];
            out[i + 2] = in[i];
        }
        return new BufferedImage(RGB_MODEL, raster, false, null);
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

        byte[] write(BufferedImage rgb, float wanted) {
            if (wanted != quality) {
                param.setCompressionQuality(wanted);
                metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(rgb), param);
                quality = wanted;
            }
            return ImageEncoder.write(writer, param, metadata, rgb);
        }
    }
}
