package mhlr.core.image;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;

/**
 * Decodes image bytes of any {@link ImageFormat} to packed TYPE_3BYTE_BGR, or says precisely why not.
 *
 * <p>JPEG, PNG, BMP and GIF go through the JDK's ImageIO readers (one cached reader per format and thread);
 * PGM through {@link PgmReader}. ImageIO fills a truncated image with grey instead of failing, so each format's
 * end is checked as well: a JPEG without its end-of-image marker (FF D9) at its end while the decoder warned
 * (it warns "missing EOI marker" when data runs out); a PNG without its IEND chunk; a GIF without its trailer
 * byte; a BMP shorter than its header's file size. Those are {@link SkipReason#TRUNCATED_IMAGE}. A complete
 * JPEG whose decoder still warns about corrupt data or a missing end is {@link SkipReason#CORRUPT_IMAGE}; the
 * harmless warning about extraneous bytes before a marker (common in camera files) is accepted. Damage inside
 * entropy-coded data that the decoder does not notice cannot be told from a real picture.
 *
 * <p>Memory is budgeted from the header, before any pixel is decoded: a header claiming more than
 * {@link #MAX_PIXELS} is {@link SkipReason#CORRUPT_IMAGE}; a caller that needs fewer pixels (ingest, whose faces
 * are 112x112) passes a {@link Subsampling} and the readers decode only every n-th pixel of every n-th row
 * (ImageIO's source subsampling: a 10000x10000 JPEG of 1.2 MB costs a few MB of heap, not 300 MB); an image that
 * would still decode to more than {@link #MAX_DECODED_PIXELS} is {@link SkipReason#IMAGE_TOO_LARGE}.
 *
 * <p>A caller that only needs to know an image is whole (ingest stores an aligned 112x112 JPEG byte for byte) says so
 * with {@link KeepPixels}: the image is decoded and checked all the same, but a plain colour JPEG is decoded to its
 * raw samples, without the colour conversion and the picture it would otherwise build.
 *
 * <p>Each exception's detail starts with the {@code source} given, e.g. {@code "a/b.jpg: JPEG ends ..."}.
 */
public final class ImageDecoder {
    /** Larger images are refused as corrupt rather than risking the heap (a broken header can claim anything). */
    static final long MAX_PIXELS = 100_000_000L;

    /** The pixels one image may decode to (75 MB as packed BGR): a 24-megapixel photo still decodes whole. */
    public static final long MAX_DECODED_PIXELS = 25_000_000L;

    private static final ThreadLocal<Readers> READERS = ThreadLocal.withInitial(Readers::new);

    private ImageDecoder() {
    }

    /** The pixels of an encoded image, packed TYPE_3BYTE_BGR (greyscale becomes three equal channels). */
    public static BufferedImage decode(byte[] bytes, String source) throws BadRecordException {
        return read(bytes, source).image();
    }

    /** Like {@link #decode} and also says which format the bytes were. */
    public static DecodedImage read(byte[] bytes, String source) throws BadRecordException {
        return read(bytes, source, Subsampling.NONE);
    }

    /**
     * Like {@link #read(byte[], String)}, decoding every n-th pixel of every n-th row, where {@code subsampling}
     * chooses n from the header's width and height.
     */
    public static DecodedImage read(byte[] bytes, String source, Subsampling subsampling)
            throws BadRecordException {
        return read(bytes, source, subsampling, KeepPixels.ALWAYS);
    }

