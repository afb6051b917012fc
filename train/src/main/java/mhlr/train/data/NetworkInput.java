package mhlr.train.data;

import java.awt.image.BufferedImage;
import mhlr.core.cli.UsageException;
import mhlr.core.image.ImageDecoder;
import mhlr.core.image.Pixels;
import mhlr.core.skip.BadRecordException;

/**
 * Stored face bytes to network input: decode ({@link ImageDecoder}), resize to the input side when it differs
 * ({@link Resize}), optionally mirror, and write RGB planes in [-1, 1] ({@link Pixels}). Used for training batches
 * and for verification during training, so both see images prepared the same way.
 */
public final class NetworkInput {
    private NetworkInput() {
    }

    /**
     * Writes one image of {@code 3 * size * size} values into {@code dest} from {@code offset}.
     *
     * @param source where the bytes came from, named in the error
     * @throws UsageException when the bytes do not decode (a damaged shard)
     */
    public static void write(byte[] encoded, String source, int size, boolean flip, float[] dest, int offset) {
        Pixels.toChw(decode(encoded, source, size), flip, dest, offset);
    }

    /** Writes the image into {@code dest} and its mirror image into {@code flipped}, both from {@code offset}. */
    public static void writeWithFlip(byte[] encoded, String source, int size, float[] dest, float[] flipped,
                                     int offset) {
        BufferedImage image = decode(encoded, source, size);
        Pixels.toChw(image, false, dest, offset);
        Pixels.toChw(image, true, flipped, offset);
    }

    private static BufferedImage decode(byte[] encoded, String source, int size) {
        try {
            return Resize.square(ImageDecoder.decode(encoded, source), size);
        } catch (BadRecordException e) {
            throw new UsageException("cannot decode the image at " + e.getMessage(), e);
        }
    }
}
