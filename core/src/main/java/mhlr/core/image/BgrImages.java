package mhlr.core.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/**
 * Conversion to the one pixel layout this package works in: {@link BufferedImage#TYPE_3BYTE_BGR} with a packed
 * buffer (row stride {@code 3 * width}, no offset), so loops can index {@code (y * width + x) * 3 + channel}.
 * Greyscale becomes three equal channels without Java2D's colour management (which would brighten linear grey).
 */
public final class BgrImages {
    private BgrImages() {
    }

    /** The image itself when already packed BGR, otherwise a packed BGR copy. */
    public static BufferedImage packed(BufferedImage image) {
        if (isPackedBgr(image)) {
            return image;
        }
        int width = image.getWidth();
        int height = image.getHeight();
        BufferedImage bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = data(bgr);
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY && raster.getDataBuffer() instanceof DataBufferByte buffer
                && raster.getSampleModel() instanceof ComponentSampleModel model) {
            copyGrey(buffer, model, raster, width, height, out);
        } else if (image.getType() == BufferedImage.TYPE_USHORT_GRAY) {
            copyGrey16(raster, width, height, out);
        } else if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            bgr.setData(raster.createTranslatedChild(0, 0));
        } else {
            Graphics2D graphics = bgr.createGraphics();
            graphics.drawImage(image, 0, 0, null);
            graphics.dispose();
        }
        return bgr;
    }

    /** The packed byte array of an image for which {@link #isPackedBgr} holds (B, G, R per pixel). */
    public static byte[] data(BufferedImage bgr) {
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }

    /** Whether the image is TYPE_3BYTE_BGR with its own packed buffer (not a sub-image). */
    public static boolean isPackedBgr(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            return false;
        }
        Raster raster = image.getRaster();
        return raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getSampleModel() instanceof ComponentSampleModel model
                && model.getScanlineStride() == 3 * image.getWidth()
                && raster.getDataBuffer().getSize() == 3 * image.getWidth() * image.getHeight();
    }

    private static void copyGrey(DataBufferByte buffer, ComponentSampleModel model, Raster raster, int width, int height,
                                 byte[] out) {
        int stride = model.getScanlineStride();
        int pixelStride = model.getPixelStride();
        byte[] grey = buffer.getData();
        int start = buffer.getOffset()
                + model.getOffset(-raster.getSampleModelTranslateX(), -raster.getSampleModelTranslateY());
        int o = 0;
        for (int y = 0; y < height; y++) {
            int i = start + y * stride;
            for (int x = 0; x < width; x++, i += pixelStride) {
                byte v = grey[i];
                out[o++] = v;
                out[o++] = v;
                out[o++] = v;
            }
        }
    }

    private static void copyGrey16(Raster raster, int width, int height, byte[] out) {
        int[] row = new int[width];
        int o = 0;
        for (int y = 0; y < height; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                byte v = (byte) (row[x] >>> 8);
                out[o++] = v;
                out[o++] = v;
                out[o++] = v;
            }
        }
    }
}