    /**
     * Like {@link #read(byte[], String, Subsampling)}, keeping the pixels only when {@code pixels} says so from the
     * format and the header's size; the image is decoded whole and checked either way.
     */
    public static DecodedImage read(byte[] bytes, String source, Subsampling subsampling, KeepPixels pixels)
            throws BadRecordException {
        if (bytes.length == 0) {
            throw new BadRecordException(SkipReason.EMPTY_FILE, source + ": the file is empty (0 bytes)");
        }
        Optional<ImageFormat> detected = ImageFormat.detect(bytes);
        if (detected.isEmpty()) {
            throw new BadRecordException(SkipReason.NOT_AN_IMAGE, source + ": no JPEG, PNG, BMP, GIF or PGM signature;"
                    + " the file starts with " + firstBytes(bytes));
        }
        ImageFormat format = detected.get();
        if (format == ImageFormat.PGM) {
            BufferedImage image = PgmReader.read(bytes, source);
            boolean keep = pixels.keep(format, image.getWidth(), image.getHeight());
            return new DecodedImage(format, image.getWidth(), image.getHeight(),
                    keep ? BgrImages.packed(image) : null, 1);
        }
        return readImageIo(format, bytes, source, subsampling, pixels);
    }

    /**
     * Refuses an image of {@code width x height} that would decode, one pixel in {@code step} each way, to more than
     * {@link #MAX_DECODED_PIXELS}.
     */
    static void checkBudget(ImageFormat format, int width, int height, int step, String source)
            throws BadRecordException {
        long decoded = (long) ((width + step - 1) / step) * ((height + step - 1) / step);
        if (decoded > MAX_DECODED_PIXELS) {
            throw new BadRecordException(SkipReason.IMAGE_TOO_LARGE, String.format(Locale.ROOT, "%s: %s of %dx%d"
                    + " pixels would decode to %,d pixels%s, more than the budget of %,d per image", source, format,
                    width, height, decoded, step > 1 ? " at 1 in " + step : "", MAX_DECODED_PIXELS));
        }
    }

