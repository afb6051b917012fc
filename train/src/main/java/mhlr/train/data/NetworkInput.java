package mhlr.train.data;

import java.awt.image.BufferedImage;
import mhlr.core.cli.UsageException;
import mhlr.core.image.ImageDecoder;
import mhlr.core.image.Pixels;
import mhlr.core.record.BadRecordException;

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
        BufferedImage image;
        try {
            image = ImageDecoder.decode(encoded, source);
        } catch (BadRecordException e) {
            throw new UsageException("cannot decode the image at " + e.getMessage(), e);
        }
        Pixels.toChw(Resize.square(image, size), flip, dest, offset);
    }
}
