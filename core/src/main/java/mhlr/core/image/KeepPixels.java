package mhlr.core.image;

/**
 * Whether a caller keeps the pixels of an image, decided from its format and its header's size before anything is
 * decoded. An image whose pixels are not kept is still decoded whole and checked exactly as one whose pixels are:
 * the answer only spares the work of building pixels nobody reads. Ingest stores an already aligned 112x112 JPEG
 * byte for byte and needs its decode only as the proof that the file is whole; a plain JPEG (colour, no embedded
 * colour profile other than sRGB) is then decoded to its raw samples, without the colour conversion and the
 * {@code BufferedImage} a picture needs.
 */
@FunctionalInterface
public interface KeepPixels {
    /** Every image's pixels are kept. */
    KeepPixels ALWAYS = (format, width, height) -> true;

    /** Whether the pixels of a {@code width x height} image in {@code format} are kept. */
    boolean keep(ImageFormat format, int width, int height);
}
