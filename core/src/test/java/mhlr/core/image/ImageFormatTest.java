package mhlr.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mhlr.core.testing.TestImages;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

    @Test
    void recognisesEachFormatByItsFirstBytesAlone() {
        BufferedImageBytes bytes = BufferedImageBytes.of(TestImages.picture(20, 16));
        assertEquals(Optional.of(ImageFormat.JPEG), ImageFormat.detect(bytes.jpeg()));
        assertEquals(Optional.of(ImageFormat.PNG), ImageFormat.detect(bytes.png()));
        assertEquals(Optional.of(ImageFormat.BMP), ImageFormat.detect(bytes.bmp()));
        assertEquals(Optional.of(ImageFormat.GIF), ImageFormat.detect(bytes.gif()));
        assertEquals(Optional.of(ImageFormat.PGM), ImageFormat.detect(ascii("P5\n2 1\n255\n\u0001\u0002")));
        assertEquals(Optional.of(ImageFormat.PGM), ImageFormat.detect(ascii("P2 2 1 255 1 2")));
    }

    @Test
    void findsNothingInTextOrTooFewBytes() {
        assertEquals(Optional.empty(), ImageFormat.detect(ascii("<html><body>not found</body></html>")));
        assertEquals(Optional.empty(), ImageFormat.detect(ascii("P6\n1 1\n255\n")));
        assertEquals(Optional.empty(), ImageFormat.detect(new byte[] {(byte) 0xff, (byte) 0xd8}));
        assertEquals(Optional.empty(), ImageFormat.detect(new byte[0]));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
