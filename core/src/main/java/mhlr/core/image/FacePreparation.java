package mhlr.core.image;

import java.awt.image.BufferedImage;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;

/**
 * The per-image work of ingest: whatever a user brings becomes the encoded 112x112 aligned face that is stored.
 *
 * <ul>
 *   <li>A JPEG or PNG that is already 112x112 and has no landmarks (or landmarks already on the template, within
 *       half a pixel) is stored as it is, byte for byte: no second JPEG generation. It is still decoded in full,
 *       so a broken file is caught here and not in training, but its pixels are not kept ({@link KeepPixels}).</li>
 *   <li>With landmarks, the face is aligned to the ArcFace template ({@link FaceAligner#align}).</li>
 *   <li>Without, the image is taken as a face crop and stretched to 112x112 ({@link FaceAligner#resize}).</li>
 * </ul>
 * Re-encoded faces are JPEG quality 95.
 *
 * <p>A large image is decoded subsampled ({@link ImageDecoder#read(byte[], String, Subsampling)}): one pixel in n
 * each way, n as large as leaves at least 4 decoded pixels across each pixel of the face
 * (from the image's size when resizing, from the landmarks' scale when aligning), with the landmarks divided by n.
 * An image whose smaller side is under 896 pixels (resized) or whose face is under 8 times the template's size
 * (aligned) is decoded whole, so what is stored for it does not change.
 */
public final class FacePreparation {
    /** JPEG quality of re-encoded faces. */
    public static final float JPEG_QUALITY = 0.95f;

    /** How far (pixels, at any template point) landmarks may sit from the template and still count as aligned. */
    private static final double ALIGNED_TOLERANCE = 0.5;

    /** Decoded pixels left across one pixel of the 112x112 face, at least, when a large image is subsampled. */
    private static final int KEPT_PER_FACE_PIXEL = 4;

    private FacePreparation() {
    }

    /**
     * The stored bytes for one image.
     *
     * @param bytes the file as the user has it
     * @param landmarksOrNull five landmarks {@code x1 y1 ... x5 y5} in the image's pixels, or {@code null}
     * @param source the file or record name, for the exception's detail
     * @throws BadRecordException when the bytes are no decodable image ({@link ImageDecoder}'s reasons) or the
     *     landmarks are unusable ({@link SkipReason#BAD_LANDMARK_LINE})
     */
    public static byte[] prepare(byte[] bytes, float[] landmarksOrNull, String source) throws BadRecordException {
        boolean aligned = landmarksOrNull == null || landmarksOrNull.length == 10 && onTemplate(landmarksOrNull);
        DecodedImage decoded = ImageDecoder.read(bytes, source, (width, height) -> step(width, height,
                landmarksOrNull), (format, width, height) -> !(aligned && storedAsItIs(format, width, height)));
        if (!decoded.hasPixels()) {
            return bytes;
        }
        BufferedImage image = decoded.image();
        int step = decoded.subsampling();
        if (landmarksOrNull == null) {
            return ImageEncoder.jpeg(FaceAligner.resize(image), JPEG_QUALITY);
        }
        if (landmarksOrNull.length != 10) {
            throw new BadRecordException(SkipReason.BAD_LANDMARK_LINE, source + ": need 5 landmarks (10 values), got "
                    + landmarksOrNull.length + " values");
        }
        try {
            return ImageEncoder.jpeg(FaceAligner.align(image, step == 1 ? landmarksOrNull
                    : subsampled(landmarksOrNull, step)), JPEG_QUALITY);
        } catch (IllegalArgumentException e) {
            throw new BadRecordException(SkipReason.BAD_LANDMARK_LINE, source + ": landmarks cannot align the face: "
                    + e.getMessage(), e);
        }
    }

    /** Whether an image of this format and size is stored byte for byte when it needs no alignment. */
    private static boolean storedAsItIs(ImageFormat format, int width, int height) {
        return (format == ImageFormat.JPEG || format == ImageFormat.PNG) && width == FaceAligner.SIZE
                && height == FaceAligner.SIZE;
    }

    /**
     * One pixel in how many, each way, a {@code width x height} image needs to be decoded: as many as leave
     * {@link #KEPT_PER_FACE_PIXEL} decoded pixels across each face pixel; 1 when the landmarks cannot say.
     */
    static int step(int width, int height, float[] landmarksOrNull) {
        double facePixelsPerImagePixel;
        if (landmarksOrNull == null) {
            facePixelsPerImagePixel = Math.max((double) FaceAligner.SIZE / width, (double) FaceAligner.SIZE / height);
        } else {
            try {
                double[] transform = FaceAligner.similarityTransform(landmarksOrNull);
                facePixelsPerImagePixel = Math.hypot(transform[0], transform[3]);
            } catch (IllegalArgumentException unusable) {
                return 1;
            }
        }
        double step = Math.floor(1 / (KEPT_PER_FACE_PIXEL * facePixelsPerImagePixel));
        return step >= 2 ? (int) Math.min(step, Math.min(width, height)) : 1;
    }

    /** Landmarks in the pixels of the image decoded one pixel in {@code step} each way. */
    private static float[] subsampled(float[] landmarks, int step) {
        float[] scaled = new float[landmarks.length];
        for (int i = 0; i < landmarks.length; i++) {
            scaled[i] = landmarks[i] / step;
        }
        return scaled;
    }

    private static boolean onTemplate(float[] landmarks) {
        float[] template = FaceAligner.template();
        for (int i = 0; i < 10; i++) {
            if (!(Math.abs(landmarks[i] - template[i]) <= ALIGNED_TOLERANCE)) {
                return false;
            }
        }
        return true;
    }
}
