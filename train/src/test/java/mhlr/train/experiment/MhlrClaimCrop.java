package mhlr.train.experiment;

import java.util.Locale;
import mhlr.core.image.FaceAligner;

/**
 * The fixed face square of a pre-aligned face collection, written as the five "landmarks" that ingest's aligner maps
 * onto the ArcFace template: the similarity transform between the two point sets is then exactly "cut out the square
 * at ({@code x}, {@code y}) with side {@code side}, scale it to 112x112". So the collection goes through ingest's own
 * alignment path (landmarks source, bilinear warp, JPEG 95) with no landmark detector and no extra copy of the
 * images, and the training and the scored images get the same crop.
 *
 * <p>The squares were read off the mean image of the collections: for LFW-a (250x250) the 140-pixel square at
 * (54, 48) puts the mean face's eyes, nose and mouth on the template points; ORL (92x112) is centred on the face
 * already, so its full-width square from row 10 is used.
 *
 * @param x left edge in the source image, pixels
 * @param y top edge, pixels
 * @param side side of the square, pixels
 */
record MhlrClaimCrop(int x, int y, int side) {

    /** LFW-a's 250x250 grey images: the 140x140 square at (54, 48). */
    static final MhlrClaimCrop LFW_A = new MhlrClaimCrop(54, 48, 140);
    /** ORL's 92x112 images: the 92x92 square from row 10. */
    static final MhlrClaimCrop ORL = new MhlrClaimCrop(0, 10, 92);

    MhlrClaimCrop {
        if (x < 0 || y < 0 || side < 1) {
            throw new IllegalArgumentException("a crop needs x, y >= 0 and side >= 1, got " + x + ", " + y + ", "
                    + side);
        }
    }

    /**
     * The ArcFace template's five points ({@code x1 y1 ... x5 y5}) carried from the 112x112 frame into this square
     * of the source image.
     */
    float[] landmarks() {
        float[] template = FaceAligner.template();
        float[] points = new float[template.length];
        double scale = (double) side / FaceAligner.SIZE;
        for (int i = 0; i < template.length; i += 2) {
            points[i] = (float) (x + template[i] * scale);
            points[i + 1] = (float) (y + template[i + 1] * scale);
        }
        return points;
    }

    /** One line of a landmark file for the image {@code key}: {@code key x1 y1 ... x5 y5}. */
    String landmarkLine(String key) {
        StringBuilder line = new StringBuilder(key);
        for (float value : landmarks()) {
            line.append(' ').append(String.format(Locale.ROOT, "%.4f", value));
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return side + "x" + side + " at (" + x + ", " + y + ")";
    }
}