    private static DecodedImage readImageIo(ImageFormat format, byte[] bytes, String source, Subsampling subsampling,
            KeepPixels pixels) throws BadRecordException {
        Readers readers = READERS.get();
        ImageReader reader = readers.get(format);
        List<String> warnings = readers.warnings;
        warnings.clear();
        DecodedImage decoded;
        boolean failed = true;
        try {
            reader.setInput(new ByteArrayImageInputStream(bytes), true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw failure(format, bytes, source, e);
            }
            long pixelCount = (long) width * height;
            if (pixelCount > MAX_PIXELS || pixelCount <= 0) {
                throw new BadRecordException(SkipReason.CORRUPT_IMAGE, String.format("%s: %s header claims %dx%d"
                        + " pixels", source, format, width, height));
            }
            // Outside the catch: an exception in the caller's choices is a bug, not bad bytes.
            int step = Math.max(1, subsampling.step(width, height));
            checkBudget(format, width, height, step, source);
            boolean keep = pixels.keep(format, width, height);
            ImageReadParam param = null;
            if (step > 1) {
                param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = null;
            try {
                if (keep || !decodesRaw(format, reader)) {
                    image = reader.read(0, param);
                } else {
                    reader.readRaster(0, param);
                }
            } catch (IOException | RuntimeException e) {
                throw failure(format, bytes, source, e);
            }
            decoded = new DecodedImage(format, width, height, keep ? BgrImages.packed(image) : null, step);
            failed = false;
        } finally {
            reader.setInput(null);
            if (failed) {
                readers.discard(format);
            }
        }
        checkEnd(format, bytes, source, warnings);
        return decoded;
    }

    /**
     * Whether decoding to raw samples fails exactly when decoding to a picture would: a JPEG whose picture needs no
     * colour conversion beyond YCbCr (no embedded profile other than sRGB), so the only work left out is that
     * conversion. A CMYK JPEG (no picture type) or one with another profile is decoded to a picture.
     */
    private static boolean decodesRaw(ImageFormat format, ImageReader reader) {
        if (format != ImageFormat.JPEG || !reader.canReadRaster()) {
            return false;
        }
        try {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            return types.hasNext() && types.next().getColorModel().getColorSpace().isCS_sRGB();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static BadRecordException failure(ImageFormat format, byte[] bytes, String source, Exception e) {
        String message = describe(e);
        boolean ended = message.toLowerCase(Locale.ROOT).contains("premature end")
                || message.toLowerCase(Locale.ROOT).contains("unexpected end")
                || hasCause(e, EOFException.class) || !hasProperEnd(format, bytes);
        SkipReason reason = ended ? SkipReason.TRUNCATED_IMAGE : SkipReason.CORRUPT_IMAGE;
        String what = ended ? String.format("%s data ends early, after %,d bytes", format, bytes.length)
                : format + " cannot be decoded";
        return new BadRecordException(reason, source + ": " + what + ": " + message, e);
    }

    private static void checkEnd(ImageFormat format, byte[] bytes, String source, List<String> warnings)
            throws BadRecordException {
        if (!hasProperEnd(format, bytes) && (format != ImageFormat.JPEG || !warnings.isEmpty())) {
            throw new BadRecordException(SkipReason.TRUNCATED_IMAGE, String.format("%s: %s ends after %,d bytes"
                    + " without its %s%s", source, format, bytes.length, endName(format),
                    warnings.isEmpty() ? "" : " (decoder: " + String.join("; ", warnings) + ")"));
        }
        for (String warning : warnings) {
            boolean endedEarly = warning.contains("Premature end of JPEG file") || warning.contains("Missing EOI");
            boolean damaged = warning.startsWith("Corrupt JPEG data") && !warning.contains("extraneous bytes");
            if (endedEarly || damaged) {
                throw new BadRecordException(SkipReason.CORRUPT_IMAGE, source + ": JPEG data is damaged (decoder: "
                        + String.join("; ", warnings) + ")");
            }
        }
    }

    /** Whether the bytes end the way a complete file of the format ends. */
    static boolean hasProperEnd(ImageFormat format, byte[] bytes) {
        int n = bytes.length;
        switch (format) {
            case JPEG: {
                int end = n;
                while (end > 2 && bytes[end - 1] == 0) {
                    end--;
                }
                return end >= 4 && (bytes[end - 2] & 0xff) == 0xff && (bytes[end - 1] & 0xff) == 0xd9;
            }
            case PNG: {
                for (int i = Math.max(8, n - 64); i + 4 <= n; i++) {
                    if (bytes[i] == 'I' && bytes[i + 1] == 'E' && bytes[i + 2] == 'N' && bytes[i + 3] == 'D') {
                        return true;
                    }
                }
                return false;
            }
            case GIF:
                return n > 13 && bytes[n - 1] == 0x3b;
            case BMP: {
                long declared = (bytes[2] & 0xffL) | (bytes[3] & 0xffL) << 8 | (bytes[4] & 0xffL) << 16
                        | (bytes[5] & 0xffL) << 24;
                return declared == 0 || n >= declared;
            }
            default:
                return true;
        }
    }

    private static String endName(ImageFormat format) {
        return switch (format) {
            case JPEG -> "end-of-image marker FF D9";
            case PNG -> "IEND chunk";
            case GIF -> "trailer byte 3B";
            case BMP -> "declared file size";
            case PGM -> "pixels";
        };
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String firstBytes(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            text.append(String.format(i == 0 ? "%02x" : " %02x", bytes[i] & 0xff));
        }
        return text.toString();
    }

    /** One ImageIO reader per format, kept by a thread so it is not looked up for every image. */
    private static final class Readers {
        private final Map<ImageFormat, ImageReader> readers = new EnumMap<>(ImageFormat.class);
        private final List<String> warnings = new ArrayList<>();

        ImageReader get(ImageFormat format) {
            ImageReader reader = readers.get(format);
            if (reader == null) {
                Iterator<ImageReader> found = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
                if (!found.hasNext()) {
                    throw new IllegalStateException("this JDK has no ImageIO reader for " + format);
                }
                reader = found.next();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                readers.put(format, reader);
            }
            return reader;
        }

        /** Drops a reader whose state a failure may have broken. */
        void discard(ImageFormat format) {
            ImageReader reader = readers.remove(format);
            if (reader != null) {
                reader.dispose();
            }
        }
    }
}
