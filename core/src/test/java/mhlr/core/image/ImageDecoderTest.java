package mhlr.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;
import mhlr.core.testing.TestImages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private static final BufferedImage PICTURE = TestImages.picture(64, 48);
    private static final BufferedImageBytes ENCODED = BufferedImageBytes.of(PICTURE);

    @Test
    void decodesEveryImageIoFormatToPackedBgr() throws Exception {
        for (byte[] bytes : new byte[][] {ENCODED.jpeg(), ENCODED.png(), ENCODED.bmp(), ENCODED.gif()}) {
            BufferedImage image = ImageDecoder.decode(bytes, "picture");
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, image.getType());
            assertEquals(64, image.getWidth());
            assertEquals(48, image.getHeight());
            assertTrue(BgrImages.isPackedBgr(image));
        }
        assertArrayEquals(BgrImages.data(PICTURE), BgrImages.data(ImageDecoder.decode(ENCODED.png(), "png")));
        assertArrayEquals(BgrImages.data(PICTURE), BgrImages.data(ImageDecoder.decode(ENCODED.bmp(), "bmp")));
        assertTrue(TestImages.meanAbsoluteDifference(PICTURE, ImageDecoder.decode(ENCODED.jpeg(), "jpg")) < 3);
    }

    @Test
    void greyscaleBecomesThreeEqualChannelsWithTheSameValues() throws Exception {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        byte[] values = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        values[0] = 10;
        values[1] = (byte) 128;
        values[2] = (byte) 250;
        byte[] bgr = BgrImages.data(ImageDecoder.decode(ImageEncoder.png(grey), "grey.png"));
        assertArrayEquals(new byte[] {10, 10, 10, (byte) 128, (byte) 128, (byte) 128, (byte) 250, (byte) 250,
            (byte) 250}, bgr);
    }

    @Test
    void readsBinaryAndAsciiPgmIncludingCommentsAndSixteenBitSamples() throws Exception {
        byte[] binary = concat(ascii("P5\n# written by hand\n3 2\n255\n"), new byte[] {0, 1, 2, 3, 4, (byte) 255});
        byte[] ascii = ascii("P2\n3 2\n# max\n15\n0 15 3\n  6\n9 12\n");
        byte[] sixteen = concat(ascii("P5 2 1 65535 "), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0x80, 0});
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 255}, greys(ImageDecoder.decode(binary, "b.pgm")));
        assertArrayEquals(new int[] {0, 255, 51, 102, 153, 204}, greys(ImageDecoder.decode(ascii, "a.pgm")));
        assertArrayEquals(new int[] {255, 128}, greys(ImageDecoder.decode(sixteen, "s.pgm")));
    }

    @Test
    void pgmWithFewerPixelsThanItsHeaderIsTruncated() {
        byte[] binary = concat(ascii("P5\n4 4\n255\n"), new byte[10]);
        BadRecordException e = assertThrows(BadRecordException.class, () -> ImageDecoder.decode(binary, "s1/1.pgm"));
        assertEquals(SkipReason.TRUNCATED_IMAGE, e.reason());
        assertTrue(e.detail().startsWith("s1/1.pgm: PGM header promises 4x4 pixels (16 bytes), the file holds 10"),
                e.detail());
        assertReason(SkipReason.TRUNCATED_IMAGE, ascii("P2 2 2 255 1 2 3"));
        assertReason(SkipReason.CORRUPT_IMAGE, ascii("P2 2 1 255 1 x"));
        assertReason(SkipReason.CORRUPT_IMAGE, ascii("P2 2 1 9 1 10"));
    }

    @Test
    void aPgmHeaderPromisingAHugeImageOverAFewBytesIsTruncatedBeforeAnyPixelIsAllocated() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (String header : new String[] {"P5\n10000 10000\n255\n", "P2\n10000 10000\n255\n"}) {
            byte[] claim = concat(ascii(header), new byte[100]);
            long before = threads.getCurrentThreadAllocatedBytes();
            BadRecordException e = assertThrows(BadRecordException.class, () -> ImageDecoder.decode(claim, "h.pgm"));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(SkipReason.TRUNCATED_IMAGE, e.reason(), e.detail());
            assertTrue(allocated < 10_000_000, "allocated " + allocated + " bytes for a " + claim.length
                    + "-byte file");
        }
    }

    @Test
    void aHugeJpegDecodedWholeIsRefusedFromItsHeaderAsTooLargeBeforeAnyPixelIsAllocated() {
        byte[] huge = HugeJpeg.bytes();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        BadRecordException e = assertThrows(BadRecordException.class, () -> ImageDecoder.decode(huge, "huge.jpg"));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(SkipReason.IMAGE_TOO_LARGE, e.reason(), e.detail());
        assertTrue(e.detail().startsWith("huge.jpg: JPEG of 10000x10000 pixels would decode to 100,000,000 pixels,"
                + " more than the budget of 25,000,000"), e.detail());
        assertTrue(allocated < 10_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void aFailureInTheCallersSubsamplingIsABugThatPropagatesInsteadOfACorruptImage() {
        IllegalStateException bug = assertThrows(IllegalStateException.class, () -> ImageDecoder.read(ENCODED.jpeg(),
                "j.jpg", (width, height) -> {
                    throw new IllegalStateException("a bug in choosing the step");
                }));
        assertEquals("a bug in choosing the step", bug.getMessage());
    }

    @Test
    void emptyBytesAreAnEmptyFileAndTextIsNotAnImage() {
        BadRecordException empty = assertThrows(BadRecordException.class, () -> ImageDecoder.decode(new byte[0], "e"));
        assertEquals(SkipReason.EMPTY_FILE, empty.reason());
        BadRecordException text = assertThrows(BadRecordException.class,
                () -> ImageDecoder.decode(ascii("<html>"), "page.jpg"));
        assertEquals(SkipReason.NOT_AN_IMAGE, text.reason());
        assertTrue(text.detail().contains("page.jpg") && text.detail().contains("3c 68 74 6d 6c 3e"), text.detail());
    }

    @Test
    void jpegCutInHalfIsTruncatedAlthoughImageIoReturnsAPicture() throws IOException {
        byte[] jpeg = ImageEncoder.jpeg(TestImages.picture(250, 250), 0.9f);
        byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertNotNull(ImageIO.read(new ByteArrayInputStream(half)), "plain ImageIO silently fills the rest with grey");
        BadRecordException e = assertThrows(BadRecordException.class, () -> ImageDecoder.decode(half, "cut.jpg"));
        assertEquals(SkipReason.TRUNCATED_IMAGE, e.reason());
        assertTrue(e.detail().startsWith("cut.jpg: JPEG"), e.detail());
        assertReason(SkipReason.TRUNCATED_IMAGE, Arrays.copyOf(jpeg, jpeg.length - 2));
        assertReason(SkipReason.TRUNCATED_IMAGE, Arrays.copyOf(jpeg, 200));
    }

    @Test
    void jpegWithZeroPaddingAfterItsEndIsAccepted() throws Exception {
        byte[] jpeg = ENCODED.jpeg();
        assertEquals(64, ImageDecoder.decode(Arrays.copyOf(jpeg, jpeg.length + 16), "padded.jpg").getWidth());
    }

    @Test
    void jpegWithDamagedStructureIsCorrupt() {
        byte[] jpeg = ImageEncoder.jpeg(TestImages.picture(250, 250), 0.9f);
        byte[] badTable = jpeg.clone();
        int table = indexOfMarker(jpeg, 0xc4);
        Arrays.fill(badTable, table + 5, table + 21, (byte) 0xff);
        assertReason(SkipReason.CORRUPT_IMAGE, badTable);
        for (int marker : new int[] {0xd3, 0xe5}) {
            byte[] strayMarker = new byte[jpeg.length + 2];
            int at = jpeg.length / 2;
            System.arraycopy(jpeg, 0, strayMarker, 0, at);
            strayMarker[at] = (byte) 0xff;
            strayMarker[at + 1] = (byte) marker;
            System.arraycopy(jpeg, at, strayMarker, at + 2, jpeg.length - at);
            assertReason(SkipReason.CORRUPT_IMAGE, strayMarker);
        }
    }

    @Test
    void cutPngGifAndBmpAreTruncated() {
        byte[] png = ENCODED.png();
        assertReason(SkipReason.TRUNCATED_IMAGE, Arrays.copyOf(png, png.length / 2));
        assertReason(SkipReason.TRUNCATED_IMAGE, Arrays.copyOf(png, png.length - 12));
        byte[] gif = ENCODED.gif();
        assertReason(SkipReason.TRUNCATED_IMAGE, Arrays.copyOf(gif, gif.length - 1));
        byte[] bmp = ENCODED.bmp();
        assertReason(SkipReason.TRUNCATED_IMAGE, Arrays.copyOf(bmp, bmp.length / 2));
    }

    @Test
    void anImageWhosePixelsAreNotKeptIsStillDecodedAndReportsItsFormatAndSize() throws Exception {
        BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        for (byte[] bytes : new byte[][] {ENCODED.jpeg(), ENCODED.png(), ImageEncoder.jpeg(grey, 0.9f)}) {
            DecodedImage checked = ImageDecoder.read(bytes, "face", Subsampling.NONE, (format, width, height) -> false);
            DecodedImage kept = ImageDecoder.read(bytes, "face");
            assertEquals(kept.format(), checked.format());
            assertEquals(kept.image().getWidth(), checked.width());
            assertEquals(kept.image().getHeight(), checked.height());
            assertFalse(checked.hasPixels());
            assertTrue(kept.hasPixels());
        }
        int[] asked = new int[2];
        ImageDecoder.read(ENCODED.jpeg(), "face", Subsampling.NONE, (format, width, height) -> {
            asked[0] = width;
            asked[1] = height;
            return format != ImageFormat.JPEG;
        });
        assertArrayEquals(new int[] {64, 48}, asked, "the caller decides from the header's size");
    }

    @Test
    void aFailureDoesNotSpoilTheNextDecode() throws Exception {
        byte[] jpeg = ENCODED.jpeg();
        assertReason(SkipReason.TRUNCATED_IMAGE, Arrays.copyOf(jpeg, jpeg.length / 2));
        assertEquals(64, ImageDecoder.decode(jpeg, "next.jpg").getWidth());
    }

    @Test
    void decodesTheOrlFacesAsNinetyTwoByOneHundredTwelve() throws Exception {
        String data = System.getProperty("mhlr.shared.data");
        Path face = data == null ? null : Path.of(data, "orl_faces", "s1", "1.pgm");
        Assumptions.assumeTrue(face != null && Files.exists(face), "shared data absent");
        BufferedImage image = ImageDecoder.decode(Files.readAllBytes(face), face.toString());
        assertEquals(92, image.getWidth());
        assertEquals(112, image.getHeight());
    }

    /** The bytes are refused for {@code expected}, and in the same words when the caller keeps no pixels. */
    private static void assertReason(SkipReason expected, byte[] bytes) {
        BadRecordException kept = assertThrows(BadRecordException.class, () -> ImageDecoder.decode(bytes, "bytes"));
        assertEquals(expected, kept.reason(), kept.detail());
        BadRecordException checked = assertThrows(BadRecordException.class,
                () -> ImageDecoder.read(bytes, "bytes", Subsampling.NONE, (format, width, height) -> false));
        assertEquals(kept.detail(), checked.detail());
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker " + marker);
    }

    private static int[] greys(BufferedImage image) {
        byte[] data = BgrImages.data(image);
        int[] result = new int[data.length / 3];
        for (int i = 0; i < result.length; i++) {
            assertEquals(data[3 * i], data[3 * i + 1]);
            assertEquals(data[3 * i], data[3 * i + 2]);
            result[i] = data[3 * i] & 0xff;
        }
        return result;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
