package mhlr.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import mhlr.core.testing.TestImages;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {

    @Test
    void writesTheSameJpegBytesAsAFreshImageIoWriterForEverySizeAndQuality() throws IOException {
        for (int size : new int[] {112, 57, 150}) {
            BufferedImage picture = TestImages.picture(size, size + 3);
            for (float quality : new float[] {0.95f, 0.75f, 0.95f}) {
                assertArrayEquals(plainImageIo(picture, quality), ImageEncoder.jpeg(picture, quality),
                        size + " pixels at quality " + quality);
            }
        }
    }

    @Test
    void pngIsLosslessAndBadQualitiesAreRefused() throws Exception {
        BufferedImage picture = TestImages.picture(30, 20);
        assertArrayEquals(BgrImages.data(picture), BgrImages.data(ImageDecoder.decode(ImageEncoder.png(picture), "p")));
        assertThrows(IllegalArgumentException.class, () -> ImageEncoder.jpeg(picture, 0f));
        assertThrows(IllegalArgumentException.class, () -> ImageEncoder.jpeg(picture, 1.5f));
        byte[] jpeg = ImageEncoder.jpeg(picture, 1f);
        assertEquals(30, ImageDecoder.decode(jpeg, "j").getWidth());
        assertTrue(TestImages.meanAbsoluteDifference(picture, ImageDecoder.decode(jpeg, "j")) < 5);
    }

    private static byte[] plainImageIo(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
